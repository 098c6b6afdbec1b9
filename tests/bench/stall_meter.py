"""The UI thread's stalls, measured as the gaps between the ticks of a 1 ms timer."""

from __future__ import annotations

import time


class StallMeter:
    """A 1 ms precise timer: any gap between its ticks beyond 1 ms is time the UI was blocked.
    `mark(name)` starts a named phase, so each phase's worst gap can be told apart."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self.marks: list[tuple[str, int]] = []  # (phase, index of its first gap)
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def mark(self, phase: str) -> None:
        self.marks.append((phase, len(self.gaps)))

    def phases(self) -> dict[str, list[float]]:
        """Each marked phase's gaps (the gaps before the first mark are left out)."""
        ends = [index for _, index in self.marks[1:]] + [len(self.gaps)]
        return {
            name: self.gaps[start:end] for (name, start), end in zip(self.marks, ends, strict=True)
        }

    def stop(self) -> None:
        self._timer.stop()


def stall_ms(gap: float) -> float:
    """A gap between ticks as the time the loop was blocked beyond the timer's own 1 ms."""
    return max(gap - 0.001, 0.0) * 1000
