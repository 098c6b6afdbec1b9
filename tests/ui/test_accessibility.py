"""Screen readers: every control the focus can reach has a name, on every page and dialog, in
Russian and in English; cards, episodes and rows say what they show. Read through QAccessible,
the interfaces Qt hands to AT-SPI (tests/desktop/test_atspi.py reads them over the bus)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QWidget

from app.api.backend import ApiKind
from app.core import Title
from app.core.account import Collection
from app.core.download import DownloadState
from app.services.context import AppServices
from app.services.state import LoadState
from app.ui import labels
from app.ui.i18n import install_language
from app.ui.main_window import MainWindow
from app.ui.pages.catalog_page import CatalogPage
from app.ui.pages.downloads_page import DownloadsPage
from app.ui.pages.registry import PAGES
from app.ui.widgets.list_chooser import choose_list
from app.ui.widgets.state_panel import StatePanel
from tests.ui.accessible_tree import problems
from tests.ui.conftest import until

# v1: the account's pages and dialogs are there too (sign-in, lists, the favourites question).
pytestmark = pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
Text = QAccessible.Text
# The app's own words for a card's facts, as the user hears them.
FAVOURITE = {"ru": "в избранном", "en": "in favourites"}
EPISODE = {"ru": "Серия", "en": "Episode"}
RAIL_FIRST = {"ru": "Новые серии", "en": "New episodes"}
ON_DISK = {"ru": "на диске", "en": "on disk"}


@pytest.fixture(autouse=True)
def silent_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIBRIA_AUDIO_OUTPUT", "null")


@pytest.fixture(params=["ru", "en"])
def language(request: pytest.FixtureRequest, window: MainWindow) -> Iterator[str]:
    """The window was built in Russian; the language switches live, as from the settings."""
    install_language(request.param)
    try:
        yield request.param
    finally:
        install_language("ru")


class Survey:
    """What a screen reader would get wrong, collected place by place."""

    def __init__(self, language: str, services: AppServices) -> None:
        self.language = language
        self.account = services.account
        self.found: list[str] = []

    def look(self, where: str) -> None:
        profile = self.account.profile  # the rail's account button shows whose it is
        data = (profile.shown_name,) if profile is not None else ()
        self.found += [f"{where}: {problem}" for problem in problems(self.language, data)]


def settled(page: QWidget) -> bool:
    """Every part of the page in view has its content, or says it has none (a query another
    page loaded first is ready without its panel having been told)."""
    query = getattr(page, "query", None)
    ready = (LoadState.READY, LoadState.EMPTY)
    loaded = query is not None and query.state in ready
    panels = [p for p in page.findChildren(StatePanel) if p.isVisibleTo(page)]
    return all(p.state in ready or (p.state is LoadState.IDLE and loaded) for p in panels)


def items_of(view: QWidget) -> list[QAccessibleInterface]:
    interface = QAccessible.queryAccessibleInterface(view)
    assert interface is not None
    found = (interface.child(i) for i in range(interface.childCount()))
    return [c for c in found if c is not None and c.role() == QAccessible.Role.ListItem]


async def keep_something(window: MainWindow, services: AppServices, folder: Path) -> Title:
    """A favourite, a title in a list (signed in), a downloaded episode: every page has rows to
    read. The sign-in asks about this computer's favourites: that box is read too."""
    title = await services.catalog.title(id=9003)
    await services.favourites.set_favourite(title, True)
    services.settings.set("download_dir", str(folder))
    done = asyncio.Event()
    services.downloads.changed.connect(
        lambda item: item.state in (DownloadState.DONE, DownloadState.FAILED) and done.set()
    )
    await services.downloads.add(title, [title.player.episodes[0].number])
    await asyncio.wait_for(done.wait(), 60)  # the demo's episode, through the real engine
    services.start_listening()  # the sync runs, and asks
    await services.account.sign_in("demo", "demo")
    await until(lambda: window.merge_question.box is not None, within=30)
    return title


