"""Favourites: the titles the user starred, kept locally, shown even without a network."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.core import Title
from app.services.catalog import CatalogService
from app.services.library import LibraryService
from app.services.posters import PosterService
from app.services.state import LoadState
from app.services.tasks import TaskRunner
from app.ui import accessible
from app.ui.catalog.favourites import Favourites
from app.ui.catalog.grid import CatalogGrid
from app.ui.catalog.model import CatalogModel
from app.ui.pages.base import Page
from app.ui.pages.owned_tasks import OwnedTasks
from app.ui.widgets.state_panel import StatePanel


class FavouritesPage(Page):
    title_activated = Signal(object)  # Title

    def __init__(
        self,
        library: LibraryService,
        catalog: CatalogService,
        posters: PosterService,
        tasks: TaskRunner,
        favourites: Favourites | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._catalog = catalog
        self._tasks = OwnedTasks(self, tasks)  # cards land in the grid: gone with the page
        self._refreshed = False
        favourites = favourites or Favourites(library, tasks)
        self.model = CatalogModel(posters, self, favourites.is_favourite)
        self.grid = CatalogGrid(self.model)
        favourites.bind(self.model, self.grid)
        self.state = StatePanel(self.grid)
        self.state.retry_requested.connect(self.reload)
        self.body.addWidget(self.state, 1)
        self.grid.title_activated.connect(self.title_activated)
        library.favourites_changed.connect(self._favourites_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Favourites"))
        accessible.name(self.grid, self.heading.text())
        self.state.empty_text = self.tr("No favourites yet: star a title to keep it here")
        if self.state.currentWidget() is not self.grid:
            self.state.show_state(
                LoadState.EMPTY if self.model.rowCount() == 0 else LoadState.READY, ""
            )

    def first_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        self._tasks.run(self._load(), name="favourites-page")

    def update_title(self, title: Title) -> None:
        self.model.replace_title(title)

    def titles(self) -> list[Title]:
        return [item for item in self.model.items() if isinstance(item, Title)]

    def _favourites_changed(self) -> None:
        # A star taken off here keeps its card until the page is reopened: no jumping grid.
        if not self.isVisible():
            self.reload()

    async def _load(self) -> None:
        titles = await self._library.favourite_titles()
        self.model.reset(titles)
        self.state.show_state(LoadState.READY if titles else LoadState.EMPTY, "")
        if titles and not self._refreshed:
            self._refreshed = True
            await self._refresh_details([t.id for t in titles])

    async def _refresh_details(self, ids: list[int]) -> None:
        """Once per run, fresh names and posters (an imported favourite has only its id)."""
        try:
            fresh = await self._catalog.light_titles(ids)
        except Exception:  # offline or the server refused: the kept copies stay
            return
        for title in fresh:
            await self._library.keep_brief(title)
            self.model.replace_title(title)
