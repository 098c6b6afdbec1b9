"""Double-click to the first presented video frame, next to bare libmpv (same library, same URL,
same render path) loading the stream straight away. Both under Xvfb with Mesa's GL."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from tests.bench.common import ROOT, Figure, demo_process, median


def run() -> list[Figure]:
    script = ROOT / "tests" / "bench" / "player_first_frame.py"
    with demo_process() as origin:
        command = [sys.executable, str(script), origin]
        if not os.environ.get("DISPLAY"):
            xvfb_run = shutil.which("xvfb-run")
            if xvfb_run is None:
                raise RuntimeError("the player benchmark needs an X display or xvfb-run")
            command = [xvfb_run, "-a", "-s", "-screen 0 1280x800x24", *command]
        output = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
        )
    line = next((x for x in output.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"player benchmark failed:\n{output.stdout}\n{output.stderr[-3000:]}")
    results = json.loads(line.removeprefix("RESULT "))
    return [
        Figure("double-click to first presented frame", median(results["libria"]) * 1000, "ms",
               "bare libmpv loadfile to first frame", median(results["bare"]) * 1000, "<= 1.3x"),
    ]  # fmt: skip
