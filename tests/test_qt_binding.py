"""Guards against Qt binding bugs that crash the app long after they start."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableWidgetItem


class _EmptyModel(QAbstractListModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        return None


def test_reading_none_back_from_qt_keeps_the_reference_count_of_none() -> None:
    # PySide6 6.12.0 lost a reference to None on every such call: a grid that paints cards whose
    # poster is not loaded yet asks this thousands of times and then the interpreter aborts.
    QApplication.instance() or QApplication([])
    model = _EmptyModel()
    index = model.index(0)
    item = QTableWidgetItem("x")
    before = sys.getrefcount(None)
    for _ in range(1000):
        assert index.data(Qt.ItemDataRole.UserRole) is None
        assert item.data(Qt.ItemDataRole.UserRole) is None
    assert sys.getrefcount(None) >= before - 10
