"""One process of the first-title-page benchmark (bench_first_open.py): the window as a session has
it when start-up is over (the first page with its posters, the announcements up), then, with
`--warm`, what start-up's end imports ahead (app.ui.warm_up) until it is done; then the first
title page is opened, and the UI thread's worst stall from the click until the page is shown
with its details (and the player loaded ahead) is printed as `RESULT {json}`."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.stall_meter import StallMeter
from tests.bench.stall_session import close_window, open_window, wait_for

SETTLE_S = 1.0  # after start-up (or the warming up): the last posters and answers are in


async def warm_up(services: object, window: object) -> tuple[float, float]:
    """As start-up's end does; how long it took, and the worst UI stall meanwhile (ms)."""
    from app.launch_steps import PLAYER_PARTS
    from app.ui import player_ahead
    from app.ui.warm_up import AFTER_MS, TARGETS, WarmUp

    done = asyncio.Event()
    targets = (*TARGETS, *PLAYER_PARTS)  # as app.launch_steps.warm_up
    warm_up = WarmUp(targets, busy=lambda: player_ahead.loading(services), parent=window)  # type: ignore[arg-type]
    warm_up.finished.connect(done.set)
    await asyncio.sleep(AFTER_MS / 1000)  # the app's wait before it, not counted in its length
    meter = StallMeter()
    started = time.perf_counter()
    warm_up.start(after_ms=0)
    await done.wait()
    meter.stop()
    return time.perf_counter() - started, max(meter.gaps) * 1000


async def session(origin: str, warm: bool) -> dict[str, float]:
    from app.core import collector
    from app.ui import player_ahead
    from app.ui.announcements import Announcements
    from app.ui.pages.catalog_page import CatalogPage

    home, services, window = await open_window(origin, "libria-first-open-")
    page = window.page_for("updates", CatalogPage)
    page.grid.watch_posters_painted()
    announcements = Announcements(services, window, None)
    await announcements.start()
    await wait_for(lambda: page.grid.painted_with_posters, 30, "the first page's posters")
    collector.settle()  # as the app's start-up ends (it waited out start-up: `main`)
    warming, warming_worst = await warm_up(services, window) if warm else (0.0, 0.0)
    await asyncio.sleep(SETTLE_S)
    meter = StallMeter()
    title = page.model.item(0)
    clicked = time.perf_counter()
    window.open_title(title)
    opened = time.perf_counter() - clicked
    await wait_for(lambda: window.title_page.query.value is not None, 30, "the title's details")
    await wait_for(lambda: not player_ahead.loading(services), 30, "the player loaded ahead")
    await asyncio.sleep(0.3)  # the page's last paints
    meter.stop()
    await close_window(home, services, window, announcements)
    return {
        "worst_ms": max(meter.gaps) * 1000,
        "open_ms": opened * 1000,
        "warm_up_s": warming,
        "warm_up_worst_ms": warming_worst,
    }


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from app.core.collector import defer_during_start_up
    from app.launch_parts import prepare_process
    from app.ui.event_loop import EventLoop
    from tests.bench.stall_desktop import notification_desktop

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    defer_during_start_up()  # the app's garbage collector policy, as its own start sets it
    prepare_process()
    app = QApplication(sys.argv[:1])
    origin, warm = sys.argv[1], "--warm" in sys.argv
    with notification_desktop():
        loop = EventLoop(app)
        result = loop.run_until_complete(session(origin, warm))
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
