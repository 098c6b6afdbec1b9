"""A window closed while its pages still load: the loads end with it (cancelled), and none
writes into the deleted widgets afterwards."""

from __future__ import annotations

import asyncio
from typing import Any

import shiboken6

from app.services.context import AppServices
from app.services.state import LoadState
from app.ui.main_window import MainWindow
from app.ui.pages.favourites_page import FavouritesPage
from app.ui.pages.history_page import HistoryPage
from tests.ui.conftest import open_window, until


def under_way(name: str) -> asyncio.Task[Any]:
    tasks = [t for t in asyncio.all_tasks() if t.get_name() == name and not t.done()]
    assert len(tasks) == 1, f"one {name} task under way: {tasks}"
    return tasks[0]


async def shown(services: AppServices) -> MainWindow:
    """The window with the history and favourites pages built and their first loads done."""
    window = await open_window(services)
    pages = []
    for key, kind in (("history", HistoryPage), ("favourites", FavouritesPage)):
        window.show_page(key)  # each loads when first shown
        pages.append(window.page_for(key, kind))
    done = (LoadState.READY, LoadState.EMPTY)
    await until(lambda: all(page.state.state in done for page in pages), within=30)
    await until(lambda: not [t for t in asyncio.all_tasks() if t.get_name() == "continue-shelf"])
    return window


async def test_loads_under_way_when_the_window_goes_are_cancelled(
    services: AppServices,
) -> None:
    window = await shown(services)
    window.page_for("history", HistoryPage).reload()  # as a language change queued at close
    window.page_for("favourites", FavouritesPage).reload()
    assert window.shelf is not None
    window.shelf.refresh()
    loads = [under_way(n) for n in ("history-page", "favourites-page", "continue-shelf")]
    window.hide()  # (a visible last window deleted would end the event loop)
    shiboken6.delete(window)  # gone before any load got its rows
    await asyncio.wait(loads, timeout=10)
    assert [task.cancelled() for task in loads] == [True, True, True], [
        task.exception() for task in loads if not task.cancelled()
    ]
