"""What another process did to the downloads (`libria download` beside the window), merged into
this process's queue: the rows read again from the table, and the progress of episodes that
process is downloading, read from their parts on disk.

An episode another process downloads is DOWNLOADING in the table while this process runs
nothing for it: it is shown so, with the share of its segments complete in its parts folder
(its manifest names them all; complete ones have their final names). That is what the other
process has really done, costs one folder listing every couple of seconds, and keeps the bar
moving, where an indeterminate bar would tell nothing.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import SignalInstance

from app.core.download import DownloadItem, DownloadState, FetchProgress, RefusedSource
from app.services.download_files import DownloadFiles
from app.services.download_queue import DownloadQueue
from app.services.library import LibraryService


@dataclass(frozen=True)
class Merged:
    changed: list[DownloadItem]  # new, or not as memory had them
    removed: list[int]  # gone from the table


def merge_rows(queue: DownloadQueue, rows: list[DownloadItem]) -> Merged:
    """The table's rows into memory. An item running here, or changed here since the rows were
    read (`queue.touched`), keeps what memory says: memory is the truth for this process."""
    kept = set(queue.running) | queue.touched
    changed = []
    for row in rows:
        if row.id not in kept and queue.items.get(row.id) != row:
            queue.items[row.id] = row
            changed.append(row)
    there = {row.id for row in rows}
    removed = [item_id for item_id in queue.items if item_id not in there | kept]
    for item_id in removed:
        queue.forget(item_id)
    return Merged(changed, removed)


def elsewhere(queue: DownloadQueue) -> list[DownloadItem]:
    """Items the table says are downloading while this process is not running them."""
    return [
        item for item in queue.items.values()
        if item.state is DownloadState.DOWNLOADING and item.id not in queue.running
    ]  # fmt: skip


class PartsProgress:
    """How far other processes got, from their parts folders; the speed from one reading to the
    next. Blocking: run `read` on a worker thread."""

    def __init__(self, files: DownloadFiles) -> None:
        self._files = files
        self._last: dict[int, tuple[float, int]] = {}  # item id: (when, bytes) last read

    def read(self, items: list[DownloadItem]) -> dict[int, FetchProgress]:
        from app.download.progress import Progress
        from app.download.workdir import peek

        found: dict[int, FetchProgress] = {}
        for item in items:
            try:
                on_disk = peek(self._files.work_dir(item))
            except RefusedSource:  # a doctored row: no folder to read
                continue
            if on_disk.keys is None:  # no manifest yet: nothing to tell
                continue
            reports: list[FetchProgress] = []
            Progress(reports.append, on_disk.durations, on_disk.sizes).report()
            found[item.id] = self._with_speed(item.id, reports[-1])
        now = time.monotonic()
        self._last = {item_id: (now, p.bytes_done) for item_id, p in found.items()}
        return found

    def _with_speed(self, item_id: int, progress: FetchProgress) -> FetchProgress:
        last = self._last.get(item_id)
        if last is None:
            return progress
        when, done = last
        elapsed = time.monotonic() - when
        speed = max(0, progress.bytes_done - done) / elapsed if elapsed > 0 else 0.0
        return replace(progress, speed_bps=speed)


class Refresher:
    """The service's `refresh`: one at a time, its signals emitted as memory changes."""

    def __init__(
        self,
        queue: DownloadQueue,
        library: LibraryService,
        files: DownloadFiles,
        loaded: Callable[[], Awaitable[None]],
        run: Callable[[Coroutine[Any, Any, Any]], asyncio.Task[Any]],
        signals: tuple[SignalInstance, SignalInstance, SignalInstance],  # changed, removed, ...
    ) -> None:
        self._queue = queue
        self._library = library
        self._parts = PartsProgress(files)
        self._loaded = loaded
        self._run = run
        self._changed, self._removed, self._progress = signals
        self.task: asyncio.Task[None] | None = None

    def refresh(self) -> Awaitable[None]:
        if self._queue.closed:  # the library may be closing: nothing is read any more
            done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            done.set_result(None)
            return done
        if self.task is None or self.task.done():
            self.task = self._run(self._refresh())
        return self.task

    async def _refresh(self) -> None:
        await self._loaded()
        queue = self._queue
        queue.touched.clear()  # from here on, what changes here is kept over what was read
        merged = merge_rows(queue, await self._library.downloads(lambda store: store.all()))
        for item in merged.changed:
            self._changed.emit(item)
        for item_id in merged.removed:
            self._removed.emit(item_id)
        read = await asyncio.to_thread(self._parts.read, elsewhere(queue))
        still = {item.id for item in elsewhere(queue)}  # it may have changed during the read
        for item_id, progress in read.items():
            if item_id in still:
                queue.fraction[item_id] = progress.fraction
                self._progress.emit(item_id, progress)
