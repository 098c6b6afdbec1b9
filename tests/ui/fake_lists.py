"""An in-memory ListsSource for views' tests: no server, no library."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.core import Title
from app.core.account import Collection


class FakeLists(QObject):
    changed = Signal()

    def __init__(self, available: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._available = available
        self._lists: dict[int, Collection] = {}  # title id -> its list, newest last
        self.calls: list[tuple[int, Collection | None]] = []

    @property
    def available(self) -> bool:
        return self._available

    def set_available(self, on: bool) -> None:
        self._available = on
        self.changed.emit()

    def collection_of(self, title_id: int) -> Collection | None:
        return self._lists.get(title_id) if self._available else None

    def titles_in(self, collection: Collection) -> list[int]:
        if not self._available:
            return []
        return [tid for tid, c in reversed(self._lists.items()) if c is collection]

    def set_collection(self, title: Title, collection: Collection | None) -> None:
        self.calls.append((title.id, collection))
        self._lists.pop(title.id, None)
        if collection is not None:
            self._lists[title.id] = collection
        self.changed.emit()
