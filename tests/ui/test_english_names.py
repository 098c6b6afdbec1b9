"""In English the English name comes first wherever a title is named; Russian otherwise. A
language change re-renders the names on screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from app.core import Episode, Franchise, Names, Player, Title
from app.services.announcer import Announcement, NewEpisode
from app.services.context import AppServices
from app.services.library import ContinueItem, HistoryEntry
from app.storage.library import Progress
from app.ui.catalog.model import CatalogModel
from app.ui.i18n import install_language
from app.ui.notifications import describe
from app.ui.pages.continue_shelf import ContinueShelf
from app.ui.pages.history_page import HistoryPage
from app.ui.pages.title_page import TitleView
from tests.ui.conftest import until

NAMES = Names(ru="Королевство ночного города", en="Kingdom of the Night City", alternative="K")
TITLE = Title(
    id=7,
    names=NAMES,
    player=Player(episodes=(Episode(1, name="Начало", name_en="The Beginning"), Episode(2))),
)
SEQUEL = Title(id=8, names=Names(ru="Королевство 2", en="Kingdom 2"))


@pytest.fixture
def english() -> Iterator[None]:
    install_language("en")
    try:
        yield
    finally:
        install_language("ru")


async def test_english_first_everywhere_a_title_is_named(
    services: AppServices, english: None
) -> None:
    model = CatalogModel(services.posters)
    model.reset([TITLE])
    index = model.index(0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == NAMES.en
    tip = index.data(Qt.ItemDataRole.ToolTipRole).split("\n")
    assert tip == [NAMES.en, NAMES.ru, NAMES.alternative]

    view = TitleView(services.posters)
    view.show_title(TITLE)
    assert (view.name_first.text(), view.name_second.text()) == (NAMES.en, NAMES.ru)
    assert view.episodes.item(0).text() == "Episode 1\nThe Beginning"
    assert view.episodes.item(1).text() == "Episode 2"
    view.show_franchises([Franchise(id="f", name="Королевство", english="Kingdom",
                                    titles=(TITLE, SEQUEL))])  # fmt: skip
    assert view.franchise.item(1).text() == "Kingdom 2"
    assert view.franchise_heading.text() == "Franchise: Kingdom"

    summary, _ = describe(Announcement(1, (NewEpisode(TITLE, TITLE.player.episodes[0]),)))
    assert summary == NAMES.en

    shelf = ContinueShelf(services.library, services.posters, services.tasks)
    shelf.show_items([ContinueItem(TITLE, TITLE.player.episodes[0], 10.0, 100.0, 1.0)])
    assert shelf.cards.item(0).toolTip() == NAMES.en

    history = HistoryPage(services.library, services.tasks)
    history.show_entries([HistoryEntry(Progress(7, 1.0, updated=1.0), TITLE)])
    assert history.table.item(0, 1).text() == NAMES.en
    for widget in (view, shelf, history):
        widget.deleteLater()


async def test_russian_first_in_russian(services: AppServices) -> None:
    view = TitleView(services.posters)
    view.show_title(TITLE)
    assert (view.name_first.text(), view.name_second.text()) == (NAMES.ru, NAMES.en)
    assert view.episodes.item(0).text() == "Серия 1\nНачало"
    summary, _ = describe(Announcement(1, (NewEpisode(TITLE, TITLE.player.episodes[0]),)))
    assert summary == NAMES.ru
    view.deleteLater()


async def test_a_language_change_re_renders_the_names(services: AppServices) -> None:
    view = TitleView(services.posters)
    view.show_title(TITLE)
    view.mark_watched(TITLE.id, {1.0})
    model = CatalogModel(services.posters)
    model.reset([TITLE])
    try:
        install_language("en")
        await until(lambda: view.name_first.text() == NAMES.en)
        assert view.name_second.text() == NAMES.ru
        assert view.episodes.item(0).text() == "✓ Episode 1\nThe Beginning"  # the tick stays
        assert model.index(0).data(Qt.ItemDataRole.DisplayRole) == NAMES.en
    finally:
        install_language("ru")
    await until(lambda: view.name_first.text() == NAMES.ru)
    assert view.episodes.item(0).text() == "✓ Серия 1\nНачало"
    view.deleteLater()
