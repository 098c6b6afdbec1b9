"""My lists: the account's five lists (planned, watching, ...), a tab of cards each. Signed out,
the page offers to sign in. Titles are looked up in the catalogue once, kept copies offline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from app.core import Title
from app.core.account import Collection
from app.services.catalog import CatalogService
from app.services.library import LibraryService
from app.services.lists import ListsSource
from app.services.posters import PosterService
from app.services.state import LoadState
from app.services.tasks import TaskRunner
from app.ui import accessible, labels
from app.ui.catalog.favourites import Favourites
from app.ui.catalog.grid import CatalogGrid
from app.ui.catalog.model import CatalogModel
from app.ui.pages.base import Page
from app.ui.pages.owned_tasks import OwnedTasks
from app.ui.widgets.state_panel import StatePanel


class SignInOffer(QWidget):
    """What the page shows signed out: why it is empty, and a button to sign in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setObjectName("stateTitle")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.button = QPushButton()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class ListSection:
    """One list's tab: its cards, or a word that it is empty."""

    def __init__(self, posters: PosterService, favourites: Favourites, owner: QWidget) -> None:
        self.model = CatalogModel(posters, owner, favourites.is_favourite)
        self.grid = CatalogGrid(self.model)
        favourites.bind(self.model, self.grid)
        self.state = StatePanel(self.grid)


class ListsPage(Page):
    title_activated = Signal(object)  # Title
    sign_in_requested = Signal()

    def __init__(
        self,
        lists: ListsSource | None,
        catalog: CatalogService,
        library: LibraryService,
        posters: PosterService,
        tasks: TaskRunner,
        favourites: Favourites,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lists = lists
        self._catalog = catalog
        self._library = library
        self._tasks = OwnedTasks(self, tasks)  # titles land in the tabs: gone with the page
        self._titles: dict[int, Title] = {}  # looked up once per run
        self._asked: set[int] = set()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("listTabs")
        self.sections: dict[Collection, ListSection] = {}
        for collection in Collection:
            section = ListSection(posters, favourites, self)
            section.grid.title_activated.connect(self.title_activated)
            self.tabs.addTab(section.state, "")
            self.sections[collection] = section
        self.sign_in = SignInOffer()
        self.sign_in.button.clicked.connect(self.sign_in_requested)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.sign_in)
        self.stack.addWidget(self.tabs)
        self.body.addWidget(self.stack, 1)
        if lists is not None:
            lists.changed.connect(self.refresh)
        self.retranslate()

    @property
    def available(self) -> bool:
        return self._lists is not None and self._lists.available

    def retranslate(self) -> None:
        self.heading.setText(self.tr("My lists"))
        accessible.name(self.tabs, self.heading.text())
        self.sign_in.label.setText(self.tr("Sign in to AniLibria to see your lists here"))
        self.sign_in.button.setText(self.tr("Sign in"))
        for section in self.sections.values():
            section.state.empty_text = self.tr("Nothing in this list yet")
        self.refresh()

    def first_shown(self) -> None:
        self.refresh()

    def focus_target(self) -> QWidget:
        if self.stack.currentWidget() is self.sign_in:
            return self.sign_in.button
        section = self.sections[list(Collection)[max(0, self.tabs.currentIndex())]]
        return section.grid

    def update_title(self, title: Title) -> None:
        if title.id in self._titles:
            self._titles[title.id] = title
            for section in self.sections.values():
                section.model.replace_title(title)

    def titles(self, collection: Collection) -> list[Title]:
        model = self.sections[collection].model
        return [item for item in model.items() if isinstance(item, Title)]

    def refresh(self) -> None:
        """The lists as they are now; titles not looked up yet are asked for, then shown."""
        lists = self._lists
        if lists is None or not lists.available:
            self.stack.setCurrentWidget(self.sign_in)
            return
        self.stack.setCurrentWidget(self.tabs)
        wanted = [i for c in Collection for i in lists.titles_in(c)]
        missing = [i for i in wanted if i not in self._titles]
        if missing and not self._asked.issuperset(missing):
            # A newer look-up cancels the one under way (same name): it asks for all of them.
            self._asked = set(missing)
            self._tasks.run(self._look_up(missing), name="lists-page")
        self._show(lists)

    def _show(self, lists: ListsSource) -> None:
        for row, (collection, section) in enumerate(self.sections.items()):
            ids = lists.titles_in(collection)
            titles = [self._titles[i] for i in ids if i in self._titles]
            if [t.id for t in titles] != [t.id for t in self.titles(collection)]:
                section.model.reset(titles)  # unchanged lists keep their scroll position
            waiting = len(titles) < len(ids) and any(i in self._asked for i in ids)
            state = LoadState.LOADING if waiting else LoadState.READY
            section.state.show_state(state if ids else LoadState.EMPTY)
            count = f" ({len(ids)})" if ids else ""
            self.tabs.setTabText(row, labels.collection(collection) + count)
            accessible.name(section.grid, labels.collection(collection))

    async def _look_up(self, ids: list[int]) -> None:
        try:
            found = await self._catalog.light_titles(ids)
        except Exception:  # offline or refused: the copies kept before, if any
            found = []
        for title in found:
            self._titles[title.id] = title
            await self._library.keep_brief(title)
        for title_id in ids:
            if title_id not in self._titles:
                kept = await self._library.kept_title(title_id=title_id)
                copy = kept.value if kept is not None else None
                # Known by its id only: a card with a placeholder rather than a gap.
                self._titles[title_id] = copy if isinstance(copy, Title) else Title(id=title_id)
        self._asked.difference_update(ids)
        if self._lists is not None and self._lists.available:
            self._show(self._lists)
