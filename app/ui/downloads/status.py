"""The queue's running total for the rail ("Downloads 45 %") and the tray's tooltip: read from
the service at most a few times a second, however many items report progress."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.ui.downloads import words
from app.ui.downloads.source import DownloadsSource

COALESCE_MS = 250


class DownloadsStatus(QObject):
    changed = Signal()  # active, done or fraction differ from before

    def __init__(self, source: DownloadsSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.active, self.done, self.fraction = source.total()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self.refresh)
        source.changed.connect(self._soon)
        source.removed.connect(self._soon)
        source.progress.connect(self._soon)
        source.batch_finished.connect(self._soon)

    def _soon(self, *_args: object) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def refresh(self) -> None:
        total = self._source.total()
        if total != (self.active, self.done, self.fraction):
            self.active, self.done, self.fraction = total
            self.changed.emit()

    @property
    def running(self) -> bool:
        return self.active > 0

    def rail_suffix(self) -> str:
        """ " 45 %" after the rail's label while a batch runs; nothing otherwise."""
        return f" {words.percent(self.fraction)}" if self.running else ""

    def tray_line(self) -> str:
        return words.batch_line(self.active, self.done, self.fraction) if self.running else ""
