"""The floor under the stall figures: the same 1 ms timer (StallMeter) in a Qt process that does
nothing else, run on the same machine for as long as the session measured, right after it (the
API's server still up). Its worst gap is what the machine alone does to a thread with no work at
all: other processes, a virtual machine's stolen time. A session's worst stall cannot be told
apart from that floor.

Run as a script it is that idle process; `measure_idle()` runs it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

READY = "LIBRIA_IDLE_READY"
RESULT = "LIBRIA_IDLE"
SLOW_S = 0.017  # as bench_ui_stall: a tick this late missed a frame


@dataclass
class IdleFloor:
    worst_ms: float = 0.0  # beyond the timer's own 1 ms, as stall_ms
    over: int = 0  # ticks later than SLOW_S
    ticks: int = 0


def _main() -> int:
    from PySide6.QtCore import QCoreApplication

    from tests.bench.stall_meter import StallMeter, stall_ms

    app = QCoreApplication(sys.argv[:1])
    meter = StallMeter()  # its 1 ms ticks also let Python run the SIGTERM handler at once
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    print(READY, flush=True)
    app.exec()
    meter.stop()
    gaps = meter.gaps[1:]  # the first gap includes the event loop's start
    worst = stall_ms(max(gaps, default=0.0))
    over = sum(gap > SLOW_S for gap in gaps)
    print(f"{RESULT} {worst:.3f} {over} {len(gaps)}", flush=True)
    return 0


def measure_idle(seconds: float) -> IdleFloor:
    """The idle process's ticks over `seconds`, on its own (nothing of the bench runs meanwhile:
    its 1,000 wake-ups a second would weigh on the session measured)."""
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.bench.idle_floor"], cwd=root, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    assert process.stdout is not None
    try:
        if process.stdout.readline().strip() != READY:
            raise RuntimeError("the idle floor's process did not start")
        time.sleep(seconds)
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=30)
    fields = out.split()
    if len(fields) != 4 or fields[0] != RESULT:
        raise RuntimeError(f"the idle floor's process said {out!r}")
    return IdleFloor(float(fields[1]), int(fields[2]), int(fields[3]))


if __name__ == "__main__":
    sys.exit(_main())
