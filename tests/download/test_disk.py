"""A full disk: told before fetching when it is known, DiskFull when a write or the join runs out
of space; the complete segments stay, and once there is room the episode completes from them.

A real small disk is a tmpfs (mounting needs root: those tests skip cleanly without it); the
others simulate ENOSPC at the one write the engine makes per chunk."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import httpx
import pytest

from app.core.download import DiskFull
from app.download import segments, space
from app.download.engine import download_episode
from tests.download.conftest import (
    LONG,
    LONG_SECONDS,
    LONG_SEGMENTS,
    Media,
    Reports,
    complete_segments,
    parts_in,
    probe,
)


class SmallDisk:
    def __init__(self, point: Path) -> None:
        self.point = point

    def resize(self, megabytes: int) -> None:
        subprocess.run(
            ["mount", "-o", f"remount,size={megabytes}m", str(self.point)],
            check=True,
            capture_output=True,
        )


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """A 1 MB tmpfs (the long episode is 2.5 MB)."""
    point = tmp_path / "small"
    point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(point)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield SmallDisk(point)
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


async def test_too_little_space_is_told_after_the_first_segment(
    media: Media, client: httpx.AsyncClient, small_disk: SmallDisk
) -> None:
    target, work = small_disk.point / "a.mp4", small_disk.point / "work"
    with pytest.raises(DiskFull, match=r"not enough free space: [\d.]+ MB needed, [\d.]+ MB free"):
        await download_episode(media.source(LONG), target, work, client, Reports())
    assert await media.segment_requests(LONG) == {0: 1}  # only what the estimate needed
    assert complete_segments(work) == {0}
    small_disk.resize(16)
    await download_episode(media.source(LONG), target, work, client, Reports())
    assert await media.segment_requests(LONG) == dict.fromkeys(range(LONG_SEGMENTS), 1)
    assert (await probe(target))[0] == pytest.approx(LONG_SECONDS, abs=0.5)


async def test_a_disk_filling_up_while_fetching_keeps_the_complete_segments(
    media: Media,
    client: httpx.AsyncClient,
    small_disk: SmallDisk,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(space, "SPACE_FACTOR", 0.0)  # as if the estimate had been wrong
    target, work = small_disk.point / "a.mp4", small_disk.point / "work"
    with pytest.raises(DiskFull, match="no space left while saving a segment"):
        await download_episode(media.source(LONG), target, work, client, Reports())
    kept = complete_segments(work)
    assert kept and not parts_in(work)
    small_disk.resize(16)
    await download_episode(media.source(LONG), target, work, client, Reports())
    counts = await media.segment_requests(LONG)
    assert all(counts[index] == 1 for index in kept)
    assert (await probe(target))[0] == pytest.approx(LONG_SECONDS, abs=0.5)


async def test_a_disk_filling_up_while_joining(
    media: Media,
    client: httpx.AsyncClient,
    small_disk: SmallDisk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(space, "SPACE_FACTOR", 0.0)
    target, work = small_disk.point / "a.mp4", tmp_path / "work"
    with pytest.raises(DiskFull, match="no space left for the mp4"):
        await download_episode(media.source(LONG), target, work, client, Reports())
    assert not parts_in(small_disk.point) and not target.exists()
    assert complete_segments(work) == set(range(LONG_SEGMENTS))
    small_disk.resize(16)
    before = await media.requests()
    await download_episode(media.source(LONG), target, work, client, Reports())
    assert await media.requests() == before  # joined from what was there
    assert (await probe(target))[0] == pytest.approx(LONG_SECONDS, abs=0.5)


async def test_enospc_while_writing_a_segment_is_disk_full(
    media: Media, client: httpx.AsyncClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = 0
    real_write = segments.write_chunk

    def filling_up(out: BinaryIO, chunk: bytes) -> None:
        nonlocal writes
        writes += 1
        if writes > 12:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(out, chunk)

    monkeypatch.setattr(segments, "write_chunk", filling_up)
    target, work = tmp_path / "a.mp4", tmp_path / "work"
    with pytest.raises(DiskFull, match="no space left"):
        await download_episode(media.source(LONG), target, work, client, Reports())
    kept = complete_segments(work)
    assert kept and not parts_in(work) and not target.exists()
    monkeypatch.setattr(segments, "write_chunk", real_write)
    await download_episode(media.source(LONG), target, work, client, Reports())
    counts = await media.segment_requests(LONG)
    assert all(counts[index] == 1 for index in kept)
    assert (await probe(target))[0] == pytest.approx(LONG_SECONDS, abs=0.5)


async def test_the_estimate_refuses_before_the_rest_is_fetched(
    media: Media, client: httpx.AsyncClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(space, "SPACE_FACTOR", 1e9)  # as if the disk were nearly full
    with pytest.raises(DiskFull, match=r"MB needed, [\d.]+ MB free"):
        await download_episode(
            media.source(LONG), tmp_path / "a.mp4", tmp_path / "w", client, Reports()
        )
    assert await media.segment_requests(LONG) == {0: 1}


async def test_free_bytes_of_a_folder_yet_to_be_made(small_disk: SmallDisk) -> None:
    free = await space.free_bytes(small_disk.point / "not" / "made" / "yet")
    assert 0 < free <= 1024 * 1024
    small_disk.resize(4)
    assert await space.free_bytes(small_disk.point) > 3 * 1024 * 1024
