"""The main window against the demo server: every page, driven as a user would."""

from __future__ import annotations

from msgspec.structs import replace
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.api.backend import ApiKind
from app.core import Player, PlaylistUpdated, Title, TitleStatus, TitleUpdated, YouTubeVideo
from app.demo.catalog import HOSTILE_TITLE_ID
from app.services.api import Feature
from app.services.context import AppServices
from app.services.settings import SettingsStore
from app.services.state import LoadState
from app.ui import labels
from app.ui.catalog.model import ItemRole, PosterRole
from app.ui.i18n import follow_language
from app.ui.main_window import MainWindow
from app.ui.pages.catalog_page import CatalogPage
from app.ui.pages.episode_list import EpisodeRole
from app.ui.pages.registry import PAGES
from app.ui.pages.schedule_page import SchedulePage
from app.ui.pages.search_page import SearchPage
from app.ui.pages.tables import RandomPage, SeedStatsPage, TeamPage, YouTubePage
from tests.ui.conftest import until

translate = QCoreApplication.translate


async def _ready(page: CatalogPage) -> None:
    await until(lambda: page.query.state is LoadState.READY, message="page did not load")


async def test_navigation_rail_is_russian_by_default(window: MainWindow) -> None:
    labels = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert labels == [
        "Новые серии", "Избранное", "История", "Мои списки", "Загрузки", "Изменения", "Лента",
        "Поиск", "Расписание", "Случайный", "YouTube", "Команда", "Статистика трекера",
    ]  # fmt: skip


async def test_the_rail_offers_only_the_pages_the_api_has(
    window: MainWindow, services: AppServices
) -> None:
    needing = {entry.key: entry.feature for entry in PAGES if entry.feature is not None}
    assert needing == {
        "lists": Feature.ACCOUNTS, "changes": Feature.CHANGES, "stats": Feature.SEED_STATS,
    }  # fmt: skip
    for key, feature in needing.items():
        assert window.rail.item(key).isHidden() is not services.api.has(feature)
    assert not any(window.rail.item(e.key).isHidden() for e in PAGES if e.feature is None)
    window.show_page("team")
    window.rail.apply_features(lambda feature: feature is not Feature.SEED_STATS)
    assert window.rail.item("stats").isHidden() and not window.rail.item("changes").isHidden()
    assert window.stack.currentWidget() is window.page_for("team", TeamPage)  # stays
    window.rail.apply_features(lambda feature: True)
    window.show_page("stats")
    window.rail.apply_features(lambda feature: feature is not Feature.SEED_STATS)
    assert window.rail.item("stats").isHidden()  # the page it was on is gone: the first one
    assert window.stack.currentWidget() is window.page_for("updates", CatalogPage)


async def test_live_updates_reach_the_pages_models(
    window: MainWindow, services: AppServices
) -> None:
    updates = window.page_for("updates", CatalogPage)
    await _ready(updates)
    window.show_page("feed")
    feed = window.page_for("feed", CatalogPage)
    await _ready(feed)
    row, shown = next((r, t) for r, t in enumerate(feed.model.items()) if isinstance(t, Title))
    renamed = replace(shown, names=replace(shown.names, ru="Новое имя"))
    services.updates.title_updated.emit(TitleUpdated(hash="renamed", title=renamed))
    await until(lambda: not window.live_updates.pending)  # updates reach the pages in batches
    item = feed.model.item(row)
    assert isinstance(item, Title) and item.names.ru == "Новое имя"  # in place
    top, older = updates.model.items()[0], updates.model.items()[5]
    assert isinstance(top, Title) and isinstance(older, Title) and older.updated < top.updated
    services.updates.title_updated.emit(TitleUpdated(hash="old", title=older))
    await until(lambda: not window.live_updates.pending)
    assert updates.model.items()[5] == older  # no new episode: it keeps its place
    newer = replace(older, updated=top.updated + 60)
    services.updates.title_updated.emit(TitleUpdated(hash="new", title=newer))
    await until(lambda: not window.live_updates.pending)
    assert updates.model.items()[0] == newer  # a new episode: first in "New episodes"
    window.open_title(older)
    await until(lambda: window.title_page.query.state is LoadState.READY)
    loads: list[Title] = []
    window.title_page.query.loaded.connect(loads.append)
    event = PlaylistUpdated(hash="more", title_id=older.id, episode=1.0, player=Player())
    services.updates.playlist_updated.emit(event)
    await until(lambda: loads)  # the open title page loads the new playlist


