"""The account's lists in the window (v1, an in-memory ListsSource): the "My lists" page, the
title page's chooser, the cards' badge and menu, the sign-in offer; no page on v2."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from app.api.backend import ApiKind
from app.core import Title
from app.core.account import Collection
from app.services.context import AppServices
from app.ui import labels
from app.ui.catalog.model import CollectionRole
from app.ui.i18n import install_language
from app.ui.main_window import MainWindow
from app.ui.pages.catalog_page import CatalogPage
from app.ui.pages.lists_page import ListsPage
from app.ui.widgets.list_chooser import ListMenu
from tests.ui.conftest import close_window, until
from tests.ui.fake_lists import FakeLists

v1_only = pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])


@pytest.fixture
def lists() -> FakeLists:
    return FakeLists()


@pytest.fixture
async def lists_window(services: AppServices, lists: FakeLists) -> AsyncIterator[MainWindow]:
    window = MainWindow(services, lists=lists)
    window.resize(1300, 860)
    window.show()
    try:
        yield window
    finally:
        await close_window(window)


def ids(page: ListsPage, collection: Collection) -> list[int]:
    return [title.id for title in page.titles(collection)]


@v1_only
async def test_the_page_shows_each_list_and_follows_changes(
    lists_window: MainWindow, services: AppServices, lists: FakeLists
) -> None:
    first, second = (await services.catalog.light_titles([9005, 9010]))[:2]
    lists.set_collection(first, Collection.WATCHING)
    lists.set_collection(second, Collection.PLANNED)
    lists_window.show_page("lists")
    page = lists_window.page_for("lists", ListsPage)
    assert page.stack.currentWidget() is page.tabs
    await until(lambda: ids(page, Collection.WATCHING) == [first.id])
    assert ids(page, Collection.PLANNED) == [second.id]
    assert page.tabs.tabText(1) == labels.collection(Collection.WATCHING) + " (1)"
    assert page.titles(Collection.WATCHED) == []
    more = await services.catalog.light_titles([9001, 9002, 9004])
    for title in more:  # one after another: each change starts a look-up of what is new
        lists.set_collection(title, Collection.POSTPONED)
    await until(lambda: sorted(ids(page, Collection.POSTPONED)) == sorted(t.id for t in more))
    lists.set_collection(first, Collection.WATCHED)  # e.g. from the server
    await until(lambda: ids(page, Collection.WATCHED) == [first.id])
    assert ids(page, Collection.WATCHING) == []
    assert (
        page.sections[Collection.WATCHING].state.currentWidget()
        is not page.sections[Collection.WATCHING].grid
    )  # "nothing in this list yet"


@v1_only
async def test_the_chooser_puts_a_title_in_a_list_and_out(
    lists_window: MainWindow, services: AppServices, lists: FakeLists
) -> None:
    title = await services.catalog.title(id=9003)
    lists_window.open_title(title)
    chooser = lists_window.title_page.view.list_chooser
    await until(chooser.isVisible)
    assert chooser.focusPolicy() & chooser.focusPolicy().TabFocus  # reachable by keyboard
    assert chooser.menu() is chooser.list_menu
    chooser.list_menu.collection_actions[Collection.POSTPONED].trigger()
    assert lists.collection_of(title.id) is Collection.POSTPONED
    assert chooser.text() == labels.collection(Collection.POSTPONED)
    assert chooser.list_menu.collection_actions[Collection.POSTPONED].isChecked()
    chooser.list_menu.remove_action.trigger()
    assert lists.collection_of(title.id) is None
    assert lists.calls[-1] == (title.id, None)
    assert not any(a.isChecked() for a in chooser.list_menu.collection_actions.values())


@v1_only
async def test_cards_show_their_list_and_offer_the_choice(
    lists_window: MainWindow, lists: FakeLists
) -> None:
    page = lists_window.page_for("updates", CatalogPage)
    await until(lambda: page.model.rowCount() > 0)
    title = page.model.item(0)
    assert isinstance(title, Title)
    index = page.model.index(0)
    assert index.data(CollectionRole) is None
    lists.set_collection(title, Collection.WATCHING)
    assert index.data(CollectionRole) == Collection.WATCHING
    assert not page.grid.grab().isNull()  # the badge paints
    page.grid.setCurrentIndex(index)
    at = page.grid.visualRect(index).center()
    there = page.grid.viewport().mapToGlobal(at)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, at, there)
    QApplication.sendEvent(page.grid.viewport(), event)
    menus = page.grid.findChildren(ListMenu)
    assert len(menus) == 1 and menus[0].collection_actions[Collection.WATCHING].isChecked()
    menus[0].collection_actions[Collection.WATCHED].trigger()
    assert lists.collection_of(title.id) is Collection.WATCHED
    menus[0].close()


@v1_only
async def test_signed_out_the_page_offers_to_sign_in(
    services: AppServices,
) -> None:
    lists = FakeLists(available=False)
    window = MainWindow(services, lists=lists)
    window.show()
    try:
        window.show_page("lists")
        page = window.page_for("lists", ListsPage)
        assert page.stack.currentWidget() is page.sign_in and page.sign_in.button.isVisible()
        page.sign_in.button.click()
        dialog = window.account_entry.dialog
        assert dialog is not None and dialog.isVisible()
        dialog.reject()
        lists.set_available(True)  # signed in: the lists show
        assert page.stack.currentWidget() is page.tabs
        window.open_title(Title(id=9003))
        assert window.title_page.view.list_chooser.isVisibleTo(window.title_page.view)
        lists.set_available(False)
        assert not window.title_page.view.list_chooser.isVisibleTo(window.title_page.view)
    finally:
        await close_window(window)


@pytest.mark.parametrize("api_kind", [ApiKind.V2], ids=["v2"])
async def test_v2_has_no_lists_row(services: AppServices) -> None:
    window = MainWindow(services, lists=FakeLists())
    try:
        assert window.rail.item("lists").isHidden()
    finally:
        await close_window(window)


def test_the_lists_have_names_in_both_languages() -> None:
    try:
        install_language("en")
        assert [labels.collection(c) for c in Collection] == [
            "Planned", "Watching", "Watched", "Postponed", "Abandoned",
        ]  # fmt: skip
        install_language("ru")
        assert [labels.collection(c) for c in Collection] == [
            "Запланировано", "Смотрю", "Просмотрено", "Отложено", "Брошено",
        ]  # fmt: skip
    finally:
        install_language("ru")
