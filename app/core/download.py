"""Downloads for offline watching: the words the engine, the queue, the shell and the views share.

Here rather than in a lower layer because every layer speaks them: `app.download` (the engine:
playlist, segments, remux) reports `FetchProgress` and raises `DownloadFailed`; storage keeps
`DownloadItem` rows; the service turns one into the other; the views and the shell show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class DownloadState(StrEnum):
    QUEUED = "queued"
    DOWNLOADING = "downloading"
    PAUSED = "paused"
    FAILED = "failed"  # `DownloadItem.reason` says why
    DONE = "done"  # the file is complete under its final name


@dataclass(frozen=True)
class DownloadItem:
    """One episode on its way to disk, or there (a row of the library's `downloads` table)."""

    id: int
    title_id: int
    code: str  # the title's alias, for `libria download CODE` and links
    title_name: str  # the name the folder was made from, shown in the downloads page
    episode: float
    episode_label: str  # "1", "12.5", "Фильм": as the title page shows it
    quality: str  # a `Quality` value
    path: str  # the final file (absolute); it exists only when the state is DONE
    state: DownloadState
    reason: str = ""  # why it failed, for the viewer
    size: int = 0  # bytes on disk (the final file, or the parts so far)
    created: float = 0.0  # when it was queued (seconds since the epoch)
    finished: float = 0.0  # when it became DONE


@dataclass(frozen=True)
class FetchProgress:
    """What the engine reports while an episode downloads (several times a second at most)."""

    segments_done: int
    segments_total: int
    bytes_done: int  # fetched, including segments already on disk from before
    bytes_expected: int  # an estimate: bytes_done scaled by segment durations; 0 when unknown
    speed_bps: float  # bytes per second over the last few seconds

    @property
    def fraction(self) -> float:
        return self.segments_done / self.segments_total if self.segments_total else 0.0

    @property
    def eta_s(self) -> float | None:
        """Seconds left at the current speed; None when it cannot be told yet."""
        if self.speed_bps <= 0 or self.bytes_expected <= 0:
            return None
        return max(0.0, (self.bytes_expected - self.bytes_done) / self.speed_bps)


class DownloadFailed(Exception):
    """An episode that cannot be downloaded now; the message is for the viewer (no URL tokens,
    no secrets). Its parts stay on disk, so a retry resumes."""


class DiskFull(DownloadFailed):
    """Not enough free space (checked before starting, or ENOSPC while writing): the queue stops."""


class RefusedSource(DownloadFailed):
    """A playlist or segment URL that failed the checks (scheme, host, credentials, path)."""


class Unreachable(DownloadFailed):
    """The stream hosts could not be reached (no connection, timed out): worth another try once
    the network is back, unlike a refusal, a missing episode or a full disk."""


class AlreadyDownloading(DownloadFailed):
    """Another process (the window, or `libria download`) is fetching this episode right now."""


class SharedRecord(Protocol):
    """The library's row of an episode, as every process that shares the library sees it. The
    engine reads and writes it while it holds the episode's lock: the holder records the episode
    finished before it lets go, and a process that waited for the lock reads that and fetches
    nothing (the lock alone would let it start over on the emptied parts)."""

    async def finished_size(self) -> int | None:
        """The file's size, when another process finished the episode and its file is there."""
        ...

    async def record_finished(self, size: int) -> bool:
        """Writes the episode done, with the file's size; whether it could (if not, the engine
        keeps the parts: the next try joins them again, fetching nothing)."""
        ...