async def test_new_episodes_grid_loads_posters_and_the_next_page(window: MainWindow) -> None:
    page = window.page_for("updates", CatalogPage)
    await _ready(page)
    model = page.model
    assert model.rowCount() == 30
    first = model.index(0).data(ItemRole)
    assert isinstance(first, Title) and first.names.ru
    await until(lambda: model.index(0).data(PosterRole) is not None, message="no poster")
    assert not model.index(0).data(PosterRole).isNull()
    page.grid.verticalScrollBar().setValue(page.grid.verticalScrollBar().maximum())
    await until(lambda: model.rowCount() == 60, message="no second page")
    ids = [model.index(row).data(ItemRole).id for row in range(60)]
    assert len(set(ids)) == 60, "the second page continues the first"
    updated = [model.index(row).data(ItemRole).updated for row in range(60)]
    assert updated == sorted(updated, reverse=True)


async def test_changes_and_feed(window: MainWindow, services: AppServices) -> None:
    changes = window.rail.item("changes")
    if services.api.kind is ApiKind.V1:  # v1 has no list of changes: the row is not offered
        assert changes.isHidden()
    else:
        assert not changes.isHidden()
        window.show_page("changes")
        await _ready(window.page_for("changes", CatalogPage))
    window.show_page("feed")
    feed = window.page_for("feed", CatalogPage)
    await _ready(feed)
    items = feed.model.items()
    assert any(isinstance(i, Title) for i in items)
    assert any(isinstance(i, YouTubeVideo) for i in items)


async def test_opening_a_title_shows_episodes_and_torrents(window: MainWindow) -> None:
    page = window.page_for("updates", CatalogPage)
    await _ready(page)
    index = page.model.index(1)
    brief: Title = index.data(ItemRole)
    page.grid.doubleClicked.emit(index)
    assert window.stack.currentWidget() is window.title_page
    view = window.title_page.view
    assert view.name_first.text() == brief.names.ru  # shown at once, before the details arrive
    await until(lambda: window.title_page.query.state is LoadState.READY)
    full = window.title_page.query.value
    assert view.episodes.count() == len(full.player.episodes) > 0
    assert view.episodes.item(0).text().split("\n")[0] == labels.episode(1)
    assert view.torrents.rowCount() == len(full.torrents.items) > 0
    sizes = {view.torrents.item(row, 2).text() for row in range(view.torrents.rowCount())}
    assert sizes == {labels.size(torrent.total_size) for torrent in full.torrents.items}
    played: list[tuple[Title, object]] = []
    window.services.playback.requested.connect(
        lambda title, episode, _: played.append((title, episode))
    )
    view.episodes.itemDoubleClicked.emit(view.episodes.item(0))
    assert played and played[0][0].id == brief.id and played[0][1].number == 1
    assert window.stack.currentWidget() is window.player  # the player pane opens on it
    window.go_back()
    assert window.stack.currentWidget() is window.title_page
    window.go_back()
    assert window.stack.currentWidget() is window.page_for("updates", CatalogPage)


async def test_the_rails_chosen_entry_shows_its_page_again(window: MainWindow) -> None:
    page = window.page_for("updates", CatalogPage)
    await _ready(page)
    window.open_title(page.model.items()[0])  # type: ignore[arg-type]
    assert window.stack.currentWidget() is window.title_page
    rail = window.navigation
    where = rail.visualItemRect(window.rail.item("updates")).center()
    QTest.mouseClick(rail.viewport(), Qt.MouseButton.LeftButton, pos=where)  # already chosen
    assert window.stack.currentWidget() is page and not window.back_button.isVisible()
    window.open_title(page.model.items()[0])  # type: ignore[arg-type]
    window.show_page("updates")  # as a notification's "open the window" asks
    assert window.stack.currentWidget() is page


async def test_hostile_description_renders_as_harmless_text(
    window: MainWindow, services: AppServices
) -> None:
    title = await services.catalog.title(id=HOSTILE_TITLE_ID)
    window.open_title(title)
    view = window.title_page.view
    rendered = view.description.toHtml()
    for bad in ("<script", "alert(", "onerror", "onclick", "javascript:", "<iframe", "<img"):
        assert bad not in rendered
    text = view.description.toPlainText()
    assert "Безопасный абзац." in text and "обычная ссылка" in text
    assert 'href="https://example.org/ok"' in rendered
    assert view.name_first.textFormat() == Qt.TextFormat.PlainText
    assert view.name_first.text().startswith("Опасное <b>описание</b>")
    assert view.announce.textFormat() == Qt.TextFormat.PlainText


