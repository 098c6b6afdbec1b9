"""Titles (and feed videos) as a list model; posters are asked for only when a card is painted.

Qt keeps the row count: the model stands on QStringListModel, whose list holds one empty string
per card and changes only as the cards do. A Python `rowCount` is called by Qt for every
`index()`: a layout of 1,000 cards made ~2,000 calls into Python, 3.4 ms on the UI thread at
every page appended and every batch of live updates; with the count in C++ it is 0.2 ms. The
items themselves stay in `_items`, swapped in as the first receiver of each change's signal, so
every view sees rows and items agree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QImage

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


ROW_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
)


class CatalogModel(QStringListModel):
    """A list of cards. Its string list is only the row count Qt reads (see the module's
    docstring): rows change through `_change`, never through the string list's own API."""

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
        self._next: list[Title | YouTubeVideo] | None = None  # in place once the rows change
        self._rows_by_url: dict[str, list[int]] = {}
        self._rows_by_id: dict[int, list[int]] = {}  # titles' rows: an update finds its card
        # Connected before any view: the items are in place before a view hears of the change.
        for signal in (self.rowsInserted, self.rowsRemoved, self.rowsMoved):
            signal.connect(self._take_next)
        self.modelReset.connect(self._take_next)
        posters.ready.connect(self._poster_ready)

    def _change(self, items: list[Title | YouTubeVideo], rows_change: Callable[[], Any]) -> None:
        """Runs one change of the rows Qt counts; `items` replace `_items` as it is announced
        (until then views may still ask for the rows as they were)."""
        self._next = items
        if rows_change() is False:  # Qt refused it: a bug here, not a state to go on from
            self._next = None
            raise RuntimeError("the rows Qt counts and the items went apart")
        self._take_next()  # in case the change announced nothing

    def _take_next(self, *_: object) -> None:
        if self._next is not None:
            self._items, self._next = self._next, None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

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

    def card(
        self, row: int
    ) -> tuple[Title | YouTubeVideo, bool | None, Collection | None, QImage | None] | None:
        """What a card shows, as `data` gives it by role (item, favourite, list, poster), in one
        call: a card's paint asked Qt for four roles, each a trip through its variants."""
        if not 0 <= row < len(self._items):
            return None
        item = self._items[row]
        title = isinstance(item, Title)
        favourite = self._is_favourite(item.id) if self._is_favourite and title else None
        listed = self._collection_of(item.id) if self._collection_of and title else None
        return item, favourite, listed, self._posters.image(image_url(item), POSTER_SIZE)

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
        fresh = list(items)
        self._index_urls(0, fresh)
        self._change(fresh, lambda: self.setStringList([""] * len(fresh)))

    def append(self, items: Sequence[Title | YouTubeVideo]) -> None:
        if not items:
            return
        start = len(self._items)
        self._index_urls(start, items)  # before the views hear: a paint may ask for posters
        self._change([*self._items, *items], lambda: self.insertRows(start, len(items)))

    def merge(self, items: Sequence[Title | YouTubeVideo]) -> None:
        """Puts a fresh list in place of the shown one by small steps: a card that stays keeps
        its row, new ones are inserted, gone ones removed. A reset would scroll the view to the
        top and repaint every card; this keeps the scroll position and repaints what changed."""
        fresh = list(items)
        wanted = {_key(item) for item in fresh}
        for row in range(len(self._items) - 1, -1, -1):  # last first: rows above keep numbers
            if _key(self._items[row]) not in wanted:
                self._remove(row, 1)
        for row, item in enumerate(fresh):
            keys = [_key(shown) for shown in self._items]
            if row < len(keys) and keys[row] == _key(item):
                self._put(row, item)
            elif _key(item) in keys[row:]:
                self._move(keys.index(_key(item), row), row)
                self._put(row, item)
            else:
                self._insert(row, [item])
        if len(self._items) > len(fresh):  # duplicates in the answer
            self._remove(len(fresh), len(self._items) - len(fresh))
        self._index_urls(0)

    def _remove(self, row: int, count: int) -> None:
        self._change(
            self._items[:row] + self._items[row + count :], lambda: self.removeRows(row, count)
        )

    def _insert(self, row: int, items: list[Title | YouTubeVideo]) -> None:
        fresh = [*self._items[:row], *items, *self._items[row:]]
        self._change(fresh, lambda: self.insertRows(row, len(items)))

    def _move(self, source: int, row: int) -> None:
        """The card at `source` to `row` (above it)."""
        fresh = list(self._items)
        fresh.insert(row, fresh.pop(source))
        root = QModelIndex()
        self._change(fresh, lambda: self.moveRows(root, source, 1, root, row))

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
            self._insert(0, list(new))
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

    def _index_urls(self, start: int, items: Sequence[Title | YouTubeVideo] | None = None) -> None:
        """Indexes the rows from `start` on: those of `items` (rows about to be appended) or
        the rows shown."""
        if start == 0:
            self._rows_by_url = {}
            self._rows_by_id = {}
        rows = self._items[start:] if items is None else items
        for row, item in enumerate(rows, start):
            self._rows_by_url.setdefault(image_url(item), []).append(row)
            if isinstance(item, Title):
                self._rows_by_id.setdefault(item.id, []).append(row)

    def _poster_ready(self, url: str) -> None:
        for row in self._rows_by_url.get(url, ()):
            index = self.index(row)
            self.dataChanged.emit(index, index, [PosterRole])
