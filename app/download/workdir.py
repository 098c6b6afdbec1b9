"""An episode's working folder: one file per segment (`00007.ts`, written as `00007.ts.part` and
renamed when complete), a manifest of the playlist's segments, the lock, the concat list.

The manifest fixes the segments' order at the first start: a restart numbers them the same way
even when the server now lists them differently, and a playlist that really changed (other
segments) starts the episode over rather than mixing two encodes. Every function here touches
the disk: the engine calls them through `asyncio.to_thread`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

from app.download.playlist import Segment

MANIFEST = "manifest.json"
LOCK = "lock"
_COMPLETE = re.compile(r"(\d{5})\.ts")


def segment_file(work_dir: Path, index: int) -> Path:
    return work_dir / f"{index:05d}.ts"


def part_file(work_dir: Path, index: int) -> Path:
    return work_dir / f"{index:05d}.ts.part"


@dataclass(frozen=True)
class OnDisk:
    keys: tuple[str, ...] | None  # the manifest's segments in order; None: no manifest yet
    durations: tuple[float, ...] = ()
    sizes: dict[int, int] = field(default_factory=dict)  # complete segments: index -> bytes

    @property
    def complete(self) -> bool:
        return self.keys is not None and len(self.sizes) == len(self.keys) > 0


def scan(work_dir: Path) -> OnDisk:
    """What a previous run left: the manifest and the complete segments (parts left by a kill
    are removed: a part is never trusted)."""
    keys, durations = _read_manifest(work_dir)
    sizes = _complete_segments(work_dir, remove_parts=True)
    if keys is None or any(index >= len(keys) for index in sizes):
        _remove(work_dir, sizes)  # segments with no list to place them in
        sizes = {}
    return OnDisk(keys, durations, sizes)


def peek(work_dir: Path) -> OnDisk:
    """What is there now, read only (another process may be fetching it): the manifest and the
    complete segments; nothing when the folder is not there."""
    keys, durations = _read_manifest(work_dir)
    sizes: dict[int, int] = {}
    with contextlib.suppress(OSError):  # no folder (not yet, or no more)
        sizes = _complete_segments(work_dir, remove_parts=False)
    if keys is None or any(index >= len(keys) for index in sizes):
        return OnDisk(keys, durations, {})
    return OnDisk(keys, durations, sizes)


def _complete_segments(work_dir: Path, remove_parts: bool) -> dict[int, int]:
    """Each complete segment's index and size; parts (unfinished) are skipped or removed."""
    sizes: dict[int, int] = {}
    for entry in os.scandir(work_dir):
        if entry.name.endswith(".part"):
            if remove_parts:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
            continue
        match = _COMPLETE.fullmatch(entry.name)
        with contextlib.suppress(OSError):  # removed meanwhile (by the process fetching it)
            if match and entry.is_file(follow_symlinks=False):
                sizes[int(match.group(1))] = entry.stat(follow_symlinks=False).st_size
    return sizes


def adopt(work_dir: Path, on_disk: OnDisk, segments: tuple[Segment, ...]) -> OnDisk:
    """The segments in the manifest's order (when the playlist still lists the same ones), with
    the complete ones; otherwise a new manifest and no segments from before."""
    fresh = [segment.key for segment in segments]
    if on_disk.keys is not None and sorted(on_disk.keys) == sorted(fresh):
        return on_disk
    _remove(work_dir, on_disk.sizes)
    _write_manifest(work_dir, segments)
    return OnDisk(tuple(fresh), tuple(segment.duration for segment in segments), {})


def in_manifest_order(keys: tuple[str, ...], segments: tuple[Segment, ...]) -> list[Segment]:
    by_key: dict[str, deque[Segment]] = defaultdict(deque)
    for segment in segments:
        by_key[segment.key].append(segment)
    return [by_key[key].popleft() for key in keys]


def clear(work_dir: Path) -> None:
    """Everything but the lock (still held): the episode is done. A folder gone already (its
    last holder removed it as this process took the lock on its old lock file) is clear too."""
    try:
        entries = list(os.scandir(work_dir))
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name != LOCK and entry.is_file(follow_symlinks=False):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)


def _remove(work_dir: Path, sizes: dict[int, int]) -> None:
    for index in sizes:
        with contextlib.suppress(FileNotFoundError):
            segment_file(work_dir, index).unlink()


def _read_manifest(work_dir: Path) -> tuple[tuple[str, ...] | None, tuple[float, ...]]:
    try:
        data = json.loads((work_dir / MANIFEST).read_text("utf-8"))
        rows = data["segments"]
        keys = tuple(str(row["key"]) for row in rows)
        durations = tuple(float(row["duration"]) for row in rows)
    except (OSError, ValueError, KeyError, TypeError):
        return None, ()  # none, or unreadable (a kill while writing it): start afresh
    return (keys, durations) if keys else (None, ())


def _write_manifest(work_dir: Path, segments: tuple[Segment, ...]) -> None:
    rows = [{"key": segment.key, "duration": segment.duration} for segment in segments]
    partial = work_dir / (MANIFEST + ".part")
    partial.write_text(json.dumps({"version": 1, "segments": rows}), "utf-8")
    os.replace(partial, work_dir / MANIFEST)
