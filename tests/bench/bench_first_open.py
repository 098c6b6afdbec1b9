"""A session's first title page: the UI thread's worst stall from the click until the page shows
the title's details (offscreen Qt, the API in another process), with what start-up's end imports
ahead (app.ui.warm_up) next to the same without it. Each run is a fresh process (imports happen
once per process), the two alternated; tests/bench/first_open.py is one run."""

from __future__ import annotations

import os
import sys

from tests.bench.common import ROOT, Figure, demo_process, median, run_for_result

ROUNDS = 4


def _one(origin: str, warm: bool) -> dict[str, float]:
    script = ROOT / "tests" / "bench" / "first_open.py"
    command = [sys.executable, str(script), origin, *(["--warm"] if warm else [])]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIBRIA_LOG="WARNING")
    result: dict[str, float] = run_for_result(command, env, "first-open benchmark")
    return result


def run() -> list[Figure]:
    warm: list[dict[str, float]] = []
    cold: list[dict[str, float]] = []
    with demo_process() as origin:
        for _ in range(ROUNDS):
            cold.append(_one(origin, warm=False))
            warm.append(_one(origin, warm=True))

    def middle(runs: list[dict[str, float]], key: str) -> float:
        return median([run[key] for run in runs])

    baseline = "nothing imported ahead"
    return [
        Figure("first title page: worst UI stall from the click to its details",
               middle(warm, "worst_ms"), "ms", baseline, middle(cold, "worst_ms")),
        Figure("first title page: the click's own handler (the page built and shown)",
               middle(warm, "open_ms"), "ms", baseline, middle(cold, "open_ms")),
        Figure("warming up after start-up, start to end (a module a step)",
               middle(warm, "warm_up_s") * 1000, "ms"),
        Figure("  worst UI stall meanwhile", middle(warm, "warm_up_worst_ms"), "ms"),
    ]  # fmt: skip
