"""A title page's franchise section: the other seasons, films and specials as tiles, in the
franchise's order, the open title marked (hidden while there are none)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidgetItem, QWidget

from app.core import Franchise, Title
from app.ui import accessible, labels
from app.ui.pages.episode_list import EpisodeGrid

RelatedRole = Qt.ItemDataRole.UserRole + 2
FRANCHISE_TILE = QSize(220, 56)


class FranchiseTiles(QObject):
    title_requested = Signal(object)  # Title: a related season was chosen

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("sectionHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.grid = EpisodeGrid(tile=FRANCHISE_TILE)
        self.grid.setObjectName("franchise")
        self.grid.itemActivated.connect(self._activated)
        self.grid.itemDoubleClicked.connect(self._activated)

    def show(self, franchises: list[Franchise], current_id: int | None) -> None:
        self.grid.clear()
        shown = [f for f in franchises if len(f.titles) > 1]
        for franchise in shown:
            for related in franchise.titles:
                self.grid.addItem(_tile(related, current=related.id == current_id))
        english = labels.english()
        names = ", ".join(
            n for f in shown if (n := (f.english or f.name) if english else (f.name or f.english))
        )
        self.heading.setText(self.tr("Franchise: %1").replace("%1", names))
        accessible.name(self.grid, self.heading.text())
        for widget in (self.heading, self.grid):
            widget.setVisible(bool(shown))
        self.grid.fit_height()

    def _activated(self, item: QListWidgetItem) -> None:
        related = item.data(RelatedRole)
        if isinstance(related, Title):
            self.title_requested.emit(related)


def _tile(related: Title, current: bool) -> QListWidgetItem:
    year = f" ({related.season.year})" if related.season.year else ""
    name = labels.name(related.names)
    item = QListWidgetItem(f"{name}{year}")
    item.setToolTip(name)
    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    item.setSizeHint(FRANCHISE_TILE - QSize(8, 8))
    if current:
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # this title: shown, not a link
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    else:
        item.setData(RelatedRole, related)
    return item
