"""The navigation rail: the brand, one row per registry page, the account and settings buttons;
it keeps the pages in the order they were visited, for Back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import accessible

if TYPE_CHECKING:  # the rail is also a warm start's first paint: it loads before these do
    from collections.abc import Callable

    from app.services.api import Feature

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
HISTORY = 50  # rows remembered for Back


class Entry(Protocol):
    """A row: the registry's PageEntry, or a warm start's kept label."""

    @property
    def key(self) -> str: ...
    @property
    def feature(self) -> Feature | None: ...
    def label(self) -> str: ...


class NavigationRail(QWidget):
    offered_changed = Signal()  # rows were hidden or shown (the API's features)

    def __init__(self, entries: tuple[Entry, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rail")
        # A QWidget subclass paints its style-sheet background only when asked to.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._entries = entries
        self._rows = {entry.key: row for row, entry in enumerate(entries)}
        self._suffixes: dict[str, str] = {}  # e.g. the downloads' " 45 %"
        self.list = QListWidget()
        self.list.setObjectName("navigation")
        self.list.setFixedWidth(220)
        for _ in entries:
            self.list.addItem(QListWidgetItem())
        self._visited: list[int] = []  # rows shown before the current one, the latest last
        self._current = -1
        self._stepping_back = False
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.account_button = QPushButton()  # the AniLibria account; only where the API has one
        self.account_button.setObjectName("railButton")
        self.account_button.hide()
        self.settings_button = QPushButton()
        self.settings_button.setObjectName("railButton")
        brand = QLabel("Libria")
        brand.setObjectName("brand")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 12)
        layout.addWidget(brand)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.account_button)
        layout.addWidget(self.settings_button)

    def key(self, row: int) -> str | None:
        return self._entries[row].key if 0 <= row < len(self._entries) else None

    def row(self, key: str) -> int:
        return self._rows[key]

    def item(self, key: str) -> QListWidgetItem:
        item = self.list.item(self._rows[key])
        assert item is not None  # one row per entry, made with the rail
        return item

    def select(self, key: str) -> None:
        self.list.setCurrentRow(self._rows[key])

    def apply_features(self, has: Callable[[Feature], bool]) -> None:
        """Lists the server's API cannot give are hidden, not shown as errors."""
        for row, entry in enumerate(self._entries):
            if entry.feature is None:
                continue
            offered = has(entry.feature)
            self.item(entry.key).setHidden(not offered)
            if not offered and self.list.currentRow() == row:
                self.list.setCurrentRow(0)  # the first page, always offered
        self.offered_changed.emit()

    def _selection_changed(self) -> None:
        """An item selected without moving the current row (a screen reader's or a voice
        control's "select", AT-SPI Selection) chooses its page as a click would."""
        selected = self.list.selectedIndexes()
        if selected and selected[0].row() != self.list.currentRow():
            self.list.setCurrentRow(selected[0].row())

    def _row_changed(self, row: int) -> None:
        if not self._stepping_back and self._current >= 0 and row != self._current:
            self._visited = [*self._visited, self._current][-HISTORY:]
        self._current = row

    def step_back(self) -> bool:
        """Chooses the page shown before this one (not one hidden since); False: none left."""
        while self._visited:
            row = self._visited.pop()
            item = self.list.item(row)
            if row != self._current and item is not None and not item.isHidden():
                self._stepping_back = True
                try:
                    self.list.setCurrentRow(row)
                finally:
                    self._stepping_back = False
                return True
        return False

    def set_suffix(self, key: str, suffix: str) -> None:
        """A live addition to a page's label (kept across language changes)."""
        self._suffixes[key] = suffix
        entry = self._entries[self._rows[key]]
        self.item(key).setText(entry.label() + suffix)

    def retranslate(self) -> None:
        for entry in self._entries:
            self.item(entry.key).setText(entry.label() + self._suffixes.get(entry.key, ""))
        self.settings_button.setText(translate("MainWindow", "Settings"))
        accessible.name(self.list, translate("MainWindow", "Pages"))
