"""A session's first play: the UI thread's worst stall from the double-click on an episode to the
first video frame, in a window as a session has it (start-up and its warming up over, the title
page open and the player loaded ahead). Each run is a fresh process under Xvfb with Mesa's GL
(the first play happens once per process); tests/bench/first_play.py is one run. Most of what
is left is Qt's: the window is re-created as an OpenGL one when the video view is first added."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from tests.bench.common import ROOT, Figure, demo_process, median

ROUNDS = 4


def _one(origin: str) -> dict[str, float]:
    command = [sys.executable, str(ROOT / "tests" / "bench" / "first_play.py"), origin]
    if not os.environ.get("DISPLAY"):
        xvfb_run = shutil.which("xvfb-run")
        if xvfb_run is None:
            raise RuntimeError("the first-play benchmark needs an X display or xvfb-run")
        command = [xvfb_run, "-a", "-s", "-screen 0 1320x900x24", *command]
    env = dict(os.environ, LIBRIA_LOG="WARNING", LIBRIA_AUDIO_OUTPUT="null")
    env.pop("QT_QPA_PLATFORM", None)  # a real X display: the video view needs GL
    output = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    line = next((x for x in output.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(
            f"first-play benchmark failed:\n{output.stdout}\n{output.stderr[-3000:]}"
        )
    result: dict[str, float] = json.loads(line.removeprefix("RESULT "))
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
