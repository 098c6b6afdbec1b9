"""The UI thread's stalls, measured as the gaps between the ticks of a 1 ms timer."""

from __future__ import annotations

import bisect
import os
import threading
import time


class RunQueue:
    """The calling thread's time spent runnable but waiting for a core (Linux schedstat), so a
    gap can be told apart from the time other processes held both cores: on a shared machine
    that is most of a long gap, and no change in the app moves it."""

    def __init__(self) -> None:
        path = f"/proc/self/task/{threading.get_native_id()}/schedstat"
        self._fd = os.open(path, os.O_RDONLY) if os.path.exists(path) else -1

    def waited(self) -> float:
        """Seconds this thread has waited for a core so far (0 without /proc)."""
        if self._fd < 0:
            return 0.0
        return int(os.pread(self._fd, 64, 0).split()[1]) / 1e9

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class StallMeter:
    """A 1 ms precise timer: any gap between its ticks beyond 1 ms is time the UI was blocked.
    `mark(name)` starts a named phase, so each phase's worst gap can be told apart. Each gap's
    wait for a core is kept too (`queued`): the gap less it is what a quiet machine would see."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self.queued: list[float] = []  # of each gap, the time spent waiting for a core
        self.cpu: list[float] = []  # of each gap, the UI thread's time on a core
        self.ticks: list[float] = []  # when each gap ended (perf_counter)
        self.marks: list[tuple[str, int]] = []  # (phase, index of its first gap)
        self._run_queue = RunQueue()
        self._waited = self._run_queue.waited()
        self._cpu = time.thread_time()
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1)

    def _tick(self) -> None:
        now, waited, cpu = time.perf_counter(), self._run_queue.waited(), time.thread_time()
        self.gaps.append(now - self._last)
        self.queued.append(min(waited - self._waited, now - self._last))
        self.cpu.append(cpu - self._cpu)
        self.ticks.append(now)
        self._last, self._waited, self._cpu = now, waited, cpu

    @property
    def last_tick(self) -> float:
        return self._last

    def phase_at(self, when: float) -> str:
        """The phase under way at `when` (perf_counter)."""
        index = bisect.bisect_left(self.ticks, when)
        return next((name for name, start in reversed(self.marks) if start <= index), "start")

    def mark(self, phase: str) -> None:
        self.marks.append((phase, len(self.gaps)))

    def phases(self, less_queued: bool = False) -> dict[str, list[float]]:
        """Each marked phase's gaps (the gaps before the first mark are left out); with
        `less_queued`, each less its wait for a core."""
        gaps = self.gaps
        if less_queued:
            gaps = [gap - queued for gap, queued in zip(self.gaps, self.queued, strict=True)]
        return {name: gaps[start:end] for name, start, end in self._spans()}

    def phases_cpu(self) -> dict[str, float]:
        """Each phase's time the UI thread spent on a core, in seconds."""
        return {name: sum(self.cpu[start:end]) for name, start, end in self._spans()}

    def worst(self, less_queued: bool = True) -> dict[str, tuple[float, float, float]]:
        """Each phase's worst gap (less its wait for a core) as (gap, of it on a core, of it
        waiting for one): the rest was blocked (the GIL, a system call)."""
        result = {}
        for name, start, end in self._spans():
            if start == end:
                continue
            key = (
                (lambda i: self.gaps[i] - self.queued[i]) if less_queued else self.gaps.__getitem__
            )
            i = max(range(start, end), key=key)
            result[name] = (self.gaps[i], self.cpu[i], self.queued[i])
        return result

    def _spans(self) -> list[tuple[str, int, int]]:
        ends = [index for _, index in self.marks[1:]] + [len(self.gaps)]
        return [(name, start, end) for (name, start), end in zip(self.marks, ends, strict=True)]

    def stop(self) -> None:
        self._timer.stop()
        self._run_queue.close()


def stall_ms(gap: float) -> float:
    """A gap between ticks as the time the loop was blocked beyond the timer's own 1 ms."""
    return max(gap - 0.001, 0.0) * 1000
