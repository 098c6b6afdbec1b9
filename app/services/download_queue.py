"""The downloads queue's bookkeeping, in memory: the items, which run, which wait for another
process, what the current batch did. No Qt, no I/O: the service acts, this keeps count."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from app.core.download import DownloadItem, DownloadState, FetchProgress

PROGRESS_EVERY_S = 0.25  # at most four progress signals a second per item
ENDED = (DownloadState.DONE, DownloadState.FAILED)


@dataclass
class DownloadQueue:
    items: dict[int, DownloadItem] = field(default_factory=dict)
    running: dict[int, asyncio.Task[Any]] = field(default_factory=dict)
    stopping: dict[int, str] = field(default_factory=dict)  # item id: why it is being stopped
    busy_until: dict[int, float] = field(default_factory=dict)  # item id: retry (monotonic)
    eligible: set[int] | None = None  # None: every queued item runs; else only these
    halted: str = ""  # why the queue stopped (a full disk) until a retry or an add
    closed: bool = False  # shut down: nothing starts any more
    done: int = 0  # in this batch
    failed: int = 0
    fraction: dict[int, float] = field(default_factory=dict)  # item id: share fetched
    fetched: dict[int, int] = field(default_factory=dict)  # item id: bytes fetched so far
    shown_at: dict[int, float] = field(default_factory=dict)  # item id: last progress signal
    touched: set[int] = field(default_factory=set)  # changed here since a refresh began reading
    unreachable: set[int] = field(default_factory=set)  # failed for want of a connection

    def ordered(self) -> list[DownloadItem]:
        """Oldest first: the order the queue runs in."""
        return sorted(self.items.values(), key=lambda item: (item.created, item.id))

    def find(self, title_id: int, episode: float) -> DownloadItem | None:
        return next(
            (i for i in self.items.values() if i.title_id == title_id and i.episode == episode),
            None,
        )

    def next_runnable(self) -> DownloadItem | None:
        now = time.monotonic()
        for item in self.ordered():
            if (
                item.state is DownloadState.QUEUED
                and item.id not in self.running
                and self.busy_until.get(item.id, 0.0) <= now
                and (self.eligible is None or item.id in self.eligible)
            ):
                return item
        return None

    def next_retry(self) -> float | None:
        """Seconds until an item another process held may be tried again; None: none waits."""
        if self.halted:
            return None
        waiting = [
            until for item_id, until in self.busy_until.items()
            if (item := self.items.get(item_id)) is not None
            and item.state is DownloadState.QUEUED
        ]  # fmt: skip
        return max(0.0, min(waiting) - time.monotonic()) if waiting else None

    def forget(self, item_id: int) -> DownloadItem | None:
        for kept in (self.busy_until, self.shown_at, self.fraction, self.fetched):
            kept.pop(item_id, None)
        if self.eligible is not None:
            self.eligible.discard(item_id)
        self.unreachable.discard(item_id)
        self.touched.add(item_id)
        return self.items.pop(item_id, None)

    def take_unreachable(self) -> list[int]:
        """The items that failed for want of a connection and are still failed, once each."""
        failed = DownloadState.FAILED
        ids = [i for i in self.unreachable if (item := self.items.get(i)) and item.state is failed]
        self.unreachable.clear()
        return sorted(ids)

    def progress_due(self, item_id: int, progress: FetchProgress) -> bool:
        """Keeps the progress; True when it is time to show it (the last one always is)."""
        self.fraction[item_id] = progress.fraction
        self.fetched[item_id] = progress.bytes_done
        now = time.monotonic()
        last = progress.segments_done >= progress.segments_total
        if last or now - self.shown_at.get(item_id, -PROGRESS_EVERY_S) >= PROGRESS_EVERY_S:
            self.shown_at[item_id] = now
            return True
        return False

    def total(self) -> tuple[int, int, float]:
        """(active, done, fraction) of the current batch. `active` counts the items neither
        done nor failed (queued, downloading, paused); `done` those that became DONE since the
        queue last ran dry; `fraction` is (done + failed in this batch + the fractions fetched
        of the active ones) / (done + failed in this batch + active), 0..1 (0 with nothing):
        a failed episode counts as finished, so the bar still reaches its end."""
        active = [i for i in self.items.values() if i.state not in ENDED]
        finished = self.done + self.failed
        fetched = sum(self.fraction.get(item.id, 0.0) for item in active)
        whole = finished + len(active)
        return len(active), self.done, (finished + fetched) / whole if whole else 0.0

    def batch_over(self) -> tuple[int, int] | None:
        """The batch's (done, failed), once it did any work; the count starts again."""
        done, failed = self.done, self.failed
        self.done = self.failed = 0
        for item in self.items.values():
            if item.state in ENDED:
                self.fraction.pop(item.id, None)
        return (done, failed) if done or failed else None
