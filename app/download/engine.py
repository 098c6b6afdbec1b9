"""One episode to one mp4: the playlist, the segments (parallel, resumable), the remux.

The queue service calls `download_episode` and pauses it by cancelling its task: complete
segments stay in `work_dir`, the next call fetches only the rest. Every failure the viewer should
see is a `DownloadFailed` (DiskFull, RefusedSource, AlreadyDownloading are kinds of it).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.core.download import DiskFull, DownloadFailed, FetchProgress, SharedRecord
from app.download import workdir
from app.download.lock import episode_lock
from app.download.playlist import load_playlist
from app.download.progress import Progress
from app.download.remux import remux
from app.download.segments import fetch_segment, run_pool
from app.download.space import check_space, is_disk_full
from app.download.workdir import OnDisk, part_file, segment_file

PARALLEL_SEGMENTS = 4


@dataclass(frozen=True)
class EpisodeSource:
    urls: tuple[str, ...]  # the episode's playlist URL on each host to try, preferred first
    allowed_hosts: frozenset[str]  # "host[:port]", lowercase: where playlists and segments live


async def download_episode(
    source: EpisodeSource,
    target: Path,
    work_dir: Path,
    client: httpx.AsyncClient,
    on_progress: Callable[[FetchProgress], None],
    parallel: int = PARALLEL_SEGMENTS,
    record: SharedRecord | None = None,
) -> int:
    """Downloads the episode to `target` (an mp4, replaced if it exists); its size in bytes.

    `work_dir` is the episode's own folder for the parts (created, and removed at the end).
    `client` should carry no credentials: its headers go to every stream host.
    `record`, when given, is read and written under the episode's lock (see SharedRecord).
    Raises DownloadFailed (or a kind of it); a cancel leaves the complete segments for the next
    call and nothing running.
    """
    if parallel < 1:
        raise ValueError("parallel must be at least 1")
    try:
        return await _download(source, target, work_dir, client, on_progress, parallel, record)
    except OSError as error:  # the folders themselves: not there, not writable, full
        if is_disk_full(error):
            raise DiskFull("the disk is full") from None
        raise DownloadFailed(f"cannot save the episode: {error.strerror or error}") from None


async def _download(
    source: EpisodeSource,
    target: Path,
    work_dir: Path,
    client: httpx.AsyncClient,
    on_progress: Callable[[FetchProgress], None],
    parallel: int,
    record: SharedRecord | None,
) -> int:
    await asyncio.to_thread(_make_dirs, work_dir, target.parent)
    with episode_lock(work_dir):
        size = None if record is None else await record.finished_size()
        recorded = True  # finished elsewhere: recorded by the process that did
        if size is None:  # not finished by another process while this one waited
            size = await _join(source, target, work_dir, client, on_progress, parallel)
            recorded = record is None or await record.record_finished(size)
        if recorded:  # the parts go (a holder's too, that recorded the file and ended before)
            await asyncio.to_thread(workdir.clear, work_dir)
    await asyncio.to_thread(_remove_work_dir, work_dir)
    return size


async def _join(
    source: EpisodeSource,
    target: Path,
    work_dir: Path,
    client: httpx.AsyncClient,
    on_progress: Callable[[FetchProgress], None],
    parallel: int,
) -> int:
    """The segments fetched (those not on disk yet) and remuxed into `target`; its size."""
    on_disk = await asyncio.to_thread(workdir.scan, work_dir)
    if on_disk.complete:  # all there (stopped while joining): no network needed
        Progress(on_progress, on_disk.durations, on_disk.sizes).report()
        count = len(on_disk.sizes)
    else:
        count = await _fetch(source, target, work_dir, client, on_progress, parallel, on_disk)
    return await remux(work_dir, count, target)


async def _fetch(
    source: EpisodeSource,
    target: Path,
    work_dir: Path,
    client: httpx.AsyncClient,
    on_progress: Callable[[FetchProgress], None],
    parallel: int,
    on_disk: OnDisk,
) -> int:
    """Fetches what is missing; the number of segments."""
    playlist = await load_playlist(source.urls, source.allowed_hosts, client)
    on_disk = await asyncio.to_thread(workdir.adopt, work_dir, on_disk, playlist.segments)
    assert on_disk.keys is not None
    segments = workdir.in_manifest_order(on_disk.keys, playlist.segments)
    total = len(segments)
    progress = Progress(on_progress, on_disk.durations, on_disk.sizes)

    async def fetch(index: int) -> None:
        segment = segments[index]
        label = f"segment {index + 1} of {total} ({segment.name})"
        part, final = part_file(work_dir, index), segment_file(work_dir, index)
        size = await fetch_segment(client, segment, part, final, progress.received, label)
        progress.completed(index, size)

    missing = [index for index in range(total) if index not in on_disk.sizes]
    try:
        progress.report()
        if not on_disk.sizes:
            await fetch(missing.pop(0))  # the first segment tells how large the rest will be
        expected = progress.expected_bytes()
        await check_space(work_dir, target.parent, expected - progress.done_bytes, expected)
        await run_pool(missing, fetch, parallel)
        progress.report()
    finally:
        progress.close()
    return total


def _make_dirs(*folders: Path) -> None:
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)


def _remove_work_dir(work_dir: Path) -> None:
    # Another process may have taken the episode up again meanwhile: then its files stay.
    with contextlib.suppress(OSError):
        os.unlink(work_dir / workdir.LOCK)
        os.rmdir(work_dir)
