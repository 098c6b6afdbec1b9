"""Titles (and feed videos) as a list model; posters are asked for only when a card is painted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.core import Title, YouTubeVideo
from app.core.account import Collection
from app.services.posters import PosterService
from app.ui import accessible, labels
from app.ui.catalog.batch import front_order, plan_updates
from app.ui.catalog.card_face import POSTER_SIZE

ItemRole = Qt.ItemDataRole.UserRole + 1
PosterRole = Qt.ItemDataRole.UserRole + 2
FavouriteRole = Qt.ItemDataRole.UserRole + 3
CollectionRole = Qt.ItemDataRole.UserRole + 4  # the account's list the title is in, or None
Index = QModelIndex | QPersistentModelIndex


def _key(item: Title | YouTubeVideo) -> tuple[bool, int]:
    return isinstance(item, Title), item.id


def image_url(item: Title | YouTubeVideo) -> str:
    return item.poster.thumbnail if isinstance(item, Title) else item.image


class CatalogModel(QAbstractListModel):
    def __init__(
        self,
        posters: PosterService,
        parent: QObject | None = None,
        is_favourite: Callable[[int], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._posters = posters
        self._is_favourite = is_favourite
        self._collection_of: Callable[[int], Collection | None] | None = None
        self._items: list[Title | YouTubeVideo] = []
        self._rows_by_url: dict[str, list[int]] = {}
        self._rows_by_id: dict[int, list[int]] = {}  # titles' rows: an update finds its card
        posters.ready.connect(self._poster_ready)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == ItemRole:
            return item
        if role == PosterRole:
            return self._posters.image(image_url(item), POSTER_SIZE)
        if role == FavouriteRole:
            if self._is_favourite is None or not isinstance(item, Title):
                return None  # no star on this card
            return self._is_favourite(item.id)
        if role == CollectionRole:
            if self._collection_of is None or not isinstance(item, Title):
                return None
            return self._collection_of(item.id)
        if role in (Qt.ItemDataRole.DisplayRole, accessible.TextRole):
            return labels.name(item.names) if isinstance(item, Title) else item.title
        if role == accessible.DescriptionRole:
            return self.description(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            if isinstance(item, Title):
                names = item.names
                first = labels.name(names)
                others = (names.ru, names.en, names.alternative)
                return "\n".join([first, *(n for n in dict.fromkeys(others) if n and n != first)])
            return item.title
        return None

    def description(self, item: Title | YouTubeVideo) -> str:
        """What a card shows besides its name, as a screen reader says it after the name."""
        if not isinstance(item, Title):
            return accessible.facts("YouTube", labels.date(item.timestamp))
        favourite = self._is_favourite is not None and self._is_favourite(item.id)
        collection = self._collection_of(item.id) if self._collection_of is not None else None
        return accessible.facts(
            labels.episodes(item),
            labels.status(item.status, item.status_label),
            accessible.in_favourites() if favourite else "",
            accessible.in_list(labels.collection(collection)) if collection is not None else "",
        )

    def item(self, row: int) -> Title | YouTubeVideo:
        return self._items[row]

    def items(self) -> list[Title | YouTubeVideo]:
        return list(self._items)

    def reset(self, items: Sequence[Title | YouTubeVideo]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._index_urls(0)
        self.endResetModel()

    def append(self, items: Sequence[Title | YouTubeVideo]) -> None:
        if not items:
            return
        start = len(self._items)
        self.beginInsertRows(QModelIndex(), start, start + len(items) - 1)
        self._items.extend(items)
        self._index_urls(start)
        self.endInsertRows()

    def merge(self, items: Sequence[Title | YouTubeVideo]) -> None:
        """Puts a fresh list in place of the shown one by small steps: a card that stays keeps
        its row, new ones are inserted, gone ones removed. A reset would scroll the view to the
        top and repaint every card; this keeps the scroll position and repaints what changed."""
        fresh = list(items)
        wanted = {_key(item) for item in fresh}
        for row in range(len(self._items) - 1, -1, -1):  # last first: rows above keep numbers
            if _key(self._items[row]) not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._items[row]
                self.endRemoveRows()
        for row, item in enumerate(fresh):
            keys = [_key(shown) for shown in self._items]
            if row < len(keys) and keys[row] == _key(item):
                self._put(row, item)
            elif _key(item) in keys[row:]:
                source = keys.index(_key(item), row)
                self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), row)
                self._items.insert(row, self._items.pop(source))
                self.endMoveRows()
                self._put(row, item)
            else:
                self.beginInsertRows(QModelIndex(), row, row)
                self._items.insert(row, item)
                self.endInsertRows()
        if len(self._items) > len(fresh):  # duplicates in the answer
            self.beginRemoveRows(QModelIndex(), len(fresh), len(self._items) - 1)
            del self._items[len(fresh) :]
            self.endRemoveRows()
        self._index_urls(0)

    def _put(self, row: int, item: Title | YouTubeVideo) -> None:
        if self._items[row] != item:
            self._items[row] = item
            self.dataChanged.emit(self.index(row), self.index(row))

    def replace_title(self, title: Title) -> None:
        """Puts a fresher copy of a title (e.g. from a live update) in place, keeping its row."""
        for row in self._rows_by_id.get(title.id, ()):
            self._items[row] = title
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def move_to_front(self, title: Title) -> None:
        """A title with a new episode goes to the top of a newest-first list."""
        self._bring_to_front([title])

    def take_updates(self, titles: Sequence[Title], to_front: bool = False) -> None:
        """A batch of live updates, leaving the list as `move_to_front` (in a newest-first list,
        for a title no older than the top card) or `replace_title` one by one would, but in at
        most one insert and one layout change: a burst of hundreds of updates relayouts the
        grid once, not hundreds of times."""
        front, in_place = plan_updates(self._items[0] if self._items else None, titles, to_front)
        for title in in_place.values():
            self.replace_title(title)
        if front:
            self._bring_to_front(front)

    def _bring_to_front(self, front: list[Title]) -> None:
        """`front` first, in its order (new titles inserted, shown ones moved), the rest after."""
        new = [title for title in front if title.id not in self._rows_by_id]
        if new:
            self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
            self._items[0:0] = new
            self.endInsertRows()
            self._index_urls(0)
        rows = {title.id: self._rows_by_id[title.id][0] for title in front}
        order = front_order(rows, front, len(self._items))
        if order[: len(front)] == list(range(len(front))):  # already in place: fresher copies
            self._items[: len(front)] = front
            self.dataChanged.emit(self.index(0), self.index(len(front) - 1))
            return
        self.layoutAboutToBeChanged.emit()
        self._items = [*front, *(self._items[row] for row in order[len(front) :])]
        new_row = {old: row for row, old in enumerate(order)}
        kept = self.persistentIndexList()  # the current card and the selection move with it
        self.changePersistentIndexList(kept, [self.index(new_row[i.row()]) for i in kept])
        self._index_urls(0)
        self.layoutChanged.emit()

    def favourites_changed(self) -> None:
        if self._items:
            last = self.index(len(self._items) - 1)
            self.dataChanged.emit(self.index(0), last, [FavouriteRole, accessible.DescriptionRole])

    def show_collections(self, collection_of: Callable[[int], Collection | None]) -> None:
        """Cards show the list their title is in (a badge)."""
        self._collection_of = collection_of

    def collections_changed(self) -> None:
        if self._items:
            last = self.index(len(self._items) - 1)
            self.dataChanged.emit(self.index(0), last, [CollectionRole, accessible.DescriptionRole])

    def _index_urls(self, start: int) -> None:
        if start == 0:
            self._rows_by_url = {}
            self._rows_by_id = {}
        for row in range(start, len(self._items)):
            item = self._items[row]
            self._rows_by_url.setdefault(image_url(item), []).append(row)
            if isinstance(item, Title):
                self._rows_by_id.setdefault(item.id, []).append(row)

    def _poster_ready(self, url: str) -> None:
        for row in self._rows_by_url.get(url, ()):
            index = self.index(row)
            self.dataChanged.emit(index, index, [PosterRole])
