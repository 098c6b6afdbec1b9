"""The rail's pages, top to bottom: one entry each, with its label, how it is built from the
services it uses, and the API feature it needs (without it the rail does not offer the page).

A page's own signals are wired in its factory, to the window's actions in the `PageKit`: what a
page can ask for is read where the page is made, not found out later by testing its type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.core import Episode, TeamRole, Title
from app.services.api import Feature
from app.services.catalog import CatalogService
from app.services.library import LibraryService
from app.services.lists import ListsSource
from app.services.paged import PagedQuery
from app.services.posters import PosterService
from app.services.search import SearchService
from app.services.tasks import TaskRunner
from app.ui.catalog.favourites import Favourites
from app.ui.downloads.source import DownloadsSource
from app.ui.pages.base import Page
from app.ui.pages.catalog_page import CatalogPage

# Each page's module is imported by its factory, when the page is first opened: start-up loads only
# the first page's code (the grids share CatalogPage, which that first page needs anyway).

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
PageT = TypeVar("PageT", bound=Page)


@dataclass(frozen=True)
class PageKit:
    """What pages are built from: the services they use, and what the window does for them."""

    catalog: CatalogService
    posters: PosterService
    library: LibraryService
    search: SearchService
    tasks: TaskRunner
    favourites: Favourites  # the stars, shared by every grid
    make_shelf: Callable[[], QWidget]  # continue watching, above "New episodes"
    open_title: Callable[[Title], None]
    play: Callable[[Title, Episode], None]
    resume: Callable[[int, float], None]  # title id, episode number
    demo_requested: Callable[[], None] | None = None  # set: offer the demo when offline
    lists: ListsSource | None = None  # the account's lists (None: not there yet)
    sign_in: Callable[[], None] | None = None  # opens the account's sign-in
    # The downloads queue (None: not in this build), asked for when a page needs it: the
    # services make it on first use.
    downloads: Callable[[], DownloadsSource | None] = lambda: None
    find_member: Callable[[TeamRole, str], None] | None = None  # search by a team member


@dataclass(frozen=True)
class PageEntry:
    key: str
    label: Callable[[], str]  # asked again on every language change
    build: Callable[[PageKit], Page]
    feature: Feature | None = None  # the API feature the page needs


def _grid(
    kit: PageKit,
    query: PagedQuery,
    heading: Callable[[], str],
    empty_text: Callable[[], str],
    header: QWidget | None = None,
    newest_first: bool = False,
) -> CatalogPage:
    page = CatalogPage(
        query, kit.posters, heading, empty_text, kit.favourites, header, newest_first=newest_first
    )
    page.title_activated.connect(kit.open_title)
    if kit.demo_requested is not None:
        page.state.offer_demo(True)
        page.state.demo_requested.connect(kit.demo_requested)
    return page


def _updates(kit: PageKit) -> Page:
    return _grid(
        kit, kit.catalog.updates,
        lambda: translate("MainWindow", "New episodes"),
        lambda: translate("MainWindow", "No new episodes"),
        header=kit.make_shelf(), newest_first=True,
    )  # fmt: skip


def _changes(kit: PageKit) -> Page:
    return _grid(
        kit, kit.catalog.changes,
        lambda: translate("MainWindow", "Changes"),
        lambda: translate("MainWindow", "No changes"),
    )  # fmt: skip


def _feed(kit: PageKit) -> Page:
    return _grid(
        kit, kit.catalog.feed,
        lambda: translate("MainWindow", "Feed"),
        lambda: translate("MainWindow", "The feed is empty"),
    )  # fmt: skip


def _favourites(kit: PageKit) -> Page:
    from app.ui.pages.favourites_page import FavouritesPage

    page = FavouritesPage(kit.library, kit.catalog, kit.posters, kit.tasks, kit.favourites)
    page.title_activated.connect(kit.open_title)
    return page


def _history(kit: PageKit) -> Page:
    from app.ui.pages.history_page import HistoryPage

    page = HistoryPage(kit.library, kit.tasks)
    page.resume_requested.connect(kit.resume)
    return page


def _lists(kit: PageKit) -> Page:
    from app.ui.pages.lists_page import ListsPage

    page = ListsPage(kit.lists, kit.catalog, kit.library, kit.posters, kit.tasks, kit.favourites)
    page.title_activated.connect(kit.open_title)
    if kit.sign_in is not None:
        page.sign_in_requested.connect(kit.sign_in)
    return page


def _downloads(kit: PageKit) -> Page:
    from app.ui.pages.downloads_page import DownloadsPage

    page = DownloadsPage(kit.downloads(), kit.tasks)
    page.play_requested.connect(kit.resume)  # as a title page's episode: the freshest details
    return page


def _search(kit: PageKit) -> Page:
    from app.ui.pages.search_page import SearchPage

    page = SearchPage(kit.search, kit.catalog, kit.posters, kit.favourites)
    page.title_activated.connect(kit.open_title)
    return page


def _schedule(kit: PageKit) -> Page:
    from app.ui.pages.schedule_page import SchedulePage

    page = SchedulePage(kit.catalog, kit.posters)
    page.title_activated.connect(kit.open_title)
    return page


def _random(kit: PageKit) -> Page:
    from app.ui.pages.tables import RandomPage

    page = RandomPage(kit.catalog, kit.posters)
    page.play_requested.connect(kit.play)
    return page


def _youtube(kit: PageKit) -> Page:
    from app.ui.pages.tables import YouTubePage

    return YouTubePage(kit.catalog, kit.posters)


def _team(kit: PageKit) -> Page:
    from app.ui.pages.tables import TeamPage

    page = TeamPage(kit.catalog)
    if kit.find_member is not None:
        page.member_chosen.connect(kit.find_member)
    return page


def _stats(kit: PageKit) -> Page:
    from app.ui.pages.tables import SeedStatsPage

    return SeedStatsPage(kit.catalog)


PAGES: tuple[PageEntry, ...] = (
    PageEntry("updates", lambda: translate("MainWindow", "New episodes"), _updates),
    PageEntry("favourites", lambda: translate("MainWindow", "Favourites"), _favourites),
    PageEntry("history", lambda: translate("MainWindow", "History"), _history),
    PageEntry("lists", lambda: translate("MainWindow", "My lists"), _lists, Feature.ACCOUNTS),
    PageEntry("downloads", lambda: translate("MainWindow", "Downloads"), _downloads),
    PageEntry("changes", lambda: translate("MainWindow", "Changes"), _changes, Feature.CHANGES),
    PageEntry("feed", lambda: translate("MainWindow", "Feed"), _feed),
    PageEntry("search", lambda: translate("MainWindow", "Search"), _search),
    PageEntry("schedule", lambda: translate("MainWindow", "Schedule"), _schedule),
    PageEntry("random", lambda: translate("MainWindow", "Random"), _random),
    PageEntry("youtube", lambda: translate("MainWindow", "YouTube"), _youtube),
    PageEntry("team", lambda: translate("MainWindow", "Team"), _team),
    PageEntry("stats", lambda: translate("MainWindow", "Tracker stats"), _stats,
              Feature.SEED_STATS),
)  # fmt: skip


class Pages:
    """The registry's pages by key, each built the first time it is asked for: start-up pays
    only for the first one."""

    def __init__(
        self,
        kit: PageKit,
        built: Callable[[Page], None],
        entries: tuple[PageEntry, ...] = PAGES,
    ) -> None:
        self.entries = entries
        self._kit = kit
        self._built_hook = built  # e.g. the window puts the new page in its stack
        self._by_key = {entry.key: entry for entry in entries}
        self._pages: dict[str, Page] = {}

    def get(self, key: str) -> Page:
        page = self._pages.get(key)
        if page is None:
            page = self._by_key[key].build(self._kit)
            self._pages[key] = page
            self._built_hook(page)
        return page

    def typed(self, key: str, kind: type[PageT]) -> PageT:
        page = self.get(key)
        if not isinstance(page, kind):
            raise TypeError(f"the {key!r} page is a {type(page).__name__}, not a {kind.__name__}")
        return page

    def built(self) -> Iterator[Page]:
        """The pages made so far, in the order they were made."""
        return iter(list(self._pages.values()))
