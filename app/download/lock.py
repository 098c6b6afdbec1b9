"""One fetcher per episode across processes (the window and `libria download`): an exclusive,
non-blocking lock on `<work_dir>/lock`, held for the whole download. The system drops it when
the holder dies, even by SIGKILL, so a crash never leaves an episode locked."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from app.core.download import AlreadyDownloading
from app.download.workdir import LOCK


def _take(descriptor: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def episode_lock(work_dir: Path) -> Iterator[None]:
    """Held inside the block; AlreadyDownloading when another process holds it. Opening and a
    non-blocking lock are single quick system calls: fine on the event loop."""
    descriptor = os.open(work_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if not _take(descriptor):
            raise AlreadyDownloading("this episode is already being downloaded elsewhere")
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
