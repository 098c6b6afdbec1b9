"""The window without a mouse: every step a key event on the focused widget, every check what the
user sees (the page shown, where the focus is, which item is current)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from app.core import Episode, TeamRole, Title
from app.services.api import Feature
from app.services.context import AppServices
from app.services.state import LoadState
from app.ui.catalog.grid import CatalogGrid
from app.ui.catalog.model import ItemRole
from app.ui.i18n import install_language
from app.ui.main_window import MainWindow
from app.ui.pages.catalog_page import CatalogPage
from app.ui.pages.episode_list import EpisodeRole
from app.ui.pages.registry import PAGES
from app.ui.pages.schedule_page import SchedulePage
from app.ui.pages.search_page import SearchPage
from app.ui.pages.tables import RoleRole, TeamPage
from tests.ui.conftest import until

translate = QCoreApplication.translate
Key = Qt.Key
Mod = Qt.KeyboardModifier


@pytest.fixture(autouse=True)
def silent_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIBRIA_AUDIO_OUTPUT", "null")


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Key, modifier: Mod = Mod.NoModifier) -> None:
    """A key as the user presses it: to whatever has the focus."""
    QTest.keyClick(focused(), key, modifier)


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


async def start_page_ready(window: MainWindow) -> CatalogPage:
    page = window.page_for("updates", CatalogPage)
    await until(lambda: page.query.state is LoadState.READY, message="the start page did not load")
    return page


def current_title(grid: CatalogGrid) -> Title | None:
    item = grid.currentIndex().data(ItemRole)
    return item if isinstance(item, Title) else None


async def search_and_open(window: MainWindow, services: AppServices, wanted: Title) -> SearchPage:
    """Ctrl+F, the title's name typed, Enter, down to the first result, Enter: its page opens."""
    press(Key.Key_F, Mod.ControlModifier)
    search = window.page_for("search", SearchPage)
    assert window.stack.currentWidget() is search and search.field.hasFocus()
    type_text(wanted.names.en)  # QTest types ASCII only; the search knows both names
    press(Key.Key_Return)  # now, not after the typing pause
    results = services.search.results
    await until(lambda: results.state is LoadState.READY and search.model.rowCount() > 0)
    assert search.model.item(0).id == wanted.id

    # From the field to the results, the first one current. The typing pause's own search may
    # still land after Enter's (on a loaded machine) and refill the grid under the key: the
    # viewer would press again, and so does the test, until the grid has it.
    def down_to_the_results() -> bool:
        if not search.grid.hasFocus():
            press(Key.Key_Down)
        return search.grid.hasFocus() and current_title(search.grid) == search.model.item(0)

    await until(down_to_the_results)
    press(Key.Key_Return)
    return search


async def test_a_keyboard_only_journey(window: MainWindow, services: AppServices) -> None:
    """Start → search a title → open it → play episode 2 → full screen → back to the catalogue."""
    start = await start_page_ready(window)
    await until(lambda: start.grid.hasFocus() and start.grid.currentIndex().isValid())
    wanted = await services.catalog.title(id=9005)
    assert len(wanted.player.episodes) >= 2

    search = await search_and_open(window, services, wanted)

    page = window.title_page
    assert window.stack.currentWidget() is page
    await until(lambda: page.query.state is LoadState.READY)
    episodes = page.view.episodes
    await until(lambda: episodes.hasFocus() and episodes.currentRow() == 0)
    press(Key.Key_Right)
    chosen = episodes.currentItem().data(EpisodeRole)
    assert isinstance(chosen, Episode) and chosen.number == wanted.player.episodes[1].number
    tile = episodes.visualItemRect(episodes.currentItem())
    seen = page.scroller.viewport()
    tile.moveTopLeft(episodes.viewport().mapTo(seen, tile.topLeft()))
    assert seen.rect().contains(tile)  # the page scrolled to it
    press(Key.Key_Return)

    pane = window.player
    assert window.stack.currentWidget() is pane
    state = lambda: pane.session.state  # noqa: E731
    await until(lambda: state().loaded and state().position > 0.3, within=30)
    assert pane.choice is not None and pane.choice.episode.number == chosen.number
    press(Key.Key_F)
    await until(window.isFullScreen)
    assert not window.rail.isVisible() and not window.menuBar().isVisible()
    press(Key.Key_Escape)  # full screen first
    await until(lambda: not window.isFullScreen())
    assert window.stack.currentWidget() is pane and window.rail.isVisible()
    press(Key.Key_Space)  # the player's keys work again out of full screen
    await until(lambda: state().paused)
    press(Key.Key_Backspace)  # the player stops; back on the title, on the same episode
    assert window.stack.currentWidget() is page
    assert episodes.hasFocus() and episodes.currentRow() == 1
    press(Key.Key_Left, Mod.AltModifier)
    assert window.stack.currentWidget() is search
    assert search.grid.hasFocus()  # where it was: on the card opened
    press(Key.Key_Backspace)
    assert window.stack.currentWidget() is start and start.grid.hasFocus()
    assert window.navigation.currentRow() == window.rail.row("updates")


