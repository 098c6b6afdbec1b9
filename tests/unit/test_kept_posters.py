"""The kept page's posters: the start waits for them at most the time it gives, in all."""

from __future__ import annotations

import os
import threading
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSize

from app.ui.first_paint import posters as kept_posters
from app.ui.first_paint.posters import WORKERS, KeptPosters


class BlockedThreadsClock:
    """A clock for the wait's deadline, and joins that find every thread blocked: each join
    takes the whole time it is given, on this clock, at once (no real waiting)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.given: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def join(self, _thread: threading.Thread, timeout: float | None = None) -> None:
        assert timeout is not None, "an unbounded join would hold the start for good"
        self.given.append(timeout)
        self.now += timeout


def test_the_wait_is_one_deadline_for_all_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Named pipes with no writer: each reading thread blocks, as on a disk that does not answer.
    names = [f"{n:040x}.img" for n in range(WORKERS)]
    for name in names:
        os.mkfifo(tmp_path / name)
    posters = KeptPosters(tmp_path, [(name, QSize(10, 14)) for name in names], 1.0)
    clock = BlockedThreadsClock()
    try:
        with monkeypatch.context() as patch:
            patch.setattr(kept_posters, "time", SimpleNamespace(monotonic=clock.monotonic))
            for thread in posters._threads:  # these threads only
                patch.setattr(thread, "join", partial(clock.join, thread))
            assert posters.wait(0.3) is None  # nothing decoded: the normal start follows
        assert len(clock.given) == WORKERS
        assert sum(clock.given) <= 0.3  # not 0.3 for each thread
    finally:
        for name in names:  # a writer that closes at once: the readers see the end and stop
            os.close(os.open(tmp_path / name, os.O_WRONLY))