async def test_search_with_typos_filters_and_an_empty_result(
    window: MainWindow, services: AppServices
) -> None:
    window.show_page("search")
    page = window.page_for("search", SearchPage)
    results = services.search.results
    await until(lambda: results.state is LoadState.READY and page.genres.selected() == [] and
                page.genres.menu_.actions())  # fmt: skip
    page.field.setText("легенда ледяново драконна")  # two typos

    def found_dragons() -> bool:
        rows = min(2, page.model.rowCount())
        names = [page.model.item(row).names.ru for row in range(rows)]  # type: ignore[union-attr]
        return bool(rows) and all("ледяного дракона" in name for name in names)

    await until(found_dragons)
    page.field.clear()
    await until(lambda: results.state is LoadState.READY and not services.search.criteria.text)
    await until(lambda: len(page.years.menu_.actions()) > 5 and page.roles)
    year_action = next(a for a in page.years.menu_.actions() if a.data() == 2024)
    genre_action = next(a for a in page.genres.menu_.actions() if a.isCheckable() and a.data())
    states: list[LoadState] = []  # the searches from here on: the filtered one is the last
    results.state_changed.connect(lambda state, _message: states.append(state))
    year_action.setChecked(True)
    genre_action.setChecked(True)
    criteria = services.search.criteria
    assert criteria.years == (2024,) and criteria.genres == (genre_action.data(),)

    def filtered() -> bool:  # answered after the (debounced) search for the filters was sent
        answered = states[-1:] in ([LoadState.READY], [LoadState.EMPTY])
        return LoadState.LOADING in states and answered and not results.loading

    await until(filtered)
    for title in page.model.items():
        assert isinstance(title, Title)
        assert title.season.year == 2024 and genre_action.data() in title.genres
    assert page.years.text() == f"{translate('SearchPage', 'Year')} (1)"  # how many are chosen
    page.field.setText("щщщщщщщщщ")
    await until(lambda: results.state is LoadState.EMPTY)
    assert page.state.state is LoadState.EMPTY
    assert page.state.currentWidget() is not page.state.content  # the empty state, not the grid
    assert page.state.title_label.isVisible()
    assert page.state.title_label.text() == page.state.empty_text != ""  # the search's own words


async def test_schedule_starts_monday_and_highlights_today(window: MainWindow) -> None:
    window.show_page("schedule")
    page = window.page_for("schedule", SchedulePage)
    await until(lambda: page.query.state is LoadState.READY)
    assert [strip.day for strip in page.days] == list(range(7))
    assert page.days[0].label.text().startswith(translate("Labels", "Monday"))
    today = page.days[page.today()]
    assert today.property("today") is True
    marked = translate("SchedulePage", "%1 — today").replace("%1", labels.week_day(today.day))
    assert today.label.text() == marked
    assert sum(bool(strip.property("today")) for strip in page.days) == 1
    for strip in page.days:
        for row in range(strip.model.rowCount()):
            title = strip.model.item(row)
            assert isinstance(title, Title) and title.season.week_day == strip.day
            assert title.status is TitleStatus.ONGOING

    def today_in_view() -> bool:  # scrolled to once the strips are laid out
        top = today.mapTo(page.scroller.viewport(), today.rect().topLeft())
        return page.scroller.viewport().rect().contains(top)

    await until(today_in_view, message="today's strip is scrolled into view")


