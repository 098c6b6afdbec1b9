"""The kept page's posters: the start waits for them at most the time it gives, in all."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QSize

from app.ui.first_paint.posters import WORKERS, KeptPosters


def test_the_wait_is_one_deadline_for_all_threads(tmp_path: Path) -> None:
    # Named pipes with no writer: each reading thread blocks, as on a disk that does not answer.
    names = [f"{n:040x}.img" for n in range(WORKERS)]
    for name in names:
        os.mkfifo(tmp_path / name)
    posters = KeptPosters(tmp_path, [(name, QSize(10, 14)) for name in names], 1.0)
    within = 0.3
    try:
        began = time.monotonic()
        assert posters.wait(within) is None
        assert time.monotonic() - began < within * 1.5  # not `within` for each thread
    finally:
        for name in names:  # a writer that closes at once: the readers see the end and stop
            os.close(os.open(tmp_path / name, os.O_WRONLY))
