"""What screen readers announce (QAccessible, AT-SPI on Linux): a control's name (what it is) and
description (what it does, its keys), and the facts an item of a list reads out. Names go through
the same translations as the visible text and are set again where the view retranslates."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

# A model's answers to a screen reader: the item's name, then what else it shows.
TextRole = Qt.ItemDataRole.AccessibleTextRole
DescriptionRole = Qt.ItemDataRole.AccessibleDescriptionRole


def name(widget: QWidget, text: str, description: str | None = None) -> None:
    """The words a screen reader says for the widget (and, given, what it does)."""
    widget.setAccessibleName(text)
    if description is not None:
        widget.setAccessibleDescription(description)


def facts(*parts: str) -> str:
    """An item's facts in reading order, the empty ones left out: "12 episodes, Ongoing"."""
    return ", ".join(part for part in parts if part)


def nothing() -> str:
    """Said for a table cell with nothing in it (a speed while paused), rather than silence."""
    return translate("Accessible", "none")


def in_favourites() -> str:
    return translate("Accessible", "in favourites")


def in_list(list_name: str) -> str:
    return translate("Accessible", "in the list %1").replace("%1", list_name)
