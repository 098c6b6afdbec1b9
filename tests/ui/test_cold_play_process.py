"""`libria play CODE 1` with no Libria running, as a user types it: the process starts the
stream before its window (the demo sees the video's segments asked for) and the window then
shows the player."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from app.demo import DemoServerThread
from tests.app_process import BAD_AT_EXIT, App

CODE = "kingdom-of-the-night-city-beginning-9000"


def _segments(origin: str, within: float = 60) -> list[str]:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        asked = httpx.get(f"{origin}/demo/media-requests", timeout=5).json()
        segments = [path for path in asked if path.endswith(".ts")]
        if segments:
            return segments
        time.sleep(0.05)
    return []


def test_a_cold_play_streams_and_the_window_shows_the_player(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    api = demo_thread.api_base()
    origin = api.rsplit("/", 1)[0]
    httpx.delete(f"{origin}/demo/media-requests", timeout=5)
    app = App(tmp_path, "--api-base", api, "--startup-probe-stays", "play", CODE, "1")
    app.wait_for(f"playing {CODE} episode 1 (fhd) from 127.0.0.1:")
    assert _segments(origin), "no video segment was asked for"
    app.wait_for("LIBRIA_PAGE PlayerPane")  # the window opened on the player
    # The stream was loading before the window showed any page (not asked for by the window).
    assert app.log.index("playing ") < app.log.index("LIBRIA_PAGE"), app.log
    assert app.stop() == 0, app.log
    for bad in BAD_AT_EXIT:
        assert bad not in app.log, f"{bad!r} in the log:\n{app.log}"