async def test_every_control_has_a_name_in_both_languages(
    window: MainWindow, services: AppServices, language: str, tmp_path: Path
) -> None:
    survey = Survey(language, services)
    await until(lambda: window.navigation.item(0).text() == RAIL_FIRST[language])
    window.account_entry.open_sign_in()  # signed out: the sign-in dialog
    survey.look("sign-in")
    assert window.account_entry.dialog is not None
    window.account_entry.dialog.close()
    title = await keep_something(window, services, tmp_path / "Videos")
    survey.look("the favourites question")
    box = window.merge_question.box
    assert box is not None
    box.done(0)
    services.lists.set_collection(title, Collection.WATCHING)
    window.banners.show_news("…", can_watch=True)  # a banner with its buttons
    for entry in PAGES:
        if window.rail.item(entry.key).isHidden():
            continue  # a page this API does not offer
        window.show_page(entry.key)
        page = window.pages.get(entry.key)
        await until(lambda page=page: settled(page), within=30, message=f"{entry.key} loading")
        survey.look(entry.key)
    assert window.page_for("downloads", DownloadsPage).model.rowCount() == 1  # rows were read
    window.open_title(title)
    episodes = window.title_page.view.episodes
    await until(lambda: episodes.count() > 0 and episodes.badge(1) is not None, within=30)
    survey.look("title page")
    assert ON_DISK[language] in items_of(episodes)[0].text(Text.Description)
    window.services.playback.play(title, title.player.episodes[0])
    # The length comes a moment after the load, and the stop keeps a position only with it.
    session = window.player.session
    await until(lambda: session.state.loaded and session.state.duration > 0, within=30)
    survey.look("player")
    window.go_back()
    shelf = window.shelf  # continue watching: the title, then the episode and where it stopped
    await until(lambda: shelf is not None and shelf.cards.count() > 0, within=30)
    assert shelf is not None
    card = items_of(shelf.cards)[0]
    assert card.text(Text.Name) == labels.name(title.names)
    assert card.text(Text.Description).startswith(EPISODE[language])
    window.keys.show_help()
    survey.look("keys' help")
    window.keys.help.close_overlay()
    window.open_settings()
    survey.look("settings")
    for menu in (window.menu.menu, window.keys.go_menu):
        menu.popup(window.mapToGlobal(QPoint(10, 10)))
        survey.look(menu.title())
        menu.close()
    shown = choose_list(window.lists, title, window, window.mapToGlobal(QPoint(200, 200)))
    survey.look("a card's menu")
    shown.close()
    assert not survey.found, "\n".join(survey.found)


async def test_cards_say_title_episodes_and_status(
    window: MainWindow, services: AppServices, language: str
) -> None:
    title = await services.catalog.title(id=9003)
    await services.favourites.set_favourite(title, True)
    window.show_page("updates")
    start = window.page_for("updates", CatalogPage)
    await until(lambda: start.query.state is LoadState.READY, within=30)
    cards = items_of(start.grid)
    assert len(cards) == start.model.rowCount() > 0
    for card, item in zip(cards, start.model.items(), strict=True):
        assert isinstance(item, Title)
        assert card.text(Text.Name) == labels.name(item.names)
        description = card.text(Text.Description)
        assert labels.episodes(item) in description, description
        assert labels.status(item.status, item.status_label) in description, description
        assert (FAVOURITE[language] in description) == (item.id == title.id), description
    # The title's episodes: the number and name, then what their marks show.
    window.open_title(title)
    episodes = window.title_page.view.episodes
    await until(lambda: episodes.count() == len(title.player.episodes), within=30)
    first = items_of(episodes)[0]
    assert first.text(Text.Name).startswith(f"{EPISODE[language]} 1")
    assert labels.episode_name(title.player.episodes[0]) in first.text(Text.Name)
