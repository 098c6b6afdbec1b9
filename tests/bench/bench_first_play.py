"""A session's first play: the UI thread's worst stall from the double-click on an episode to the
first video frame, in a window as a session has it (start-up and its warming up over, the title
page open and the player loaded ahead). Each run is a fresh process under Xvfb with Mesa's GL
(the first play happens once per process); tests/bench/first_play.py is one run. Most of what
is left is Qt's: the window is re-created as an OpenGL one when the video view is first added."""

from __future__ import annotations

import os
import sys

from tests.bench.common import ROOT, Figure, demo_process, median, on_x_display, run_for_result

ROUNDS = 4


def _one(origin: str) -> dict[str, float]:
    script = ROOT / "tests" / "bench" / "first_play.py"
    command = on_x_display([sys.executable, str(script), origin], "first-play benchmark")
    env = dict(os.environ, LIBRIA_LOG="WARNING", LIBRIA_AUDIO_OUTPUT="null")
    env.pop("QT_QPA_PLATFORM", None)  # a real X display: the video view needs GL
    result: dict[str, float] = run_for_result(command, env, "first-play benchmark")
    return result


def run() -> list[Figure]:
    with demo_process() as origin:
        runs = [_one(origin) for _ in range(ROUNDS)]

    def middle(key: str) -> float:
        return median([run[key] for run in runs])

    return [
        Figure("first play of a session: worst UI stall from the double-click to the first frame",
               middle("worst_ms"), "ms"),
        Figure("  the next worst", middle("second_ms"), "ms"),
        Figure("  ticks over 16 ms meanwhile", middle("over_16"), "ticks"),
        Figure("  the double-click's own handler (the player pane made and shown)",
               middle("handler_ms"), "ms"),
        Figure("  double-click to the first frame", middle("first_frame_ms"), "ms"),
    ]  # fmt: skip