async def test_tables_sort(window: MainWindow, services: AppServices) -> None:
    window.show_page("youtube")
    youtube = window.page_for("youtube", YouTubePage)
    await until(lambda: youtube.table.rowCount() >= 40)
    youtube.table.sortItems(2, Qt.SortOrder.AscendingOrder)
    dates = [youtube.table.item(r, 2).data(Qt.ItemDataRole.UserRole + 10) for r in range(40)]
    assert dates == sorted(dates)
    window.show_page("team")
    team = window.page_for("team", TeamPage)
    await until(lambda: team.table.rowCount() > 20)
    team.table.sortItems(0, Qt.SortOrder.AscendingOrder)
    names = [team.table.item(r, 0).text().lower() for r in range(team.table.rowCount())]
    assert names == sorted(names)
    if services.api.kind is ApiKind.V1:  # v1 has no tracker statistics: the row is not offered
        assert window.rail.item("stats").isHidden()
        return
    window.show_page("stats")
    stats = window.page_for("stats", SeedStatsPage)
    await until(lambda: stats.table.rowCount() >= 100)
    stats.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)

    def sorted_by_user() -> bool:
        if stats.query.state is not LoadState.READY or stats.table.rowCount() < 100:
            return False
        return stats.table.item(0, 0).text().lower() < stats.table.item(1, 0).text().lower()

    await until(sorted_by_user)
    users = [stats.table.item(r, 0).text() for r in range(100)]
    assert users == sorted(users, key=str.lower), "sorted by the server across all users"


async def test_random_page_shows_a_title(window: MainWindow) -> None:
    window.show_page("random")
    page = window.page_for("random", RandomPage)
    await until(lambda: page.query.state is LoadState.READY)
    first = page.view.name_first.text()
    assert first
    for _ in range(5):
        page.another.click()
        await until(lambda: page.query.state is LoadState.READY)
        if page.view.name_first.text() != first:
            break
    assert page.view.name_first.text() != first


async def test_language_switches_live(window: MainWindow, services: AppServices) -> None:
    follow_language(services.settings)  # as the app does at start-up
    services.settings.set("language", "en")
    try:
        await until(lambda: window.navigation.item(0).text() == "New episodes")
        assert window.page_for("updates", CatalogPage).heading.text() == "New episodes"
    finally:
        services.settings.set("language", "ru")
    await until(lambda: window.navigation.item(0).text() == "Новые серии")


async def test_settings_dialog_persists(window: MainWindow, services: AppServices) -> None:
    window.open_settings()
    dialog = next(
        w for w in QApplication.topLevelWidgets() if w.inherits("QDialog") and w.isVisible()
    )
    dialog.quality.setCurrentIndex(dialog.quality.findData("sd"))
    dialog.notifications.setChecked(False)
    dialog.api_base.setText("javascript:alert(1)")
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible(), "a bad address is refused"
    dialog.api_base.setText(services.api.base_url)
    dialog.accept()
    assert not dialog.isVisible()
    reread = SettingsStore(services.settings.path)  # what the next start will read
    assert reread.get("quality") == "sd" and reread.get("notifications") is False


async def test_poster_placeholder_until_loaded(window: MainWindow) -> None:
    page = window.page_for("updates", CatalogPage)
    await _ready(page)
    index: QModelIndex = page.model.index(0)
    assert index.data(ItemRole) is not None
    await until(lambda: index.data(PosterRole) is not None)


async def test_title_page_shows_franchise_age_rating_and_skips(
    window: MainWindow, services: AppServices
) -> None:
    title = await services.catalog.title(id=9001)
    window.open_title(title)
    view = window.title_page.view
    await until(lambda: window.title_page.query.state is LoadState.READY)
    tips = [view.episodes.item(r).toolTip() for r in range(view.episodes.count())]
    if services.api.kind is ApiKind.V2:  # v2 has no franchises or age ratings: none asked for
        assert not services.api.has(Feature.FRANCHISES)
        assert view.franchise.isHidden() and view.franchise_heading.isHidden()
        return
    assert view.facts.text().endswith(title.age_rating) and title.age_rating.endswith("+")
    openings = [view.episodes.item(r).data(EpisodeRole).skips.opening for r in range(len(tips))]
    assert any(openings), "the demo title has an opening to skip"
    for tip, span in zip(tips, openings, strict=True):
        if span:  # the opening's times, under the word the interface uses for it
            shown = f"{labels.clock(span[0])}–{labels.clock(span[1])}"
            assert f"{translate('EpisodeList', 'Opening')}: {shown}" in tip, tip
    await until(lambda: view.franchise.count() == 3)
    assert not view.franchise.isHidden()
    franchises = window.title_page.franchises.value
    assert franchises and franchises[0].name in view.franchise_heading.text()
    names = [view.franchise.item(r).text() for r in range(3)]
    assert names[1].startswith(title.names.main)  # in the franchise's order, this one second
    assert not view.franchise.item(1).flags() & Qt.ItemFlag.ItemIsEnabled
    view.franchise.itemActivated.emit(view.franchise.item(2))
    await until(lambda: view.title is not None and view.title.id == 9002)
