"""What a session is likely to open next, imported ahead after start-up: the title page, the
downloads it offers, the player's pane and the rail's pages. A module per turn of the loop, each
after what it imports (app.core.import_order), so no step holds the window for more than one
module's reading or its body (a few ms); at the click, the first title page imported ~40
modules in one ~60 ms freeze.

On the UI thread, not a worker: a worker's imports would hold the GIL in slices of 5 ms against
the UI thread's paints (a worker's Python made the grid's stalls worse, measured), and some of
these modules make Qt objects as they load. Never while the player loads ahead
(app.ui.player_ahead): a C extension imported meanwhile waits for libmpv's load, ~100 ms."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.core.import_order import IMPORT, import_order

log = logging.getLogger(__name__)
TARGETS = (  # the likeliest first: a title page, then playing from it, then the rail's pages
    "app.ui.pages.title_page",
    # What the services make on first use (imported inside their functions, so named here).
    "app.services.downloads",
    "app.services.download_auto",
    "app.ui.downloads.status",
    "app.services.playback_titles",
    "app.services.account_progress",
    "app.services.session",
    "app.core.events",
    "app.ui.player_pane",
    "app.ui.media_controls",
    "app.ui.pages.search_page",
    "app.ui.pages.schedule_page",
    "app.ui.pages.favourites_page",
    "app.ui.pages.history_page",
    "app.ui.pages.lists_page",
    "app.ui.pages.downloads_page",
    "app.ui.pages.tables",
)
AFTER_MS = 1000  # after start-up's end: its last posters and answers come in first
STEP_MS = 30  # between two steps (a frame and more: scrolling meanwhile stays smooth)


class WarmUp(QObject):
    """Imports `targets` and what they need, a step per timer tick, skipping ticks while
    `busy()`; `finished` once all are in (a target that fails to import is left for its own
    time, when its error will be shown)."""

    finished = Signal()

    def __init__(
        self,
        targets: tuple[str, ...] = TARGETS,
        busy: Callable[[], bool] = lambda: False,
        step_ms: int = STEP_MS,
        parent: QObject | None = None,
        within: tuple[str, ...] = ("app",),  # whose modules are imported apart (libraries whole)
    ) -> None:
        super().__init__(parent)
        self.targets = targets
        self._order: Iterator[tuple[str, str]] = import_order(targets, within)
        self._busy = busy
        self._step_ms = step_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)
        self.imported: list[str] = []  # in the order imported
        self._after_ms = AFTER_MS

    def start(self, after_ms: int = AFTER_MS) -> None:
        self._timer.start(after_ms)

    def start_when_shown(self, window: QWidget, after_ms: int = AFTER_MS) -> None:
        """Now if `window` shows, else once it is first shown: a session started in the tray
        may never open a page (the modules are ~6 MB), and waits without waking up."""
        self._after_ms = after_ms
        if window.isVisible():
            self.start(after_ms)
        else:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            self.start(self._after_ms)
        return False

    @property
    def waiting(self) -> bool:
        """A step is scheduled (False before the start, while the window is hidden, after)."""
        return self._timer.isActive()

    def stop(self) -> None:
        """The app is quitting: nothing more is imported."""
        self._timer.stop()
        self._order = iter(())

    def _step(self) -> None:
        try:
            if self._busy():
                self._timer.start(self._step_ms)
                return
            kind, name = next(self._order)
        except StopIteration:
            self.finished.emit()
            return
        except Exception:  # reading a module went wrong: the rest loads when it is needed
            log.debug("warming up stopped", exc_info=True)
            self.finished.emit()
            return
        if kind == IMPORT:
            try:
                importlib.import_module(name)
                self.imported.append(name)
            except Exception:  # imported again where it is needed, and failing there visibly
                log.debug("%s was not imported ahead", name, exc_info=True)
        self._timer.start(self._step_ms)
