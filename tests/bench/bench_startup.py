"""From outside: process spawn to the end of the paint event that first shows the catalogue page
with every visible poster (the app's --startup-probe prints then), next to spawn to the first
paint event of a bare PySide6 window in the same run (both offscreen, the API in a separate
process). The app's modules are compiled first, as an installed app's are: where
PYTHONDONTWRITEBYTECODE is set, every start would otherwise compile them again."""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.bench.common import ROOT, Figure, demo_process, median

RUNS = 5
READY_WITHIN_S = 60.0


def _time_to_ready(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    stuck = threading.Timer(READY_WITHIN_S, process.kill)  # a start that hangs ends the line
    stuck.start()
    try:
        for line in process.stdout:
            if line.startswith("LIBRIA_READY"):
                elapsed = time.perf_counter() - start
                break
        else:
            raise RuntimeError(f"{command} never reported ready")
    finally:
        stuck.cancel()
    process.wait(30)
    return elapsed


def run() -> list[Figure]:
    compileall.compile_dir(ROOT / "app", quiet=1)
    base_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIBRIA_LOG="WARNING")
    app_times_cold: list[float] = []
    app_times_warm: list[float] = []
    bare_times: list[float] = []
    lean_times: list[float] = []
    lean_kept_times: list[float] = []
    lean_cold_times: list[float] = []
    lean_stack_times: list[float] = []
    with demo_process() as origin:
        warm_home = Path(tempfile.mkdtemp(prefix="libria-bench-warm-"))
        app = [sys.executable, "-m", "app", "--api-base", f"{origin}/v2", "--startup-probe"]
        bare = [sys.executable, str(ROOT / "tests" / "bench" / "bare_window.py")]
        lean = [sys.executable, str(ROOT / "tests" / "bench" / "lean_window.py")]
        lean_cold = [sys.executable, str(ROOT / "tests" / "bench" / "lean_cold.py"), origin]
        warm_env = dict(
            base_env,
            XDG_CACHE_HOME=str(warm_home),
            XDG_CONFIG_HOME=str(warm_home),
            XDG_DATA_HOME=str(warm_home),
        )
        for _ in range(2):  # fills the library and the poster cache (the first may quit early)
            _time_to_ready(app, warm_env)
        # The app's poster cache (app.services.context): the floor reads the same files.
        lean_kept = [*lean, str(warm_home / "libria" / "posters")]
        for _ in range(RUNS):
            cold_home = tempfile.mkdtemp(prefix="libria-bench-cold-")
            bare_times.append(_time_to_ready(bare, base_env))
            lean_times.append(_time_to_ready(lean, base_env))
            lean_kept_times.append(_time_to_ready(lean_kept, base_env))
            lean_cold_times.append(_time_to_ready([*lean_cold, "qt"], base_env))
            lean_stack_times.append(_time_to_ready([*lean_cold, "stack"], base_env))
            app_times_cold.append(
                _time_to_ready(
                    app,
                    dict(
                        base_env,
                        XDG_CACHE_HOME=cold_home,
                        XDG_CONFIG_HOME=cold_home,
                        XDG_DATA_HOME=cold_home,
                    ),
                )
            )
            app_times_warm.append(_time_to_ready(app, warm_env))
    bare_median = median(bare_times) * 1000
    warm, cold = median(app_times_warm) * 1000, median(app_times_cold) * 1000
    baseline = "bare PySide6 window"
    return [
        Figure("spawn to first page painted with posters, warm (kept page, poster cache)", warm,
               "ms", baseline, bare_median, "<= 1.3x"),
        Figure("spawn to first page painted with posters, cold (empty profile)", cold, "ms",
               baseline, bare_median, "<= 2.0x"),
        Figure("  floor: lean PySide6 window of that page (menu bar, rail, 30 cards of text, no "
               "posters, none of the app's code; tests/bench/lean_window.py)",
               median(lean_times) * 1000, "ms", baseline, bare_median),
        Figure("  floor: the same with the kept posters the app shows, decoded from its poster "
               "cache (tests/bench/lean_window.py FOLDER)",
               median(lean_kept_times) * 1000, "ms", baseline, bare_median),
        Figure("  floor: that page from the API with its posters, on Qt alone (QtNetwork; "
               "tests/bench/lean_cold.py qt)",
               median(lean_cold_times) * 1000, "ms", baseline, bare_median),
        Figure("  floor: the same with the page's JSON over httpx on qasync, the app's stack, and "
               "nothing else of the app (tests/bench/lean_cold.py stack)",
               median(lean_stack_times) * 1000, "ms", baseline, bare_median),
    ]  # fmt: skip
