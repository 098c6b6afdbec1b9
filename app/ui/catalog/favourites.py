"""Stars on grid cards: painted from the library's ids, toggled by a click on the star."""

from __future__ import annotations

from typing import Protocol

from app.core import Title
from app.services.library import LibraryService
from app.services.tasks import TaskRunner
from app.ui.catalog.grid import CatalogGrid
from app.ui.catalog.model import CatalogModel


class FavouriteRoute(Protocol):
    """Where a star's change goes: the account's favourites when signed in, else the library."""

    async def set_favourite(self, title: Title, on: bool) -> None: ...


class Favourites:
    """What a grid needs to show and toggle favourites."""

    def __init__(
        self, library: LibraryService, tasks: TaskRunner, route: FavouriteRoute | None = None
    ) -> None:
        self.library = library
        self.tasks = tasks
        self.route: FavouriteRoute = route or library

    def is_favourite(self, title_id: int) -> bool:
        return self.library.is_favourite(title_id)

    def set(self, title: Title, on: bool) -> None:
        self.tasks.run(self.route.set_favourite(title, on))

    def bind(self, model: CatalogModel, grid: CatalogGrid) -> None:
        self.library.favourites_changed.connect(model.favourites_changed)
        grid.favourite_toggled.connect(self.set)
