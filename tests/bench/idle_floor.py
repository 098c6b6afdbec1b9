"""The floor under the stall figures: the same 1 ms timer (StallMeter) in a Qt process that does
nothing else, run beside the session being measured (same machine, same time). Its worst gap is
what the machine alone does to a thread with no work at all: other processes on both cores, a
virtual machine's stolen time. A session's worst stall cannot be told apart from that floor.

Run as a script it is that idle process; `idle_floor()` runs it around a block of the bench."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
from collections.abc import Iterator
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


@contextlib.contextmanager
def idle_floor() -> Iterator[IdleFloor]:
    """An idle process ticking from the start of the block to its end; the result is filled in
    when the block ends."""
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.bench.idle_floor"], cwd=root, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    assert process.stdout is not None
    floor = IdleFloor()
    try:
        if process.stdout.readline().strip() != READY:
            raise RuntimeError("the idle floor's process did not start")
        yield floor
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=30)
    fields = out.split()
    if len(fields) == 4 and fields[0] == RESULT:
        floor.worst_ms, floor.over, floor.ticks = float(fields[1]), int(fields[2]), int(fields[3])


if __name__ == "__main__":
    sys.exit(_main())
