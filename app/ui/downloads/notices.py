"""Downloads outside the window: a notification when a batch is done (when notifications are
on), and the tray's tooltip while one runs."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.services.settings import SettingsStore
from app.ui.downloads import words
from app.ui.downloads.source import DownloadsSource
from app.ui.downloads.status import DownloadsStatus
from app.ui.notifications import NotificationPresenter
from app.ui.tray import Tray


class DownloadNotices(QObject):
    def __init__(
        self,
        source: DownloadsSource,
        status: DownloadsStatus | None,
        settings: SettingsStore,
        presenter: NotificationPresenter,
        tray: Tray | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._presenter = presenter
        source.batch_finished.connect(self._finished)
        if tray is not None and status is not None:
            status.changed.connect(lambda: tray.set_status(status.tray_line()))
            tray.set_status(status.tray_line())

    def _finished(self, done: int, failed: int) -> None:
        if (done or failed) and self._settings.get("notifications"):
            self._presenter.notice(*words.batch_notice(done, failed))
