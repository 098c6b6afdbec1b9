"""The library in the window: stars, favourites, continue watching, history, export/import,
starting offline from the kept copies, and a damaged library file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest

from app.core import Title
from app.demo import DemoConfig, DemoServerThread
from app.services.context import AppServices
from app.services.settings import SettingsStore
from app.services.state import LoadState
from app.ui import labels
from app.ui.catalog.delegate import star_rect
from app.ui.catalog.model import FavouriteRole, PosterRole
from app.ui.main_window import MainWindow
from app.ui.pages.catalog_page import CatalogPage
from app.ui.pages.favourites_page import FavouritesPage
from app.ui.pages.history_page import HistoryPage
from app.ui.pages.schedule_page import SchedulePage
from tests.ui.conftest import close_window, open_window, until

translate = QCoreApplication.translate


async def loaded_updates(window: MainWindow) -> list[Title]:
    page = window.page_for("updates", CatalogPage)
    await until(lambda: page.query.state is LoadState.READY)
    return [item for item in page.model.items() if isinstance(item, Title)]


async def test_a_star_on_a_card_adds_a_favourite_that_outlives_the_session(
    window: MainWindow, services: AppServices, tmp_path: Path
) -> None:
    titles = await loaded_updates(window)
    updates = window.page_for("updates", CatalogPage)
    grid = updates.grid
    index = grid.model().index(2, 0)
    assert index.data(FavouriteRole) is False
    QTest.mouseClick(
        grid.viewport(), Qt.MouseButton.LeftButton, pos=star_rect(grid.visualRect(index)).center()
    )
    await until(lambda: services.library.is_favourite(titles[2].id))
    assert index.data(FavouriteRole) is True
    assert window.stack.currentWidget() is updates  # the click did not open the title
    window.show_page("favourites")
    page = window.page_for("favourites", FavouritesPage)
    await until(lambda: [t.id for t in page.titles()] == [titles[2].id])
    # The title page shows the star lit, and its button takes the favourite off again.
    window.open_title(titles[2])
    button = window.title_page.view.favourite_button
    await until(lambda: button.isChecked())
    lit = button.text()
    button.click()
    await until(lambda: not services.library.is_favourite(titles[2].id))
    assert not button.isChecked() and button.text() != lit  # its words follow, whatever they are
    button.click()
    await until(lambda: services.library.is_favourite(titles[2].id))
    # A new run of the app (same data directory) still has it.
    again = AppServices(services.settings, services.api.base_url, tmp_path / "cache")
    await again.start()
    try:
        assert again.library.is_favourite(titles[2].id)
    finally:
        await again.shutdown()


async def test_continue_watching_resumes_where_the_user_stopped(
    window: MainWindow, services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles = await loaded_updates(window)
    full = [await services.catalog.title(id=t.id) for t in titles[:8]]  # kept, as a page does
    first, second = [t for t in full if len(t.player.episodes) >= 2][:2]
    await services.library.record(first.id, 1, 29.0, 30.0)  # watched: next is episode 2
    await services.library.record(second.id, 1, 12.5, 30.0)  # unfinished: resume at 12.5 s
    shelf = window.shelf
    assert shelf is not None
    await until(lambda: len(shelf.items()) == 2 and shelf.isVisible())
    latest, earlier = shelf.items()
    assert (latest.title.id, latest.episode.number, latest.position) == (second.id, 1.0, 12.5)
    assert (earlier.title.id, earlier.episode.number, earlier.position) == (first.id, 2.0, 0.0)
    played: list[tuple[Title, float]] = []
    services.playback.requested.connect(lambda title, episode, _: played.append((title, episode)))
    QTest.mouseClick(
        shelf.cards.viewport(), Qt.MouseButton.LeftButton,
        pos=shelf.cards.visualItemRect(shelf.cards.item(0)).center(),
    )  # fmt: skip
    await until(lambda: played)
    title, episode = played[0]
    assert title.id == second.id and episode.number == 1.0
    choice = await services.streams.resolve(title, episode)
    assert choice.resume_at == 12.5  # the player starts where the user stopped


async def test_history_lists_removes_and_clears(window: MainWindow, services: AppServices) -> None:
    titles = await loaded_updates(window)
    await services.catalog.title(id=titles[0].id)
    await services.library.record(titles[0].id, 1, 100.0, 1400.0)
    await services.library.record(titles[0].id, 2, 1400.0, 1400.0)
    await services.library.record(titles[1].id, 3, 5.0, 1400.0)
    window.show_page("history")
    page = window.page_for("history", HistoryPage)
    await until(lambda: len(page.entries()) == 3)
    assert page.table.item(0, 2).text() == "3"
    assert page.table.item(1, 1).text() == titles[0].names.main
    assert page.entries()[1].progress.watched
    assert page.table.item(1, 3).text() == translate("HistoryPage", "watched")  # not a time
    page.table.selectRow(0)
    page.remove_button.click()
    await until(lambda: len(page.entries()) == 2)
    assert await services.library.saved(titles[1].id, 3) is None
    page.table.clearSelection()
    page.clear_button.click()  # the first click only asks
    assert page.clear_button.text() == translate("HistoryPage", "Click again to clear everything")
    await until(lambda: len(page.entries()) == 2, within=1)
    page.clear_button.click()
    await until(lambda: page.state.currentWidget() is not page.table)
    assert await services.library.history() == []


async def test_export_then_import_into_another_library(
    window: MainWindow, services: AppServices, tmp_path: Path
) -> None:
    titles = await loaded_updates(window)
    await services.library.set_favourite(titles[0], True)
    await services.library.record(titles[0].id, 1, 300.0, 1400.0)
    exported = tmp_path / "export.json"
    told: list[str] = []  # what the status bar tells after each export or import
    window.files.finished.connect(told.append)
    window.files.export_to(exported)
    await until(lambda: len(told) == 1)
    assert window.statusBar().currentMessage() == told[0] and str(exported) in told[0]
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert [f["id"] for f in document["favourites"]] == [titles[0].id]
    await services.library.forget_all()
    await services.library.set_favourite(titles[0], False)
    window.files.import_from(exported)
    await until(lambda: len(told) == 2)
    imported = translate(
        "LibraryFiles",
        "Imported: %1 new favourites, %2 episodes updated, %3 kept because they were newer here",
    )
    counts = imported.replace("%1", "1").replace("%2", "1").replace("%3", "0")
    assert window.statusBar().currentMessage() == told[1] == counts
    assert services.library.is_favourite(titles[0].id)
    saved = await services.library.saved(titles[0].id, 1)
    assert saved is not None and saved.position == 300.0
    broken = tmp_path / "broken.json"
    broken.write_text("{oops", encoding="utf-8")
    window.files.import_from(broken)
    await until(lambda: len(told) == 3)
    refused = translate("LibraryFiles", "Import failed, nothing changed: %1").split("%1")[0]
    assert window.statusBar().currentMessage() == told[2] and told[2].startswith(refused)
    assert services.library.is_favourite(titles[0].id)


async def test_starting_offline_shows_the_kept_pages(tmp_path: Path) -> None:
    settings = SettingsStore(tmp_path / "config" / "settings.ini")
    demo = DemoServerThread(DemoConfig()).start()
    base = demo.api_base()
    online = AppServices(settings, base, tmp_path / "cache")
    await online.start()
    window = await open_window(online)
    try:
        titles = await loaded_updates(window)
        grid_index = window.page_for("updates", CatalogPage).model.index(0, 0)
        await until(lambda: grid_index.data(PosterRole) is not None)  # poster on disk now
        window.show_page("schedule")
        schedule = window.page_for("schedule", SchedulePage)
        await until(lambda: schedule.query.state is LoadState.READY)
        window.open_title(titles[3])
        await until(lambda: window.title_page.query.state is LoadState.READY)
        episodes_online = window.title_page.view.episodes.count()
        assert episodes_online > 0
        await online.library.set_favourite(titles[3], True)
    finally:
        await close_window(window)
        await online.shutdown()
        demo.stop()  # the server is gone for the second run

    offline = AppServices(settings, base, tmp_path / "cache")
    await offline.start()
    window = await open_window(offline)
    try:
        again = await loaded_updates(window)
        assert [t.id for t in again] == [t.id for t in titles]
        banner = window.banners.offline
        await until(lambda: banner.isVisible())
        kept_at = offline.connectivity.data_time  # the kept pages' time, told in the banner
        assert kept_at > 0 and labels.date_time(kept_at) in banner.label.text()
        grid_index = window.page_for("updates", CatalogPage).model.index(0, 0)
        await until(lambda: grid_index.data(PosterRole) is not None)  # from the disk cache
        window.show_page("favourites")
        favourites = window.page_for("favourites", FavouritesPage)
        await until(lambda: [t.id for t in favourites.titles()] == [titles[3].id])
        window.show_page("schedule")
        schedule = window.page_for("schedule", SchedulePage)
        await until(lambda: schedule.query.state is LoadState.READY)
        window.open_title(titles[3])
        await until(lambda: window.title_page.query.state is LoadState.READY)
        assert window.title_page.view.episodes.count() == episodes_online
    finally:
        await close_window(window)
        await offline.shutdown()


async def test_a_damaged_library_is_set_aside_and_the_user_told(tmp_path: Path) -> None:
    demo = DemoServerThread(DemoConfig()).start()
    data = tmp_path / "data"
    data.mkdir()
    (data / "library.sqlite3").write_bytes(b"\x00garbage" * 4096)
    services = AppServices(
        SettingsStore(tmp_path / "config" / "settings.ini"), demo.api_base(), tmp_path / "cache"
    )
    await services.start()
    window = await open_window(services)
    try:
        banner = window.banners.warning
        assert banner.isVisible()
        aside = services.library.moved_aside
        assert aside is not None and str(aside) in banner.label.text()
        assert aside.read_bytes().startswith(b"\x00garbage")
        titles = await loaded_updates(window)
        await services.library.set_favourite(titles[0], True)  # the fresh library works
        assert services.library.is_favourite(titles[0].id)
    finally:
        await close_window(window)
        await services.shutdown()
        demo.stop()
