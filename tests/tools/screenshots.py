"""Grabs every page of the app against the demo server into PNG files, for a person to look at.

xvfb-run -a .venv/bin/python -m tests.tools.screenshots shots/ [--lang en] [--api v1]
(--titles-only: the first page and the title pages, with the episode list in view)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from app.demo import DemoServerThread
    from app.services.context import AppServices
    from app.ui.main_window import MainWindow
    from tests.ui.fake_lists import FakeLists


async def _settle(seconds: float) -> None:
    await asyncio.sleep(seconds)


async def capture(out: Path, language: str, api: str, titles_only: bool = False) -> None:
    from app.ui.main_window import MainWindow
    from tests.ui.fake_lists import FakeLists

    demo, services = await _start(language, api)
    shot = _Shots(out, f"{language}-{api}")
    # The lists in memory, signed out at first: the shots do not depend on the account's server.
    lists = FakeLists(available=False)
    window = MainWindow(services, lists=lists)
    window.resize(1320, 860)
    window.show()
    try:
        await _grab_pages(window, shot, titles_only)
        await _grab_titles(window, services, shot)
        if not titles_only:
            if services.account.available:
                await _grab_account(window, services, shot)
                await _grab_lists(window, services, shot, lists)
            await _grab_search_player_offline(window, services, shot)
    finally:
        window.shutdown_player()
        window.close()
        await services.shutdown()
        demo.stop()


async def _start(language: str, api: str) -> tuple[DemoServerThread, AppServices]:
    """The demo server, and services on it with a favourite and progress in the library."""
    from app.api.backend import ApiKind
    from app.demo import DemoConfig, DemoServerThread
    from app.services.context import AppServices
    from app.services.settings import SettingsStore
    from app.ui import theme
    from app.ui.i18n import install_language

    demo = DemoServerThread(DemoConfig()).start()
    home = Path(tempfile.mkdtemp(prefix="libria-shots-"))
    settings = SettingsStore(home / "settings.ini")
    settings.override("language", language)
    install_language(language)
    theme.apply(QApplication.instance())  # type: ignore[arg-type]
    kind = ApiKind(api)
    base = demo.api_base_v1 if kind is ApiKind.V1 else demo.api_base()
    services = AppServices(settings, base, home / "cache", api_kind=kind)
    await services.start()
    for title_id, episode, position in ((9005, 1, 30.0), (9010, 2, 12.0), (9003, 1, 21.0)):
        full = await services.catalog.title(id=title_id)  # kept, as the title page does
        await services.library.record(full.id, episode, position, 30.0)
        await services.library.set_favourite(full, True)
    return demo, services


class _Shots:
    def __init__(self, out: Path, suffix: str) -> None:
        self.out = out
        self.suffix = suffix

    def save(self, window: MainWindow, name: str) -> None:
        window.grab().save(str(self.out / f"{name}-{self.suffix}.png"))


async def _grab_pages(window: MainWindow, shot: _Shots, titles_only: bool) -> None:
    """Every page the rail offers, in its order (only the first with titles_only)."""
    for row, entry in enumerate(window.pages.entries):
        if titles_only and row:
            break
        if window.rail.item(entry.key).isHidden():
            continue  # a list this API does not have
        window.show_page(entry.key)
        await _settle(2.5)
        name = window.pages.get(entry.key).__class__.__name__
        shot.save(window, f"{row + 1:02d}-{name}")


async def _grab_titles(window: MainWindow, services: AppServices, shot: _Shots) -> None:
    from app.ui.pages.catalog_page import CatalogPage

    window.show_page("updates")
    await _settle(1.0)
    first = window.page_for("updates", CatalogPage).model.item(0)
    window.open_title(first)  # type: ignore[arg-type]
    await _settle(2.5)
    shot.save(window, "10-TitlePage")
    window.title_page.scroller.ensureWidgetVisible(window.title_page.view.episodes)
    await _settle(1.0)  # the stills
    shot.save(window, "10a-TitlePage-episodes")
    related = await services.catalog.title(id=9001)  # a franchise of three on v1
    window.open_title(related)
    await _settle(2.5)
    view = window.title_page.view
    window.title_page.scroller.ensureWidgetVisible(view.franchise)
    await _settle(0.5)
    shot.save(window, "10b-TitlePage-franchise")
    hostile = await services.catalog.title(id=9013)
    window.open_title(hostile)
    await _settle(2.5)
    shot.save(window, "11-TitlePage-hostile")


async def _grab_account(window: MainWindow, services: AppServices, shot: _Shots) -> None:
    """The sign-in dialog with its code, then the rail signed in (the demo's password)."""
    window.show_page("updates")
    window.rail.account_button.click()
    dialog = window.account_entry.dialog
    assert dialog is not None
    await _settle(1.5)
    dialog.grab().save(str(shot.out / f"16-SignIn-code-{shot.suffix}.png"))
    dialog.tabs.setCurrentIndex(1)
    dialog.login_field.setText("demo")
    await _settle(0.3)
    dialog.grab().save(str(shot.out / f"16a-SignIn-password-{shot.suffix}.png"))
    dialog.reject()
    await services.account.sign_in("demo", "demo")
    await _settle(0.5)
    shot.save(window, "17-Rail-signed-in")


async def _grab_lists(
    window: MainWindow, services: AppServices, shot: _Shots, lists: FakeLists
) -> None:
    """Signed in: titles in lists, the lists page, the cards' badges, the chooser's menu open."""
    from app.core.account import Collection
    from app.ui.pages.catalog_page import CatalogPage

    lists.set_available(True)
    updates = window.page_for("updates", CatalogPage)
    chosen = zip(updates.model.items()[:4], list(Collection), strict=False)
    for title, collection in chosen:
        lists.set_collection(title, collection)  # type: ignore[arg-type]
    window.show_page("lists")
    await _settle(2.5)
    shot.save(window, "18-Lists")
    window.show_page("updates")
    await _settle(1.0)
    shot.save(window, "18a-Cards-badges")
    window.open_title(updates.model.items()[0])  # type: ignore[arg-type]
    await _settle(2.0)
    chooser = window.title_page.view.list_chooser
    chooser.list_menu.popup(chooser.mapToGlobal(chooser.rect().bottomLeft()))
    await _settle(0.5)
    screen = window.screen()  # the menu is a window of its own: the screen shows both
    screen.grabWindow(0).save(str(shot.out / f"18b-ListChooser-{shot.suffix}.png"))
    chooser.list_menu.close()


async def _grab_search_player_offline(
    window: MainWindow, services: AppServices, shot: _Shots
) -> None:
    from app.ui.pages.search_page import SearchPage

    window.show_page("search")
    window.page_for("search", SearchPage).field.setText("легенда драконна")
    await _settle(2.5)
    shot.save(window, "12-Search-typo")
    playing = await services.catalog.title(id=9003)
    window.services.playback.play(playing, playing.player.episodes[0])
    await _settle(4.0)
    shot.save(window, "13-Player")
    window.player.toggle_fullscreen()
    await _settle(2.0)
    shot.save(window, "14-Player-fullscreen")
    window.player.toggle_fullscreen()
    await _settle(0.5)
    window.go_back()
    await services.api.set_base_url("http://127.0.0.1:9/v2")  # the server goes away
    window.show_page("updates")
    await _settle(3.0)
    shot.save(window, "15-Offline")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="ru")
    parser.add_argument("--api", choices=("v1", "v2"), default="v2")
    parser.add_argument("--titles-only", action="store_true", help="the first page and titles")
    args = parser.parse_args()
    os.environ["LC_NUMERIC"] = "C"
    os.environ.setdefault("LIBRIA_AUDIO_OUTPUT", "null")
    args.out.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    from app.ui.event_loop import EventLoop

    loop = EventLoop(app)
    with loop:
        loop.run_until_complete(capture(args.out, args.lang, args.api, args.titles_only))
    return 0


if __name__ == "__main__":
    sys.exit(main())
