"""A table cell that sorts by a value of its own (bytes, timestamps) rather than by its text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

from app.ui import accessible

SortRole = Qt.ItemDataRole.UserRole + 10


class SortableItem(QTableWidgetItem):
    def __init__(self, text: str, key: Any) -> None:
        super().__init__(text)
        self.setData(SortRole, key)
        if not text:  # a screen reader says so rather than nothing
            self.setData(accessible.TextRole, accessible.nothing())
        self.setFlags(self.flags() & ~Qt.ItemFlag.ItemIsEditable)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SortRole), other.data(SortRole)
        if mine is None or theirs is None:
            return super().__lt__(other)
        return bool(mine < theirs)
