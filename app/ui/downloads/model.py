"""The downloads as a table model: one row per episode, by title then episode; progress kept per
item so a row repaints alone, however many rows there are."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.core.download import DownloadItem, DownloadState, FetchProgress
from app.ui import accessible, theme
from app.ui.downloads import words

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
ItemRole = Qt.ItemDataRole.UserRole + 1  # the row's DownloadItem
FractionRole = Qt.ItemDataRole.UserRole + 2  # 0..1, for the progress bar
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    EPISODE = 1
    PROGRESS = 2
    SIZE = 3
    SPEED = 4
    LEFT = 5
    STATE = 6


def headers() -> list[str]:
    return [
        translate("Downloads", "Title"),
        translate("Downloads", "Episode"),
        translate("Downloads", "Progress"),
        translate("Downloads", "Size"),
        translate("Downloads", "Speed"),
        translate("Downloads", "Time left"),
        translate("Downloads", "State"),
    ]


def _order(item: DownloadItem) -> tuple[str, int, float]:
    return item.title_name.casefold(), item.title_id, item.episode


class DownloadsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[DownloadItem] = []
        self._keys: list[tuple[str, int, float]] = []  # _order of each row, for bisect
        self._progress: dict[int, FetchProgress] = {}

    # ----- changes -----

    def reset(self, items: Iterable[DownloadItem]) -> None:
        self.beginResetModel()
        self._items = sorted(items, key=_order)
        self._keys = [_order(item) for item in self._items]
        self._progress = {i: p for i, p in self._progress.items() if self.row_of(i) is not None}
        self.endResetModel()

    def upsert(self, item: DownloadItem) -> None:
        """A new item takes its place in the order; a known one is updated where it is."""
        row = self.row_of(item.id)
        if row is not None and self._keys[row] == _order(item):
            self._items[row] = item
            if item.state is DownloadState.DONE:
                self._progress.pop(item.id, None)
            self._row_changed(row)
            return
        if row is not None:
            self.remove(item.id)
        key = _order(item)
        row = bisect.bisect_right(self._keys, key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.insert(row, item)
        self._keys.insert(row, key)
        self.endInsertRows()
        self._next_row_changed(row)

    def remove(self, item_id: int) -> None:
        row = self.row_of(item_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._items[row]
        del self._keys[row]
        self._progress.pop(item_id, None)
        self.endRemoveRows()
        self._next_row_changed(row - 1)

    def set_progress(self, item_id: int, progress: FetchProgress) -> None:
        row = self.row_of(item_id)
        if row is not None:
            self._progress[item_id] = progress
            self._row_changed(row)

    def _next_row_changed(self, row: int) -> None:
        """The row after a change may have become, or stopped being, its title's first."""
        if 0 <= row + 1 < len(self._items):
            name = self.index(row + 1, Column.NAME)
            self.dataChanged.emit(name, name)

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    # ----- reading -----

    def items(self) -> list[DownloadItem]:
        return list(self._items)

    def item(self, row: int) -> DownloadItem:
        return self._items[row]

    def row_of(self, item_id: int) -> int | None:
        """The row of an item (a scan: a few hundred rows, on a change, not per paint)."""
        for row, item in enumerate(self._items):
            if item.id == item_id:
                return row
        return None

    def progress_of(self, item_id: int) -> FetchProgress | None:
        return self._progress.get(item_id)

    def fraction(self, item: DownloadItem) -> float:
        if item.state is DownloadState.DONE:
            return 1.0
        progress = self._progress.get(item.id)
        return progress.fraction if progress is not None else 0.0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == ItemRole:
            return item
        if role == accessible.TextRole:
            return self._text(item, column) or accessible.nothing()
        if role == accessible.DescriptionRole and column is Column.NAME:  # the row in one go
            episode = translate("Downloads", "episode %1").replace("%1", item.episode_label)
            return accessible.facts(episode, words.state(item), words.percent(self.fraction(item)))
        if role == FractionRole:
            return self.fraction(item)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.NAME, Column.STATE):
            return self._text(item, column)  # the whole of an elided name or reason
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(index.row(), item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (Column.NAME, Column.STATE):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def _colour(self, row: int, item: DownloadItem, column: Column) -> QColor | None:
        if column is Column.STATE and item.state is DownloadState.FAILED:
            return QColor(theme.current().accent_text)
        if column is Column.NAME and row > 0 and self._items[row - 1].title_id == item.title_id:
            return QColor(theme.current().faint)  # a title's later rows: groups read
        return None

    def _text(self, item: DownloadItem, column: Column) -> str:
        progress = self._progress.get(item.id)
        downloading = item.state is DownloadState.DOWNLOADING and progress is not None
        if column is Column.NAME:
            return item.title_name
        if column is Column.EPISODE:
            return item.episode_label
        if column is Column.PROGRESS:
            return words.percent(self.fraction(item))
        if column is Column.SIZE:
            return self._size(item, progress)
        if column is Column.SPEED:
            return words.speed(progress.speed_bps) if downloading and progress else ""
        if column is Column.LEFT:
            return words.time_left(progress.eta_s) if downloading and progress else ""
        return words.state(item)

    @staticmethod
    def _size(item: DownloadItem, progress: FetchProgress | None) -> str:
        if item.state is DownloadState.DONE or progress is None:
            return words.size(item.size) if item.size else ""
        if progress.bytes_expected > 0:
            return (
                translate("Downloads", "%1 of %2")
                .replace("%1", words.size(progress.bytes_done))
                .replace("%2", words.size(progress.bytes_expected))
            )
        return words.size(progress.bytes_done)
