"""A measuring aid (`libria --startup-probe`): prints when the first catalogue page is on screen
with every visible poster painted, then quits. Benchmarks start the app with it."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.ui.catalog.model import PosterRole
from app.ui.main_window import MainWindow
from app.ui.pages.catalog_page import CatalogPage


class StartupProbe(QObject):
    def __init__(self, window: MainWindow, started: float) -> None:
        super().__init__(window)
        self._window = window
        self._started = started
        self._done = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self._timer.start(5)

    def _visible_rows(self) -> list[int]:
        grid = self._window.page_for("updates", CatalogPage).grid
        area = grid.viewport().rect()
        model = grid.model()
        return [
            row for row in range(model.rowCount())
            if grid.visualRect(model.index(row, 0)).intersects(area)
        ]  # fmt: skip

    def _check(self) -> None:
        grid = self._window.page_for("updates", CatalogPage).grid
        if self._done or not grid.isVisible():
            return
        rows = self._visible_rows()
        model = grid.model()
        if rows and all(model.index(row, 0).data(PosterRole) is not None for row in rows):
            self._done = True
            self._timer.stop()
            grid.viewport().repaint()  # paint now, with the posters
            elapsed = time.monotonic() - self._started
            print(f"LIBRIA_READY {elapsed:.4f} posters={len(rows)}", file=sys.stdout, flush=True)
            QTimer.singleShot(0, QApplication.quit)
