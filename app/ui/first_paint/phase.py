"""The first phase of a warm start, as app.bootstrap runs it: the kept record read, the main
window made with the kept page, shown, and painted (a bounded wait), with Qt and json only."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer

from app.ui.first_paint.start import api_of, begin
from app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pathlib import Path

    from app.services.settings import SettingsStore

log = logging.getLogger(__name__)
PAINT_WITHIN_MS = 1000  # a window never painted (hidden, covered) must not hold the start


def make_window(cache: Path, settings: SettingsStore) -> MainWindow | None:
    """The main window showing the kept first page; None when there is none for this start, or
    it cannot be made: a nicety, never a reason the app does not start."""
    try:
        kept = begin(cache, api_of(settings))
        images = kept.images() if kept is not None else None
        if kept is None or images is None:
            return None
        return MainWindow(kept=(kept.page, images))
    except Exception:
        log.exception("the kept first page could not be shown: the normal start follows")
        return None


def show_and_paint(window: MainWindow) -> None:
    """Shows the window and returns once its kept page has been painted (or the wait is over)."""
    window.show()
    view = window.kept_view
    if view is None or view.grid.painted_once:
        return
    loop = QEventLoop()
    view.grid.painted.connect(loop.quit)
    QTimer.singleShot(PAINT_WITHIN_MS, loop.quit)
    loop.exec()
