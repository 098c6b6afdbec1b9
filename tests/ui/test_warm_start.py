"""A start with the last session's kept first page: the page is on screen, posters and all, before
the API has answered (before it is even opened), and the answer then lands in place."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex

from app.api.backend import ApiKind
from app.api.v2.backend import V2Backend
from app.core import Title
from app.demo import DemoServerThread
from app.services.context import AppServices
from app.services.settings import SettingsStore
from app.services.state import LoadState
from app.ui.catalog.model import PosterRole
from app.ui.first_page import FirstPage
from app.ui.i18n import install_language
from app.ui.pages.catalog_page import CatalogPage
from tests.ui.conftest import close_window, open_window, until


def _services(demo_thread: DemoServerThread, home: Path) -> AppServices:
    settings = SettingsStore(home / "config" / "settings.ini")
    return AppServices(settings, demo_thread.api_base(), home / "cache", api_kind=ApiKind.V2)


def _ids(page: CatalogPage) -> list[int]:
    return [item.id for item in page.model.items()]


def _visible_rows(page: CatalogPage) -> list[int]:
    grid, area = page.grid, page.grid.viewport().rect()
    rows = range(page.model.rowCount())
    return [row for row in rows if grid.visualRect(page.model.index(row, 0)).intersects(area)]


async def _last_session(demo_thread: DemoServerThread, home: Path) -> list[int]:
    """A session that showed the start page: the page kept, its visible posters on disk."""
    install_language("ru")
    services = _services(demo_thread, home)
    await services.start()
    window = await open_window(services)
    page = window.page_for("updates", CatalogPage)
    page.grid.watch_posters_painted()
    await until(lambda: page.grid.painted_with_posters, within=20, message="no posters")
    shown = _ids(page)
    await until(lambda: len(list((home / "cache" / "posters").glob("*.img"))) >= 4)
    await close_window(window)
    await services.shutdown()  # the library's writes (the kept page among them) are done
    return shown


class HeldUpdates:
    """The server's answer to the first page, held until the test lets it through."""

    def __init__(self) -> None:
        self.asked = asyncio.Event()
        self.release = asyncio.Event()

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        original = V2Backend.updates

        async def held(backend: V2Backend, after: int, limit: int) -> list[Title]:
            self.asked.set()
            await self.release.wait()
            return await original(backend, after, limit)

        monkeypatch.setattr(V2Backend, "updates", held)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldUpdates]:
    holder = HeldUpdates()
    holder.install(monkeypatch)
    yield holder
    holder.release.set()


def _new_ongoing_title(demo_thread: DemoServerThread, shown: list[int]) -> int:
    titles = demo_thread.server.catalog.titles.values()
    return next(t.id for t in titles if t.status == 1 and t.id not in shown)


async def test_the_kept_page_is_painted_before_the_api_answers_then_refreshed_in_place(
    demo_thread: DemoServerThread, tmp_path: Path, held: HeldUpdates
) -> None:
    held.release.set()  # the last session gets its answers at once
    shown = await _last_session(demo_thread, tmp_path)
    held.release.clear()
    newer = _new_ongoing_title(demo_thread, shown)
    demo_thread.call(demo_thread.server.push_episode(newer))  # first in the server's list now

    services = _services(demo_thread, tmp_path)
    await services.start_library()
    first = FirstPage(services, shows_catalogue=True)
    await first.before_window()
    window = await open_window(services)
    try:
        page = window.page_for("updates", CatalogPage)
        page.grid.watch_posters_painted()
        await until(lambda: page.grid.painted_with_posters, message="kept page not painted")
        # On screen from the kept copy and the poster cache: the API is not even open.
        assert not services.api.started and first.warm
        assert _ids(page) == shown
        assert all(page.model.index(r, 0).data(PosterRole) is not None for r in _visible_rows(page))
        scrollbar = page.grid.verticalScrollBar()
        await until(lambda: scrollbar.maximum() > 0)
        scrollbar.setValue(scrollbar.maximum() // 2)
        scrolled = scrollbar.value()
        resets: list[Any] = []
        page.model.modelReset.connect(lambda: resets.append(True))

        refreshing = asyncio.ensure_future(first.refresh(page.grid))
        await asyncio.wait_for(held.asked.wait(), 20)  # the request is out, its answer held
        assert _ids(page) == shown and page.query.state is LoadState.READY
        assert page.state.currentWidget() is page.grid  # no "loading" in place of the cards

        held.release.set()
        await refreshing
        await until(lambda: _ids(page)[:1] == [newer], message="the fresh page never came")
        assert _ids(page)[1:] == shown[:-1]  # the rest as they were, the last one pushed out
        assert not resets and scrollbar.value() == scrolled  # in place: no jump, no reset
        assert page.query.state is LoadState.READY
    finally:
        await close_window(window)
        await services.shutdown()


async def test_posters_missing_from_the_cache_come_from_the_network_once_it_opens(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    shown = await _last_session(demo_thread, tmp_path)
    for poster in (tmp_path / "cache" / "posters").glob("*.img"):
        poster.unlink()  # the kept page, but none of its posters
    services = _services(demo_thread, tmp_path)
    await services.start_library()
    first = FirstPage(services, shows_catalogue=True)
    await first.before_window()
    window = await open_window(services)
    try:
        page = window.page_for("updates", CatalogPage)
        page.grid.watch_posters_painted()
        opening = asyncio.ensure_future(first.refresh(page.grid))  # as start-up does
        await until(lambda: page.grid.painted_with_posters, within=20, message="no posters")
        assert services.api.started and _ids(page)[: len(shown)] == shown[: len(_ids(page))]
        await opening
    finally:
        await close_window(window)
        await services.shutdown()


async def test_merge_keeps_rows_of_titles_that_stay(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    services = _services(demo_thread, tmp_path)
    await services.start()
    window = await open_window(services)
    try:
        page = window.page_for("updates", CatalogPage)
        await until(lambda: page.query.state is LoadState.READY)
        titles = [item for item in page.model.items() if isinstance(item, Title)]
        moved: list[tuple[int, int]] = []
        page.model.rowsMoved.connect(
            lambda _p, start, _e, _d, row: moved.append((start, row))  # type: ignore[misc]
        )
        fresh = [titles[3], *titles[:3], *titles[5:]]  # one moved up, one gone
        page.model.merge(fresh)
        assert [t.id for t in page.model.items()] == [t.id for t in fresh]
        assert moved == [(3, 0)]
        assert page.model.index(0, 0) != QModelIndex()
    finally:
        await close_window(window)
        await services.shutdown()
