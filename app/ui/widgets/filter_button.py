"""A button with a menu of checkable choices: one search filter (years, genres, voices...)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget


class FilterButton(QToolButton):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self._label = ""
        self._choices: list[QAction] = []
        self._header: list[QAction] = []

    def set_label(self, label: str) -> None:
        self._label = label
        self._refresh_text()

    def set_choices(self, choices: list[tuple[str, Any]]) -> None:
        """Replaces the choices, keeping the checked state of those that remain."""
        checked = set(self.selected())
        for action in self._choices:
            self.menu_.removeAction(action)
        self._choices = []
        for text, value in choices:
            action = QAction(text, self.menu_)
            action.setCheckable(True)
            action.setData(value)
            action.setChecked(value in checked)
            action.toggled.connect(self._toggled)
            self.menu_.addAction(action)
            self._choices.append(action)
        self._refresh_text()

    def add_header_action(self, action: QAction) -> None:
        """An action above the choices (e.g. how to sort them)."""
        first = self._choices[0] if self._choices else None
        self.menu_.insertAction(first, action)  # type: ignore[arg-type]
        self._header.append(action)
        if len(self._header) == 1:
            self.menu_.insertSeparator(first)  # type: ignore[arg-type]

    def selected(self) -> list[Any]:
        return [action.data() for action in self._choices if action.isChecked()]

    def choose(self, value: Any) -> bool:
        """Checks the choice holding this value (without `changed`); False: there is none."""
        action = next((a for a in self._choices if a.data() == value), None)
        if action is not None:
            action.blockSignals(True)
            action.setChecked(True)
            action.blockSignals(False)
            self._refresh_text()
        return action is not None

    def clear(self) -> None:
        changed = False
        for action in self._choices:
            if action.isChecked():
                action.blockSignals(True)
                action.setChecked(False)
                action.blockSignals(False)
                changed = True
        self._refresh_text()
        if changed:
            self.changed.emit()

    def _toggled(self) -> None:
        self._refresh_text()
        self.changed.emit()

    def _refresh_text(self) -> None:
        count = len(self.selected())
        self.setText(f"{self._label} ({count})" if count else self._label)
