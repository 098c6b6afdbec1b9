"""What the UI thread was doing during its stalls (LIBRIA_BENCH_TRACE=1 with the ui_stall bench).

A watchdog thread looks at the StallMeter's last tick every ~2 ms; once the tick is more than
10 ms late it samples the stacks of every thread (`sys._current_frames()`) until the next tick.
Each stall over 16 ms is then printed with its UI thread's stacks, collapsed and counted (one
sample is ~2 ms), the other threads that were running Python meanwhile, and the garbage
collections that overlapped it. The watchdog needs the GIL to take a sample: a stall with few
samples for its length was spent in code that held the GIL (in C), the stacks around it say whose.
"""

from __future__ import annotations

import bisect
import gc
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from tests.bench.stall_meter import StallMeter

LATE_S = 0.010  # a tick later than this is sampled
SAMPLE_S = 0.002
REPORT_S = 0.016  # stalls printed
ROOT = str(Path(__file__).resolve().parents[2]) + "/"
IDLE = ("wait", "select", "poll", "_worker", "get", "sleep", "acquire", "_wait_for_tstate_lock")


def short(path: str) -> str:
    """A file's path from the project's root or site-packages (the last two parts elsewhere)."""
    for root in (ROOT, "site-packages/"):
        if root in path:
            return path.split(root, 1)[1]
    return "/".join(path.rsplit("/", 2)[-2:])


def collapse(frame: FrameType | None, depth: int = 14) -> str:
    """`frame`'s stack outermost first, as `file:function:line;...` (the innermost `depth`)."""
    parts: list[str] = []
    while frame is not None and len(parts) < depth:
        code = frame.f_code
        parts.append(f"{short(code.co_filename)}:{code.co_name}:{frame.f_lineno}")
        frame = frame.f_back
    return ";".join(reversed(parts))


@dataclass
class Stall:
    start: float  # the last tick before it
    end: float = 0.0
    ui: Counter[str] = field(default_factory=Counter)
    others: Counter[str] = field(default_factory=Counter)
    samples: int = 0
    gc: list[tuple[int, float, int]] = field(default_factory=list)  # (generation, ms, thread)


class StallTracer:
    """Samples the threads while `last_tick()` is late; `report()` prints the long stalls."""

    def __init__(self, last_tick: Callable[[], float]) -> None:
        self._last_tick = last_tick
        self._ui = threading.get_ident()
        self._stalls: list[Stall] = []
        self._gcs: list[tuple[float, float, int, int]] = []  # (start, end, generation, thread)
        self._gc_start: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="stall-trace", daemon=True)
        gc.callbacks.append(self._on_gc)
        self._thread.start()

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        now, thread = time.perf_counter(), threading.get_ident()
        if phase == "start":
            self._gc_start[thread] = now
        elif thread in self._gc_start:
            start = self._gc_start.pop(thread)
            self._gcs.append((start, now, info["generation"], thread))

    def _watch(self) -> None:
        current: Stall | None = None
        while not self._stop.wait(SAMPLE_S):
            last, now = self._last_tick(), time.perf_counter()
            if current is not None and last > current.start:
                current.end = last
                self._stalls.append(current)
                current = None
            if now - last < LATE_S:
                continue
            if current is None:
                current = Stall(start=last)
            self._sample(current)

    def _sample(self, stall: Stall) -> None:
        stall.samples += 1
        for thread, frame in sys._current_frames().items():
            if thread == self._thread.ident:
                continue
            if thread == self._ui:
                stall.ui[collapse(frame)] += 1
            elif frame.f_code.co_name not in IDLE:
                name = next((t.name for t in threading.enumerate() if t.ident == thread), "?")
                stall.others[f"[{name}] {collapse(frame, 8)}"] += 1

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        gc.callbacks.remove(self._on_gc)
        for stall in self._stalls:
            stall.gc = [
                (gen, (end - start) * 1000, thread)
                for start, end, gen, thread in self._gcs
                if start < stall.end and end > stall.start
            ]

    def report(self, meter: StallMeter, top: int = 40) -> None:
        def split(stall: Stall) -> tuple[float, float]:
            """The stall's time on a core and waiting for one, as the meter saw its gap."""
            index = bisect.bisect_left(meter.ticks, stall.end)
            return (meter.cpu[index], meter.queued[index]) if index < len(meter.cpu) else (0, 0)

        def queued(stall: Stall) -> float:
            return split(stall)[1]

        # Longest first, less their waits for a core: what a quiet machine would have shown.
        long = [s for s in self._stalls if s.end - s.start - queued(s) > REPORT_S]
        long.sort(key=lambda s: s.end - s.start - queued(s), reverse=True)
        out = sys.stderr
        print(f"\n=== {len(long)} stalls over {REPORT_S * 1000:.0f} ms ===", file=out)
        gc_ms = sum((end - start) * 1000 for start, end, _, t in self._gcs if t == self._ui)
        print(f"gc on the UI thread: {len(self._gcs)} collections, {gc_ms:.0f} ms", file=out)
        for stall in long[:top]:
            ms = (stall.end - stall.start) * 1000
            cpu, waited = split(stall)
            print(f"\n--- {ms:.1f} ms in {meter.phase_at(stall.start)} (UI on CPU "
                  f"{cpu * 1000:.1f} ms, waiting for a core {waited * 1000:.1f} ms), "
                  f"{stall.samples} samples, "
                  f"gc {[(g, round(t, 1)) for g, t, _ in stall.gc]}", file=out)  # fmt: skip
            for stack, count in stall.ui.most_common(4):
                print(f"  UI x{count}: {stack}", file=out)
            for stack, count in stall.others.most_common(3):
                print(f"  other x{count}: {stack}", file=out)
        self._summary(long, out)
        long_gaps = [
            (g, c, q)
            for g, c, q in zip(meter.gaps, meter.cpu, meter.queued, strict=True)
            if g > REPORT_S
        ]
        wall = sum(g for g, _, _ in long_gaps) * 1000
        cpu = sum(c for _, c, _ in long_gaps) * 1000
        queued = sum(q for _, _, q in long_gaps) * 1000
        print(
            f"\n=== gaps over {REPORT_S * 1000:.0f} ms: {wall:.0f} ms; the UI thread on CPU "
            f"{cpu:.0f} ms, waiting for a core {queued:.0f} ms, blocked (GIL, system calls) "
            f"{wall - cpu - queued:.0f} ms ===",
            file=out,
        )

    def _summary(self, long: list[Stall], out: Any) -> None:
        """The innermost app frames across all long stalls, by samples."""
        by_frame: Counter[str] = Counter()
        for stall in long:
            for stack, count in stall.ui.items():
                frames = stack.split(";")
                ours = [f for f in frames if f.startswith("app/")]
                by_frame[(ours or frames)[-1].rsplit(":", 1)[0]] += count
        print("\n=== innermost frames of the UI thread in long stalls (samples) ===", file=out)
        for frame, count in by_frame.most_common(30):
            print(f"  {count:5d}  {frame}", file=out)
