"""The notices above the window's pages: offline, a warning, and new episodes told in-app."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QBoxLayout

from app.services.library import LibraryService
from app.services.offline import Connectivity
from app.ui import accessible, labels
from app.ui.widgets.banner import Banner

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class Banners(QObject):
    news_clicked = Signal()  # the in-app notice of new episodes was clicked

    def __init__(self, connectivity: Connectivity, parent: QObject | None = None) -> None:
        super().__init__(parent)  # a child of the window: its connections end with it
        self._connectivity = connectivity
        self.offline = Banner("offline")
        self.offline.action.connect(connectivity.retry_now)
        self.warning = Banner("warning", closable=True)
        self.news = Banner("news", closable=True)
        self.news.action.connect(self.news_clicked)
        self.news.action.connect(self.news.hide)
        connectivity.changed.connect(self._connectivity_changed)

    def add_to(self, layout: QBoxLayout) -> None:
        for banner in (self.offline, self.warning, self.news):
            layout.addWidget(banner)

    def show_news(self, text: str, can_watch: bool) -> None:
        """New episodes told inside the window (no notification server, no tray)."""
        button = translate("MainWindow", "Watch") if can_watch else translate("MainWindow", "Open")
        self.news.show_message(text, button)

    def show_warning(self, text: str) -> None:
        self.warning.show_message(text)

    def retranslate(self) -> None:
        for banner in (self.offline, self.warning, self.news):
            accessible.name(banner.close_button, translate("MainWindow", "Close the notice"))
        self._connectivity_changed(self._connectivity.online, self._connectivity.data_time)

    def _connectivity_changed(self, online: bool, data_time: float) -> None:
        if online:
            self.offline.hide()
            return
        if data_time:
            text = translate("MainWindow", "Offline — showing data from %1. Retrying in the "
                             "background.").replace("%1", labels.date_time(data_time))  # fmt: skip
        else:
            text = translate("MainWindow", "Offline — the server cannot be reached. Retrying in "
                             "the background.")  # fmt: skip
        self.offline.show_message(text, translate("MainWindow", "Retry now"))

    def tell_about_library(self, library: LibraryService) -> None:
        if library.moved_aside is not None:
            self.warning.show_message(
                translate("MainWindow", "The library file was damaged and could not be read. It "
                          "was kept as %1; a new, empty library was started.")
                .replace("%1", str(library.moved_aside))
            )  # fmt: skip
        elif library.unavailable:
            self.warning.show_message(
                translate("MainWindow", "The library cannot be opened (%1): favourites and "
                          "progress will not be saved in this session.")
                .replace("%1", library.unavailable)
            )  # fmt: skip
