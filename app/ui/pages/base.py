"""What every page shares: a heading, retranslation on language change, a first-show hook, and
the hooks the window reaches every page through (live updates, the API's features)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QVBoxLayout, QWidget

from app.core import Title
from app.services.api import Feature
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

    def update_title(self, title: Title) -> None:
        """A title changed on the server: a page that shows it takes the new copy."""

    def update_titles(self, titles: Sequence[Title]) -> None:
        """Many titles changed at once (live updates come in batches), oldest change first."""
        for title in titles:
            self.update_title(title)

    def playlist_changed(self, title_id: int) -> None:
        """A title's episodes changed on the server."""

    def apply_features(self, has: Callable[[Feature], bool]) -> None:
        """What the server's API offers: a page hides the parts it cannot serve."""

    def focus_target(self) -> QWidget | None:
        """Where the focus goes when the page is first shown: its main list or grid (the first
        one in view, else the first; a combo box's popup list is a window of its own)."""
        views = [v for v in self.findChildren(QAbstractItemView) if v.window() is self.window()]
        return next((v for v in views if v.isVisibleTo(self)), views[0] if views else None)

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
