"""Search: type-ahead text, with filters by year, season, genre and every team role."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from app.core import Season, TeamRole, Title
from app.core.search import SearchCriteria
from app.services.api import Feature
from app.services.catalog import CatalogService
from app.services.posters import PosterService
from app.services.search import SearchService
from app.services.state import LoadState
from app.ui import accessible, labels
from app.ui.catalog.favourites import Favourites
from app.ui.pages.base import Page
from app.ui.pages.catalog_page import PagedGrid
from app.ui.widgets.filter_button import FilterButton
from app.ui.widgets.flow_layout import FlowLayout


class SearchPage(Page):
    title_activated = Signal(object)

    def __init__(
        self,
        search: SearchService,
        catalog: CatalogService,
        posters: PosterService,
        favourites: Favourites | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.search = search
        self.catalog = catalog
        self.field = QLineEdit()
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._criteria_changed)
        self.field.returnPressed.connect(lambda: self._criteria_changed(immediately=True))
        self.years = FilterButton()
        self.seasons = FilterButton()
        self.genres = FilterButton()
        self.roles = {role: FilterButton() for role in TeamRole}
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self._reset_filters)
        filters = FlowLayout()  # wraps at large fonts rather than cutting the buttons' words
        for button in (self.years, self.seasons, self.genres, *self.roles.values()):
            filters.addWidget(button)
            button.changed.connect(self._criteria_changed)
        filters.addWidget(self.reset_button)
        self._sort_group = QActionGroup(self)
        self.sort_alphabet = QAction(self._sort_group)
        self.sort_rating = QAction(self._sort_group)
        for action in (self.sort_alphabet, self.sort_rating):
            action.setCheckable(True)
            self.genres.add_header_action(action)
        self.sort_alphabet.setChecked(True)
        self._sort_group.triggered.connect(
            lambda: catalog.load_genres(by_rating=self.sort_rating.isChecked())
        )
        paged = PagedGrid(search.results, posters, self, favourites)
        self.model, self.grid, self.state = paged.model, paged.grid, paged.state
        self.more_failed = paged.more_failed
        self.body.addWidget(self.field)
        self.body.addLayout(filters)
        self.body.addWidget(self.state, 1)
        self.body.addWidget(self.more_failed)
        self.grid.title_activated.connect(self.title_activated)
        for widget in (self.field, self.grid):  # ↓ from the field to the results, ↑ back
            widget.installEventFilter(self)
        catalog.years.loaded.connect(self._years_loaded)
        catalog.genres.loaded.connect(self._genres_loaded)
        catalog.team.loaded.connect(self._team_loaded)
        self.retranslate()

    def apply_features(self, has: Callable[[Feature], bool]) -> None:
        self.set_features(has(Feature.TEAM_FILTERS), has(Feature.GENRE_RATING))

    def update_title(self, title: Title) -> None:
        self.model.replace_title(title)

    def set_features(self, team_filters: bool, genre_rating: bool) -> None:
        """Team filters and genre popularity exist on v2 only: elsewhere they are hidden."""
        for button in self.roles.values():
            button.setVisible(team_filters)
            if not team_filters:
                button.clear()
        for action in (self.sort_alphabet, self.sort_rating):
            action.setVisible(genre_rating)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Search"))
        self.field.setPlaceholderText(self.tr("Title in Russian or English — typos are fine"))
        accessible.name(self.field, self.tr("Search"))  # the placeholder is its description
        accessible.name(
            self.grid,
            self.tr("Search results"),
            self.tr("↑ from the first row: back to the search field"),
        )
        self.years.set_label(self.tr("Year"))
        self.seasons.set_label(self.tr("Season"))
        self.genres.set_label(self.tr("Genres"))
        self.sort_alphabet.setText(self.tr("Alphabetically"))
        self.sort_rating.setText(self.tr("By popularity"))
        for role, button in self.roles.items():
            button.set_label(labels.role(role))
        self.seasons.set_choices([(labels.season(s), s.value) for s in Season if s.value])
        self.reset_button.setText(self.tr("Reset filters"))
        self.state.empty_text = self.tr("Nothing found. Try other words or fewer filters.")
        self.more_failed.button.setText(self.tr("Try again"))
        self.state.show_state(self.state.state, self.search.results.message)

    def first_shown(self) -> None:
        for query, fill in ((self.catalog.years, self._years_loaded),
                            (self.catalog.team, self._team_loaded)):  # fmt: skip
            if query.state is LoadState.IDLE:
                query.reload()
            elif query.value is not None:  # loaded before this page existed (the team page)
                fill(query.value)
        if self.catalog.genres.state is LoadState.IDLE:
            self.catalog.load_genres(by_rating=False)
        if self.search.results.state is LoadState.IDLE:
            self._criteria_changed(immediately=True)

    def focus_target(self) -> QWidget:
        return self.field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if watched is self.field and plain and event.key() == Qt.Key.Key_Down:
            if self.model.rowCount() > 0:
                self.grid.setFocus(Qt.FocusReason.OtherFocusReason)  # its first card current
            return True
        if watched is self.grid and plain and event.key() == Qt.Key.Key_Up and self._top_row():
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def _top_row(self) -> bool:
        current = self.grid.currentIndex()
        first = self.grid.visualRect(self.model.index(0, 0))
        return not current.isValid() or self.grid.visualRect(current).top() <= first.top()

    def criteria(self) -> SearchCriteria:
        return SearchCriteria(
            text=self.field.text(),
            years=tuple(self.years.selected()),
            seasons=tuple(self.seasons.selected()),
            genres=tuple(self.genres.selected()),
            team={role: tuple(button.selected()) for role, button in self.roles.items()},
        )

    def _criteria_changed(self, *_: object, immediately: bool = False) -> None:
        self.search.set_criteria(self.criteria(), immediately=immediately)

    def _reset_filters(self) -> None:
        self._clear_filters()
        self._criteria_changed(immediately=True)

    def _clear_filters(self) -> None:
        for button in (self.years, self.seasons, self.genres, *self.roles.values()):
            button.blockSignals(True)
            button.clear()
            button.blockSignals(False)

    def find_member(self, role: TeamRole, name: str) -> None:
        """The titles of one team member (the team page's Enter): that filter alone."""
        self._clear_filters()
        self.field.blockSignals(True)
        self.field.clear()
        self.field.blockSignals(False)
        button = self.roles[role]
        if not button.choose(name):  # the team list is loaded by now, unless it was refused
            button.set_choices([(name, name)])
            button.choose(name)
        self._criteria_changed(immediately=True)

    def _years_loaded(self, years: list[int]) -> None:
        self.years.set_choices([(str(year), year) for year in sorted(years, reverse=True)])

    def _genres_loaded(self, genres: list[str]) -> None:
        self.genres.set_choices([(genre, genre) for genre in genres])

    def _team_loaded(self, team: object) -> None:
        for role, button in self.roles.items():
            members = getattr(team, role.value, ())
            button.set_choices([(name, name) for name in members])
