"""Progress as the viewer sees it: segments and bytes so far, an estimate of the whole, and the
speed over the last few seconds; reported a few times a second at most (a trailing report makes
sure the last change is never held back)."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable

from app.core.download import FetchProgress

MIN_INTERVAL_S = 0.2  # at most ~5 reports a second
SPEED_WINDOW_S = 3.0


class Progress:
    def __init__(
        self,
        on_progress: Callable[[FetchProgress], None],
        durations: tuple[float, ...],
        sizes: dict[int, int],
    ) -> None:
        self._on_progress = on_progress
        self._durations = durations
        self._sizes = dict(sizes)  # complete segments: index -> bytes
        self._in_flight = 0  # bytes of segments not complete yet
        self._received = 0  # bytes fetched by this run, for the speed
        self._samples: deque[tuple[float, int]] = deque([(time.monotonic(), 0)])
        self._last_report = 0.0
        self._trailing: asyncio.TimerHandle | None = None

    @property
    def done_bytes(self) -> int:
        return sum(self._sizes.values())

    def received(self, count: int) -> None:
        """Bytes of a segment on their way (negative: a part thrown away)."""
        self._in_flight += count
        if count > 0:
            self._received += count
        self._changed()

    def completed(self, index: int, size: int) -> None:
        self._in_flight -= size
        self._sizes[index] = size
        self._changed()

    def expected_bytes(self) -> int:
        """The whole episode's size, scaled up from the complete segments by their durations."""
        total = sum(self._durations)
        seconds = sum(self._durations[index] for index in self._sizes)
        if seconds <= 0 or total <= 0:
            count = len(self._durations)
            return self.done_bytes * count // len(self._sizes) if self._sizes else 0
        return int(self.done_bytes * total / seconds)

    def report(self) -> None:
        """Reports now, whatever the interval (the first and the last reports)."""
        self._cancel_trailing()
        self._last_report = time.monotonic()
        now = self._last_report
        self._samples.append((now, self._received))
        while len(self._samples) > 2 and now - self._samples[1][0] >= SPEED_WINDOW_S:
            self._samples.popleft()
        start, start_bytes = self._samples[0]
        speed = (self._received - start_bytes) / (now - start) if now > start else 0.0
        done = self.done_bytes + max(0, self._in_flight)
        self._on_progress(
            FetchProgress(
                segments_done=len(self._sizes),
                segments_total=len(self._durations),
                bytes_done=done,
                bytes_expected=max(self.expected_bytes(), done),
                speed_bps=speed,
            )
        )

    def close(self) -> None:
        self._cancel_trailing()

    def _changed(self) -> None:
        wait = self._last_report + MIN_INTERVAL_S - time.monotonic()
        if wait <= 0:
            self.report()
        elif self._trailing is None:
            self._trailing = asyncio.get_running_loop().call_later(wait, self._trail)

    def _trail(self) -> None:
        self._trailing = None
        self.report()

    def _cancel_trailing(self) -> None:
        if self._trailing is not None:
            self._trailing.cancel()
            self._trailing = None
