"""Double-click to the first presented video frame, next to bare libmpv (same library, same URL,
same render path) loading the stream straight away. Both under Xvfb with Mesa's GL."""

from __future__ import annotations

import os
import sys

from tests.bench.common import ROOT, Figure, demo_process, median, on_x_display, run_for_result


def run() -> list[Figure]:
    script = ROOT / "tests" / "bench" / "player_first_frame.py"
    with demo_process() as origin:
        command = on_x_display([sys.executable, str(script), origin], "player benchmark")
        results = run_for_result(command, dict(os.environ), "player benchmark")
    return [
        Figure("double-click to first presented frame", median(results["libria"]) * 1000, "ms",
               "bare libmpv loadfile to first frame", median(results["bare"]) * 1000, "<= 1.3x"),
    ]  # fmt: skip
