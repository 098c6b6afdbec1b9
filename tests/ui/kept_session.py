"""A warm start in the test process, as app.bootstrap runs it: a last session that keeps its
start page's record, then a start that shows the kept page, attaches the services around it and
swaps the real page in."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.api.backend import ApiKind
from app.demo import DemoServerThread
from app.services.context import AppServices
from app.services.settings import SettingsStore
from app.ui.first_page import FirstPage
from app.ui.first_paint import FILE_NAME
from app.ui.first_paint.capture import captured, keep
from app.ui.first_paint.phase import make_window, show_and_paint
from app.ui.main_window import MainWindow
from app.ui.pages.catalog_page import CatalogPage
from tests.qt_loop import until
from tests.ui.conftest import close_window


def services_for(demo_thread: DemoServerThread, home: Path) -> AppServices:
    settings = SettingsStore(home / "config" / "settings.ini")
    return AppServices(settings, demo_thread.api_base(), home / "cache", api_kind=ApiKind.V2)


async def keep_a_session(demo_thread: DemoServerThread, home: Path) -> None:
    """A session that showed the start page at the window's first size and kept it."""
    services = services_for(demo_thread, home)
    await services.start()
    window = MainWindow(services)  # at the size it is made with: only that is kept
    window.show()
    record = home / "cache" / FILE_NAME
    try:
        grid = window.page_for("updates", CatalogPage).grid
        grid.watch_posters_painted()
        await until(lambda: grid.painted_with_posters, within=20, message="no posters")

        def kept() -> bool:  # the posters reach the disk cache a moment after the screen
            keep(window, home / "cache", wait=True)
            return record.is_file()

        await until(kept, within=20, message="the first page was not kept")
    finally:
        await close_window(window)
        await services.shutdown()


async def shown_with_posters_on_disk(window: MainWindow, cache: Path) -> CatalogPage:
    """The start page painted with its posters, and those posters in the disk cache (they
    reach it a moment after the screen)."""
    page = window.page_for("updates", CatalogPage)
    page.grid.watch_posters_painted()
    await until(lambda: page.grid.painted_with_posters, within=20, message="no posters")

    def on_disk() -> bool:
        kept = captured(window)
        posters = cache / "posters"
        return kept is not None and all((posters / n).is_file() for n in kept.posters())

    await until(on_disk, within=20, message="the posters never reached the disk")
    return page


class WarmStart:
    """The second start: its services, the window with the kept page, then attached."""

    def __init__(self, demo_thread: DemoServerThread, home: Path) -> None:
        self.home = home
        self.services = services_for(demo_thread, home)
        self.first = FirstPage(self.services, shows_catalogue=True)
        self.window: MainWindow | None = None
        self._listening: asyncio.Future[None] | None = None

    def show_kept(self) -> MainWindow:
        """Phase one: the kept page on screen, before the services start."""
        window = make_window(self.home / "cache", self.services.settings)
        assert window is not None, "the kept record was not used"
        self.window = window
        show_and_paint(window)
        return window

    async def attach(self) -> CatalogPage:
        """Phase two, as start-up runs it: the library, the window around the kept page, the
        API opened once the page is painted."""
        assert self.window is not None
        await self.services.start_library()
        await self.first.before_window()
        self.window.attach(self.services)
        page = self.window.page_for("updates", CatalogPage)
        page.grid.watch_posters_painted()
        self._listening = asyncio.ensure_future(self.first.refresh(page.grid))
        return page

    async def close(self) -> None:
        if self._listening is not None:
            await self._listening
        if self.window is not None:
            await close_window(self.window)
        await self.services.shutdown()