def offered_pages(window: MainWindow) -> list[str]:
    """The rail's pages as the user sees them, top to bottom (the API's missing ones hidden)."""
    return [e.key for e in PAGES if not window.rail.item(e.key).isHidden()]


async def test_ctrl_and_alt_digits_choose_the_rails_pages(window: MainWindow) -> None:
    await start_page_ready(window)
    offered = offered_pages(window)
    for number, modifier in (
        (2, Mod.ControlModifier),
        (3, Mod.AltModifier),
        (9, Mod.ControlModifier),
    ):
        press(Key(Key.Key_0 + number), modifier)
        key = offered[number - 1]
        assert window.stack.currentWidget() is window.pages.get(key)
        assert window.navigation.currentRow() == window.rail.row(key)
        assert not window.navigation.hasFocus()  # the page has it, ready for the arrows
        assert window.pages.get(key).isAncestorOf(focused())
    press(Key.Key_1, Mod.ControlModifier)
    assert window.stack.currentWidget() is window.page_for("updates", CatalogPage)
    shown = window.rail.item(offered[1]).toolTip()
    assert shown == "Ctrl+2"  # the rail says which key


async def test_backspace_in_the_search_field_deletes_and_does_not_go_back(
    window: MainWindow, services: AppServices
) -> None:
    await start_page_ready(window)
    press(Key.Key_F, Mod.ControlModifier)
    search = window.page_for("search", SearchPage)
    type_text("dragon")
    press(Key.Key_Backspace)
    assert search.field.text() == "drago" and search.field.hasFocus()
    assert window.stack.currentWidget() is search
    press(Key.Key_F, Mod.ControlModifier)  # again: the whole text chosen, ready to be replaced
    assert search.field.selectedText() == "drago"
    type_text("x?")  # "?" is the keys' help, except where one types
    assert search.field.text() == "x?" and not window.keys.help.isVisible()
    press(Key.Key_Return)  # searches now: no search is left waiting for the typing pause
    await until(lambda: services.search.results.state is not LoadState.LOADING)
    press(Key.Key_Left, Mod.AltModifier)  # Alt+← is Back even in the field
    assert window.stack.currentWidget() is window.page_for("updates", CatalogPage)


async def test_tab_from_the_start_page_lands_in_the_grid(window: MainWindow) -> None:
    start = await start_page_ready(window)
    await until(lambda: start.grid.hasFocus())  # the start: the grid, its first card current
    assert start.grid.currentIndex().row() == 0
    for _ in range(4):  # back to the rail (past its buttons)
        if window.navigation.hasFocus():
            break
        press(Key.Key_Tab, Mod.ShiftModifier)
    assert window.navigation.hasFocus()
    stops: list[QWidget] = []
    while not start.grid.hasFocus() and len(stops) < 4:
        press(Key.Key_Tab)
        stops.append(focused())
    assert start.grid.hasFocus(), stops
    assert all(window.rail.isAncestorOf(w) for w in stops[:-1])  # only the rail's buttons between
    press(Key.Key_Right)
    assert start.grid.currentIndex().row() == 1


async def test_the_search_page_tab_order_is_field_filters_grid(window: MainWindow) -> None:
    await start_page_ready(window)
    press(Key.Key_F, Mod.ControlModifier)
    search = window.page_for("search", SearchPage)
    await until(lambda: search.model.rowCount() > 0)
    order: list[QWidget] = [focused()]
    while not search.grid.hasFocus() and len(order) < 15:
        press(Key.Key_Tab)
        order.append(focused())
    filters = [search.years, search.seasons, search.genres]
    assert order[0] is search.field and order[1:4] == filters and order[-1] is search.grid
    assert search.reset_button in order


async def test_the_help_lists_the_keys_in_russian_and_english(window: MainWindow) -> None:
    start = await start_page_ready(window)
    await until(start.grid.hasFocus)
    press(Key.Key_F1)
    help_overlay = window.keys.help
    assert help_overlay.isVisible() and help_overlay.geometry() == window.rect()
    press(Key.Key_Tab)  # stays on the help, not on the page under it
    assert help_overlay.hasFocus()
    texts = help_overlay.texts()
    for expected in ("Клавиши", "Окно", "Плеер", "Пробел", "Пауза / продолжить", "Ctrl+F",
                     "Поиск", "Во весь экран"):  # fmt: skip
        assert expected in texts, expected
    press(Key.Key_Escape)  # closes the help, and only that: the page stays
    assert not help_overlay.isVisible()
    assert window.stack.currentWidget() is start and start.grid.hasFocus()
    install_language("en")
    try:
        await until(lambda: window.menuBar().actions()[0].text() == "&File")  # retranslated
        press(Key.Key_Question)
        assert help_overlay.isVisible()
        texts = help_overlay.texts()
        for expected in ("Keyboard shortcuts", "Space", "Play / pause", "Full screen", "Search"):
            assert expected in texts, expected
        QTest.mouseClick(help_overlay, Qt.MouseButton.LeftButton)  # any click closes it
        assert not help_overlay.isVisible() and start.grid.hasFocus()
    finally:
        install_language("ru")


