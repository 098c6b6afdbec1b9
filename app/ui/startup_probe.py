"""A measuring aid (`libria --startup-probe`): prints when the first catalogue page has been
painted on screen with every visible poster, then quits. Benchmarks start the app with it."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow
from app.ui.pages.catalog_page import CatalogPage


class StartupProbe(QObject):
    def __init__(self, window: MainWindow, started: float) -> None:
        super().__init__(window)
        self._started = started
        grid = window.page_for("updates", CatalogPage).grid
        # Emitted at the end of the viewport's paint event: the frame with the posters is drawn.
        grid.posters_painted.connect(self._painted)
        grid.watch_posters_painted()
        self._grid = grid

    def _painted(self) -> None:
        rows = self._grid.catalog_model().rowCount()
        elapsed = time.monotonic() - self._started
        print(f"LIBRIA_READY {elapsed:.4f} rows={rows}", file=sys.stdout, flush=True)
        QTimer.singleShot(0, QApplication.quit)
