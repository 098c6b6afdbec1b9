"""The main window's parts that `MainWindow.attach` builds around the kept first page (or
at once): the services' signals, menus, keys, the layout, and the swap from the kept page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from app.services.context import AppServices
    from app.ui.main_window import MainWindow

KEPT_POSTERS_WITHIN_MS = 1000  # the real page replaces the kept one by then, posters or not


def connect(window: MainWindow, services: AppServices) -> None:
    from app.ui.account_entry import AccountEntry
    from app.ui.keys import WindowKeys
    from app.ui.library_files import LibraryFiles
    from app.ui.merge_question import MergeQuestion
    from app.ui.window_fit import NormalSize
    from app.ui.window_menu import FileMenu

    services.api.version_mismatch.connect(window._version_mismatch)
    window.account_entry = AccountEntry(
        services.account, services.tasks, window.rail.account_button, window.banners.warning, window
    )
    window.merge_question = MergeQuestion(services.sync, services.account, services.tasks, window)
    window.files = LibraryFiles(services.library, services.tasks, window)
    window.menuBar().clear()  # the kept page's menu title, if any
    window.menu = FileMenu(window, window.files, window.open_settings, window.quit_requested.emit)
    window.keys = WindowKeys(window)  # Back, Search, the pages by number, the keys' help
    window.normal_size = NormalSize(window)  # full screen and back keeps the size (Wayland)
    window._previous_row = 0
    services.api.client_changed.connect(window._apply_features)
    window.retranslate()
    window._apply_features()
    window.banners.tell_about_library(services.library)


class MadeLater(QObject):
    """The window follows the services made on first use, from when they are made (after its
    first page, or at the first play): its player shows on a play, live updates reach its
    pages, the rail tells how the downloads go. A child of the window: its connections end
    with it."""

    def __init__(self, window: MainWindow, services: AppServices) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        services.when_made("playback", self.playback)
        services.when_made("updates", self.updates)
        if window._given_downloads is not None:  # a queue of the tests' own
            self.downloads()
        else:
            services.when_made("downloads", self.downloads)

    def playback(self) -> None:
        """Whoever plays (a page, the tray, a link), the window shows the player."""
        window, playback = self._window, self._services.playback
        playback.requested.connect(window._show_player)
        playback.failed.connect(window._playback_failed)
        playback.title_instead.connect(window.open_title)

    def updates(self) -> None:
        from app.ui.live_updates import LiveUpdates

        window = self._window
        window.live_updates = LiveUpdates(self._services.updates, window._shown_pages, window)

    def downloads(self) -> None:
        """The rail's "Downloads 45 %" while a batch runs."""
        from app.ui.downloads.status import DownloadsStatus

        window = self._window
        source = window.downloads
        if source is None or window.download_status is not None:
            return
        window.download_status = status = DownloadsStatus(source, window)
        status.changed.connect(lambda: window.rail.set_suffix("downloads", status.rail_suffix()))
        window.rail.set_suffix("downloads", status.rail_suffix())


def lay_out(window: MainWindow) -> None:
    from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

    from app.ui.window_fit import FittedCentral

    content = QVBoxLayout()
    content.setContentsMargins(0, 0, 0, 0)
    content.setSpacing(0)
    window.banners.add_to(content)
    content.addWidget(window.back_button, 0, Qt.AlignmentFlag.AlignLeft)
    content.addWidget(window.stack, 1)
    central = FittedCentral()  # within the screen (app.ui.window_fit)
    layout = QHBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(window.rail)
    layout.addLayout(content, 1)
    if window.kept_view is None:
        window.setCentralWidget(central)
        _focus_shown(window)
    else:
        _replace_kept(window, central)


def _focus_shown(window: MainWindow) -> None:
    """The keyboard into the shown page, now that it is in the window: the page was chosen
    (and given the focus) before its stack had a window to hold that focus."""
    page = window.stack.currentWidget()
    if page is not None:
        window.keys.focus.enter(page)


def _replace_kept(window: MainWindow, central: QWidget) -> None:
    """The real page in place of the kept one once the posters of its first screen are in
    memory (or after a second): the swap is then not seen, as both paint the same."""
    from app.ui.catalog.model import PosterRole
    from app.ui.pages.catalog_page import CatalogPage

    model = window.page_for("updates", CatalogPage).model
    kept = window.kept_view
    shown = len(kept.grid.faces) if kept is not None else 0

    def replace() -> None:
        if window.kept_view is not None and window.centralWidget() is window.kept_view:
            window.kept_view = None
            window.services.posters.ready.disconnect(check)
            window.setCentralWidget(central)  # deletes the kept view
            _focus_shown(window)
            window.kept_replaced.emit()

    def check(*_: object) -> None:
        rows = range(min(shown, model.rowCount()))
        if all(model.index(row, 0).data(PosterRole) is not None for row in rows):
            replace()

    window.services.posters.ready.connect(check)
    QTimer.singleShot(KEPT_POSTERS_WITHIN_MS, replace)
    check()