async def test_the_menus_have_their_own_letters_in_both_languages(window: MainWindow) -> None:
    def letters(actions: list[QAction]) -> list[str]:
        texts = [a.text() for a in actions if not a.isSeparator() and "&" in a.text()]
        return [t[t.index("&") + 1].lower() for t in texts]

    for language, titles in (("ru", ["&Файл", "&Переход", "&Справка"]),
                             ("en", ["&File", "&Go", "&Help"])):  # fmt: skip
        install_language(language)
        try:
            await until(lambda: window.menuBar().actions()[0].text() == titles[0])  # noqa: B023
            menus = [a.menu() for a in window.menuBar().actions()]
            assert [a.text() for a in window.menuBar().actions()] == titles
            assert len(set(letters(window.menuBar().actions()))) == 3
            for menu in menus:
                assert isinstance(menu, QMenu)
                found = letters(menu.actions())
                assert found and len(found) == len(set(found)), found
        finally:
            install_language("ru")


async def test_the_mouse_back_button_goes_back(window: MainWindow) -> None:
    start = await start_page_ready(window)
    await until(start.grid.hasFocus)
    press(Key.Key_Return)
    assert window.stack.currentWidget() is window.title_page
    handle = window.windowHandle()
    assert handle is not None
    where = QPointF(window.title_page.mapTo(window, window.title_page.rect().center()))
    # As the window system hands it to the window (QTest's clicks on a window run the event
    # loop inside the test's own step, which the asyncio loop cannot take).
    press_back = QMouseEvent(
        QEvent.Type.MouseButtonPress, where, handle.mapToGlobal(where),
        Qt.MouseButton.BackButton, Qt.MouseButton.BackButton, Mod.NoModifier,
    )  # fmt: skip
    QCoreApplication.sendEvent(handle, press_back)
    assert window.stack.currentWidget() is start


def go_to(window: MainWindow, key: str) -> None:
    """Ctrl+n, n the page's place in the rail."""
    number = offered_pages(window).index(key) + 1
    assert number <= 9
    press(Key(Key.Key_0 + number), Mod.ControlModifier)


async def test_enter_on_a_team_member_searches_their_titles(
    window: MainWindow, services: AppServices
) -> None:
    start = await start_page_ready(window)
    await until(start.grid.hasFocus)
    while not window.navigation.hasFocus():  # past Ctrl+9: the rail itself, by the arrows
        press(Key.Key_Tab, Mod.ShiftModifier)
    while window.navigation.currentRow() != window.rail.row("team"):
        press(Key.Key_Down)
    team = window.page_for("team", TeamPage)
    assert window.stack.currentWidget() is team and window.navigation.hasFocus()
    press(Key.Key_Return)  # into the page
    assert team.table.hasFocus()
    await until(lambda: team.table.rowCount() > 2 and team.table.currentRow() == 0)
    press(Key.Key_Down)
    member = team.table.item(1, 0)
    role = TeamRole(member.data(RoleRole))
    press(Key.Key_Return)
    if not services.api.has(Feature.TEAM_FILTERS):  # v1 cannot search by the team
        assert window.stack.currentWidget() is team
        return
    search = window.page_for("search", SearchPage)
    assert window.stack.currentWidget() is search
    assert search.roles[role].selected() == [member.text()] and search.field.text() == ""
    assert services.search.criteria.team[role] == (member.text(),)


async def test_the_schedule_moves_by_day_with_the_arrows(window: MainWindow) -> None:
    await start_page_ready(window)
    go_to(window, "schedule")
    schedule = window.page_for("schedule", SchedulePage)
    await until(lambda: schedule.query.state is LoadState.READY)
    grids = [strip.grid for strip in schedule.days if not strip.grid.isHidden()]
    await until(lambda: any(g.hasFocus() and g.currentIndex().isValid() for g in grids))
    at = next(i for i, grid in enumerate(grids) if grid.hasFocus())
    press(Key.Key_Right)
    assert grids[at].currentIndex().row() == min(1, grids[at].model().rowCount() - 1)
    step = 1 if at + 1 < len(grids) else -1
    press(Key.Key_Down if step == 1 else Key.Key_Up)
    assert grids[at + step].hasFocus() and grids[at + step].currentIndex().isValid()
    title = grids[at + step].currentIndex().data(ItemRole)
    press(Key.Key_Return)
    assert window.stack.currentWidget() is window.title_page
    assert window.title_page.view.title is not None and window.title_page.view.title.id == title.id
