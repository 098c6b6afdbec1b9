"""One user's session for the UI-stall benchmark, in this process as the app runs it: the window,
the tray's menu and desktop notifications, the update stream; then the catalogue loaded to
1,000 titles, every screen of it scrolled through with its posters, and a burst of new episodes
from the server's WebSocket. The demo server runs in another process."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from PySide6.QtCore import QPoint

from tests.bench.stall_meter import StallMeter
from tests.desktop.notification_server import RecordingNotifications


@dataclass
class Session:
    titles: int = 0  # in the grid once loaded
    painted: int = 0  # cards seen on screen with their posters, summed over the screens
    burst: int = 0  # new episodes pushed at once
    in_grid: int = 0  # of those, at the front of "New episodes" afterwards
    notifications: list[str] = field(default_factory=list)  # summaries the desktop was shown
    rss: dict[str, float] = field(default_factory=dict)  # MiB resident as each phase began


def resident_mib() -> float:
    """This process's resident set now (VmRSS), in MiB; 0 where /proc is not there."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0.0
    line = next((ln for ln in status.splitlines() if ln.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1]) / 1024


def visible_rows(grid: Any) -> list[int]:
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


async def wait_for(condition: Any, within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def load(page: Any, wanted: int) -> None:
    """As a user dragging to the end, page after page, until `wanted` titles are in."""
    from app.services.state import LoadState

    bar = page.grid.verticalScrollBar()
    deadline = time.monotonic() + 300
    while page.model.rowCount() < wanted and time.monotonic() < deadline:
        bar.setValue(bar.maximum())
        await asyncio.sleep(0.05)
        if page.query.exhausted and page.query.state is LoadState.READY:
            break


async def scroll_through(grid: Any) -> int:
    """Every screen from top to bottom, each until its posters are in; cards seen."""
    from app.ui.catalog.model import PosterRole

    bar, model = grid.verticalScrollBar(), grid.model()
    step = grid.viewport().height()
    painted = value = 0
    while value <= bar.maximum():
        bar.setValue(value)
        value += step
        await asyncio.sleep(0.03)
        visible = visible_rows(grid)
        for _ in range(100):
            if all(model.index(r).data(PosterRole) is not None for r in visible):
                break
            await asyncio.sleep(0.01)
        painted += len(visible)
    return painted


async def burst(origin: str, services: Any, page: Any, count: int) -> tuple[list[int], int]:
    """`count` new episodes pushed at once; waits until every one has reached the app and the
    grid shows them. The titles pushed, and how many of them lead the grid afterwards."""
    received: list[object] = []
    services.updates.playlist_updated.connect(received.append)

    def post() -> list[int]:  # from a worker thread: the bench's own request is not the app's
        answer = httpx.post(f"{origin}/demo/burst", json={"count": count}, timeout=120)
        answer.raise_for_status()
        return [item["id"] for item in answer.json()["pushed"]]

    ids = await asyncio.to_thread(post)
    await wait_for(lambda: len(received) >= len(ids), 120, "the burst to arrive")
    pushed = set(ids)

    def leading() -> int:
        front = page.model.items()[: len(pushed)]
        return sum(getattr(item, "id", None) in pushed for item in front)

    await wait_for(lambda: leading() == len(pushed), 60, "the grid to show the burst")
    return ids, leading()


async def settle_notifications(server: RecordingNotifications, count: int) -> None:
    """Until the burst's last summary has been shown (its quiet pause has passed)."""
    from app.services.announcer import BURST_QUIET_S

    await wait_for(lambda: server.calls, 60, "a notification")
    await wait_for(lambda: str(count) in server.calls[-1].summary, 60, "the burst's summary")
    await asyncio.sleep(BURST_QUIET_S + 0.5)  # its last word goes out when the burst is over


def trace(meter: StallMeter) -> Any:
    """A StallTracer on `meter` with LIBRIA_BENCH_TRACE=1 (see tests/bench/stall_trace.py)."""
    if os.environ.get("LIBRIA_BENCH_TRACE") != "1":
        return None
    from tests.bench.stall_trace import StallTracer

    return StallTracer(lambda: meter.last_tick)


async def open_window(origin: str, prefix: str) -> tuple[Path, Any, Any]:
    """A throw-away home, the services over it (started) and the main window shown, as a
    benchmark's session begins."""
    from app.services.context import AppServices
    from app.services.settings import SettingsStore
    from app.ui.main_window import MainWindow

    home = Path(tempfile.mkdtemp(prefix=prefix))
    services = AppServices(SettingsStore(home / "settings.ini"), f"{origin}/v2", home / "cache")
    await services.start()
    window = MainWindow(services)
    window.resize(1320, 860)
    window.show()
    return home, services, window


async def close_window(home: Path, services: Any, window: Any, announcements: Any) -> None:
    """The session taken down, its home removed (a run caches ~1,000 posters in /tmp)."""
    announcements.close()
    window.hide()
    await services.shutdown()
    shutil.rmtree(home, ignore_errors=True)


async def run_session(
    origin: str, wanted: int, count: int, server: RecordingNotifications
) -> tuple[Session, StallMeter]:
    from app.ui.announcements import Announcements
    from app.ui.pages.catalog_page import CatalogPage
    from app.ui.tray import Tray, tray_icon

    home, services, window = await open_window(origin, "libria-stall-")
    announcements = Announcements(services, window, Tray(tray_icon()))  # the tray's menu too
    await announcements.start()  # desktop notifications, then the update stream
    await wait_for(lambda: services.updates.connection == "connected", 30, "the update stream")
    page = window.page_for("updates", CatalogPage)
    session = Session()
    meter = StallMeter()
    tracer = trace(meter)
    session.rss["load"] = resident_mib()
    meter.mark("load")
    await load(page, wanted)
    session.titles = page.model.rowCount()
    session.rss["scroll"] = resident_mib()
    meter.mark("scroll")
    session.painted = await scroll_through(page.grid)
    session.rss["burst"] = resident_mib()
    meter.mark("burst")
    ids, session.in_grid = await burst(origin, services, page, count)
    session.burst = len(ids)
    await settle_notifications(server, len(ids))
    meter.stop()
    if tracer is not None:
        tracer.stop()
        tracer.report(meter)
    session.rss["end"] = resident_mib()
    session.notifications = [call.summary for call in server.calls]
    await close_window(home, services, window, announcements)
    return session, meter
