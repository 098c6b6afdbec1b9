"""A measuring aid (`libria --startup-probe`): prints when the first catalogue page has been
painted on screen with every visible poster (a warm start's kept page, when it is shown), and
which of the heavy (or telling) modules had loaded by then; then quits. Benchmarks start the
app with it. With `--startup-probe-stays` it keeps running and also prints when the real start
page has taken the kept one's place, when the API has opened after that, and which page the
window shows as that changes (tests drive the running app after that)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.warm_up import WarmUp

# What loads by the first paint: the announcements and dbus-fast only after a cold start's, and
# neither do the single-instance server, playback, the update stream or the downloads; the
# first-paint module only on a warm start.
HEAVY = ("app.services.context", "httpx", "qasync", "msgspec", "asyncio", "app.ui.announcements",
         "dbus_fast", "app.ui.first_paint.phase", "PySide6.QtNetwork", "app.services.session",
         "app.services.updates", "app.services.downloads", "app.ui.help_overlay")  # fmt: skip


class StartupProbe(QObject):
    def __init__(
        self,
        window: MainWindow,
        started: float,
        quit_app: Callable[[], None],
        stays: bool = False,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._api_watch = QTimer(self)
        self._api_watch.timeout.connect(self._api_opened)
        self._started = started
        self._quit = quit_app if not stays else lambda: None
        kept = window.kept_view
        if kept is not None:
            if stays:
                window.kept_replaced.connect(self._replaced)
            # Emitted at the end of the kept grid's first paint (its posters decoded before).
            self._rows = kept.grid.model().rowCount()
            kept.grid.painted.connect(self._painted)
            return
        from app.ui.pages.catalog_page import CatalogPage

        if stays:  # which page the window shows, as it changes (the player, for a play link)
            stack = window.stack
            stack.currentChanged.connect(lambda _: self._page(type(stack.currentWidget())))
        grid = window.page_for("updates", CatalogPage).grid
        # Emitted at the end of the viewport's paint event: the frame with the posters is drawn.
        grid.posters_painted.connect(self._painted)
        grid.watch_posters_painted()
        self._rows = -1
        self._grid = grid

    def watch_warm_up(self, warm_up: WarmUp) -> None:
        """Says when what start-up left for later has been imported, and which of it is in."""

        def warmed() -> None:
            loaded = ",".join(name for name in warm_up.targets if name in sys.modules) or "-"
            print(f"LIBRIA_WARMED loaded={loaded}", file=sys.stdout, flush=True)

        warm_up.finished.connect(warmed)

    def _page(self, kind: type) -> None:
        print(f"LIBRIA_PAGE {kind.__name__}", file=sys.stdout, flush=True)

    def _replaced(self) -> None:
        elapsed = time.monotonic() - self._started
        print(f"LIBRIA_REPLACED {elapsed:.4f}", file=sys.stdout, flush=True)
        self._api_watch.start(20)  # then when the API opens (after the real page's first paint)

    def _api_opened(self) -> None:
        if self._window.services.api.started:
            self._api_watch.stop()
            elapsed = time.monotonic() - self._started
            print(f"LIBRIA_API_OPEN {elapsed:.4f}", file=sys.stdout, flush=True)

    def _painted(self) -> None:
        rows = self._rows if self._rows >= 0 else self._grid.catalog_model().rowCount()
        elapsed = time.monotonic() - self._started
        loaded = ",".join(name for name in HEAVY if name in sys.modules) or "-"
        kept = int(self._rows >= 0)
        print(
            f"LIBRIA_READY {elapsed:.4f} rows={rows} kept={kept} modules={len(sys.modules)} "
            f"loaded={loaded}",
            file=sys.stdout,
            flush=True,
        )
        if self._rows >= 0:
            self._quit()  # now: the first phase's wait ends with it, before anything else loads
        else:
            QTimer.singleShot(0, self._quit)
