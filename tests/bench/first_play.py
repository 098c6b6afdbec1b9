"""One process of the first-play benchmark (bench_first_play.py): the window as a session has it
once start-up and its warming up are over, the first title page opened (the player loaded ahead,
as that page does), then its first episode played as a double-click plays it. Printed as
`RESULT {json}`: the UI thread's worst stalls from the double-click to the first video frame
drawn, the double-click's own handler, and the time to that frame. Needs an X display with GL
(Xvfb and Mesa here)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.first_open import SETTLE_S, warm_up
from tests.bench.stall_meter import StallMeter, stall_ms
from tests.bench.stall_session import open_window, wait_for

TITLE_ID = 9003
FRAME_WITHIN_S = 30.0


async def _first_frame(window: Any, title: Any) -> tuple[float, float]:
    """The double-click's handler and the time to the first frame drawn (seconds)."""
    done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    clicked = time.perf_counter()
    window.services.playback.play(title, title.player.episodes[0])
    handler = time.perf_counter() - clicked
    player = window.services.playback.player

    def drawn() -> None:
        if player.state.video_size != (0, 0) and not done.done():
            done.set_result(time.perf_counter() - clicked)

    window.player.video.frame_rendered.connect(drawn)
    return handler, await asyncio.wait_for(done, FRAME_WITHIN_S)


async def session(origin: str) -> dict[str, float]:
    from app.core import collector
    from app.player import core_ahead
    from app.ui import player_ahead

    home, services, window = await open_window(origin, "libria-first-play-")
    collector.settle()  # as the app's start-up ends
    await warm_up(services, window)
    title = await services.catalog.title(id=TITLE_ID)
    window.open_title(title)
    await wait_for(lambda: window.title_page.query.value is not None, 30, "the title's details")
    await asyncio.sleep(player_ahead.AFTER_MS / 1000 + 0.1)  # the page's player-ahead begins
    await wait_for(lambda: core_ahead._ready is not None, 30, "the mpv core made ahead")
    await asyncio.sleep(SETTLE_S)
    meter = StallMeter()
    handler, first_frame = await _first_frame(window, title)
    meter.stop()
    gaps = sorted(meter.gaps, reverse=True)
    window.shutdown_player()
    window.hide()
    await services.shutdown()
    shutil.rmtree(home, ignore_errors=True)
    return {
        "worst_ms": stall_ms(gaps[0]),
        "second_ms": stall_ms(gaps[1]),
        "over_16": sum(gap > 0.017 for gap in gaps),
        "handler_ms": handler * 1000,
        "first_frame_ms": first_frame * 1000,
    }


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from app.core.collector import defer_during_start_up
    from app.launch_parts import prepare_process
    from app.ui.event_loop import EventLoop

    os.environ.setdefault("LIBRIA_AUDIO_OUTPUT", "null")
    defer_during_start_up()
    prepare_process()
    app = QApplication(sys.argv[:1])
    loop = EventLoop(app)
    result = loop.run_until_complete(session(sys.argv[1]))
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
