"""Marks on grid cards: the star, painted from the library's ids and toggled by a click on it,
and the account's list a title is in (a badge; the context menu changes it)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPoint

from app.core import Title
from app.core.account import Collection
from app.services.library import LibraryService
from app.services.lists import ListsSource
from app.services.tasks import TaskRunner
from app.ui.catalog.grid import CatalogGrid
from app.ui.catalog.model import CatalogModel
from app.ui.widgets.list_chooser import choose_list


class FavouriteRoute(Protocol):
    """Where a star's change goes: the account's favourites when signed in, else the library."""

    async def set_favourite(self, title: Title, on: bool) -> None: ...


class Favourites:
    """What a grid needs to show and change a card's marks (lists: None without them)."""

    def __init__(
        self,
        library: LibraryService,
        tasks: TaskRunner,
        route: FavouriteRoute | None = None,
        lists: ListsSource | None = None,
    ) -> None:
        self.library = library
        self.tasks = tasks
        self.route: FavouriteRoute = route or library
        self.lists = lists

    def is_favourite(self, title_id: int) -> bool:
        return self.library.is_favourite(title_id)

    def collection_of(self, title_id: int) -> Collection | None:
        return self.lists.collection_of(title_id) if self.lists is not None else None

    def set(self, title: Title, on: bool) -> None:
        self.tasks.run(self.route.set_favourite(title, on))

    def bind(self, model: CatalogModel, grid: CatalogGrid) -> None:
        self.library.favourites_changed.connect(model.favourites_changed)
        grid.favourite_toggled.connect(self.set)
        if self.lists is not None:
            model.show_collections(self.collection_of)
            self.lists.changed.connect(model.collections_changed)
            grid.list_menu = self._list_menu

    def _list_menu(self, grid: CatalogGrid, title: Title, at: QPoint) -> None:
        if self.lists is not None and self.lists.available:
            choose_list(self.lists, title, grid, at)
