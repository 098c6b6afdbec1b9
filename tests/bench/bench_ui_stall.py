"""The worst event-loop stall on the UI thread while the catalogue grid loads 1,000 titles and
the user scrolls through all of them, posters included (offscreen Qt, API in another process)."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint

from tests.bench.common import Figure, demo_process

TITLES = 1030  # some are hidden titles the lists leave out: over 1,000 load


class StallMeter:
    """A 1 ms precise timer: any gap between its ticks beyond 1 ms is time the UI was blocked."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def stop(self) -> None:
        self._timer.stop()


def _visible_rows(grid: Any) -> list[int]:
    """Rows on screen, walked from the first visible one (cheap: the bench must not stall the
    loop itself by asking all 1,000 rows)."""
    area = grid.viewport().rect()
    first = grid.indexAt(area.topLeft() + QPoint(8, 8)).row()
    rows = []
    model = grid.model()
    for row in range(max(first, 0), model.rowCount()):
        rect = grid.visualRect(model.index(row, 0))
        if rect.top() > area.bottom():
            break
        if rect.intersects(area):
            rows.append(row)
    return rows


async def _scroll_through(origin: str) -> tuple[list[float], int, int]:
    from app.services.context import AppServices
    from app.services.settings import SettingsStore
    from app.services.state import LoadState
    from app.ui.catalog.model import PosterRole
    from app.ui.main_window import MainWindow
    from app.ui.pages.catalog_page import CatalogPage

    home = Path(tempfile.mkdtemp(prefix="libria-stall-"))
    services = AppServices(SettingsStore(home / "settings.ini"), f"{origin}/v2", home / "cache")
    await services.start()
    window = MainWindow(services)
    window.resize(1320, 860)
    window.show()
    page = window.page_for("updates", CatalogPage)
    grid, model = page.grid, page.model
    bar = grid.verticalScrollBar()
    meter = StallMeter()
    deadline = time.monotonic() + 300
    while model.rowCount() < TITLES and time.monotonic() < deadline:
        bar.setValue(bar.maximum())  # as a user dragging to the end, page after page
        await asyncio.sleep(0.05)
        if page.query.exhausted and page.query.state is LoadState.READY:
            break
    step = grid.viewport().height()
    painted = 0
    value = 0
    while value <= bar.maximum():  # then back through every screen, top to bottom
        bar.setValue(value)
        value += step
        await asyncio.sleep(0.03)
        visible = _visible_rows(grid)
        for _ in range(100):
            if all(model.index(r).data(PosterRole) is not None for r in visible):
                break
            await asyncio.sleep(0.01)
        painted += len(visible)
    meter.stop()
    rows = model.rowCount()
    window.hide()
    await services.shutdown()
    return meter.gaps, rows, painted


def run() -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.ui.event_loop import EventLoop

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with demo_process(titles=TITLES) as origin:
        loop = EventLoop(app)
        try:
            gaps, rows, painted = loop.run_until_complete(_scroll_through(origin))
        finally:
            loop.close()
    gaps.sort()
    worst = (gaps[-1] - 0.001) * 1000
    p99 = (gaps[int(len(gaps) * 0.99)] - 0.001) * 1000
    over = sum(gap > 0.017 for gap in gaps)
    return [
        Figure(f"worst UI stall, {rows} titles loaded, {painted} cards painted with posters",
               worst, "ms", goal="<= 16 ms"),
        Figure(f"99th percentile UI stall ({over} of {len(gaps)} ticks over 16 ms)", p99, "ms"),
    ]  # fmt: skip
