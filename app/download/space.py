"""Free space, checked before the segments are fetched: the rest of the segments in the working
folder, plus the mp4 (about as large as the segments) beside the target, with a margin."""

from __future__ import annotations

import asyncio
import errno
import os
import shutil
from pathlib import Path

from app.core.download import DiskFull

SPACE_FACTOR = 1.1  # headroom over the estimate (the mp4 is a little smaller than the segments)
MB = 1024 * 1024


def is_disk_full(error: OSError) -> bool:
    return error.errno in (errno.ENOSPC, errno.EDQUOT)


def _free(path: Path) -> tuple[int, int]:
    """(free bytes, device) of the filesystem that holds `path` (or its nearest existing parent)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return shutil.disk_usage(path).free, os.stat(path).st_dev


def _check(work_dir: Path, target_dir: Path, segments_left: int, mp4: int) -> None:
    work_free, work_device = _free(work_dir)
    target_free, target_device = _free(target_dir)
    if work_device == target_device:
        needed = [(segments_left + mp4, work_free)]
    else:
        needed = [(segments_left, work_free), (mp4, target_free)]
    for want, free in needed:
        want = int(want * SPACE_FACTOR)
        if want > free:
            raise DiskFull(
                f"not enough free space: {want / MB:.1f} MB needed, {free / MB:.1f} MB free"
            )


async def check_space(work_dir: Path, target_dir: Path, segments_left: int, mp4: int) -> None:
    """DiskFull when the rest of the segments and the mp4 will not fit (bytes, estimated)."""
    await asyncio.to_thread(_check, work_dir, target_dir, segments_left, mp4)


async def free_bytes(path: Path) -> int:
    """Free bytes on the file system that holds `path` (or would: its nearest existing parent)."""
    free, _ = await asyncio.to_thread(_free, path)
    return free
