"""What every page shares: a heading, retranslation on language change, a first-show hook."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui import crash


class Page(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(20, 16, 20, 8)
        self.body.addWidget(self.heading)
        self._shown_once = False

    def retranslate(self) -> None:
        """Sets every visible text; runs at start and whenever the language changes."""

    def first_shown(self) -> None:
        """Starts loading: pages load when first opened, not all at start-up."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            with crash.reported():
                self.first_shown()
