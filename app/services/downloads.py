"""Downloads for offline watching: the queue the downloads page, the title page, the player and
`libria download` share. Episodes download one at a time, oldest queued first; every state
change is kept in the library's `downloads` table, so a restart picks the queue up where it
stopped. The engine (app.download) is passed in, or imported when the first episode starts.
Memory is the truth for this process; the table is shared with the other process that may run
(the window, the shell), re-read before each episode starts and on `refresh`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from app.core import Quality, Title
from app.core.download import DownloadItem, DownloadState, FetchProgress
from app.services.download_files import DownloadFiles, new_row
from app.services.download_queue import DownloadQueue
from app.services.download_refresh import Refresher
from app.services.download_run import Attempt, Engine, Outcome, Sources, Titles, download_client
from app.services.library import LibraryService
from app.services.settings import SettingsStore
from app.services.streams import LocalCopy
from app.services.tasks import TaskRunner

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)
PARALLEL_EPISODES = 1  # one at a time: the segments of one episode already fill the line
BUSY_RETRY_S = 10.0  # another process holds an episode: try it again after this long
ACTIVE = (DownloadState.QUEUED, DownloadState.DOWNLOADING)
# Why a running episode was stopped: to pause it, to remove it, or to queue it again (at quit,
# for the next start; or a resume that came while it was being paused).
PAUSE, REMOVE, REQUEUE = "pause", "remove", "requeue"


class DownloadService(QObject):
    changed = Signal(object)  # DownloadItem: added, or its state/size/reason changed
    removed = Signal(int)  # an item's id, after cancel or delete
    progress = Signal(int, object)  # item id, FetchProgress (at most ~4 per second per item)
    batch_finished = Signal(int, int)  # done, failed: the queue ran dry after working
    unreachable = Signal()  # an episode failed for want of a connection (see retry_unreachable)

    def __init__(
        self, library: LibraryService, sources: Sources, titles: Titles, settings: SettingsStore,
        tasks: TaskRunner, engine: Engine | None = None,
        make_client: Callable[[], httpx.AsyncClient] = download_client,
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._library = library
        self._settings = settings
        self._tasks = tasks
        self.files = DownloadFiles(settings)
        self._attempt = Attempt(library, sources, titles, self.files, engine, make_client)
        self._queue = DownloadQueue()
        self._loading: asyncio.Task[Any] | None = None
        self._supervisor: asyncio.Task[Any] | None = None
        self._refresher = Refresher(self._queue, library, self.files, self._loaded, self._run,
                                    (self.changed, self.removed, self.progress))  # fmt: skip
        self._wake = asyncio.Event()
        self._writes: set[asyncio.Task[Any]] = set()

    # ----- reading (from memory) -----

    def items(self) -> list[DownloadItem]:
        """Every item, oldest first (the queue's order)."""
        return self._queue.ordered()

    def item_for(self, title_id: int, episode: float) -> DownloadItem | None:
        return self._queue.find(title_id, episode)

    def local_file(self, title_id: int, episode: float) -> Path | None:
        """The episode's file when it is DONE and the file is there, inside the download dir."""
        item = self._queue.find(title_id, episode)
        if item is None or item.state is not DownloadState.DONE:
            return None
        return self.files.playable(item)

    async def playable(self, title_id: int, episode: float) -> LocalCopy | None:
        """For the player (StreamResolver): the downloaded file and its quality, or None. The
        table is asked too: `libria download` may have finished it while this process ran."""
        await self._loaded()
        known = self._queue.find(title_id, episode)
        if known is None or known.state is not DownloadState.DONE:
            row = await self._library.downloads(lambda store: store.get(title_id, episode))
            if row is not None and row.state is DownloadState.DONE:
                self._merge(row)
        item = self._queue.find(title_id, episode)
        if item is None or item.state is not DownloadState.DONE:
            return None
        path = await asyncio.to_thread(self.files.playable, item)  # resolves symlinks: a worker's
        return None if path is None else LocalCopy(path, Quality(item.quality))

    def folder_of(self, item_id: int) -> Path:
        return self.files.folder_of(self._queue.items.get(item_id))

    def total(self) -> tuple[int, int, float]:
        """(active, done, fraction) of the current batch: see DownloadQueue.total."""
        return self._queue.total()

    # ----- life -----

    def start(self, resume_queue: bool = True) -> None:
        """Loads the queue (on the library's thread) and, with `resume_queue`, runs it: items
        left downloading by an earlier run are queued again. Without, only what is added from
        now on runs (the shell's way: it downloads what it was asked for, nothing else)."""
        if not resume_queue and self._queue.eligible is None:
            self._queue.eligible = set()
        self._run(self._start(resume_queue), name="downloads-start")

    async def _start(self, resume_queue: bool) -> None:
        await self._loaded()
        if not resume_queue:
            return
        for item in self.items():
            if item.state is DownloadState.DOWNLOADING and item.id not in self._queue.running:
                self._update(item.id, DownloadState.QUEUED)
        self._kick()

    async def _loaded(self) -> None:
        if self._loading is None:
            self._loading = self._run(self._load())
        await asyncio.shield(self._loading)

    async def _load(self) -> None:
        await asyncio.to_thread(self.files.default_root)  # off the UI thread, once
        for item in await self._library.downloads(lambda store: store.all()):
            if item.id not in self._queue.items:
                self._queue.items[item.id] = item
                self.changed.emit(item)

    async def shutdown(self) -> None:
        """The episode under way stops (its parts stay: a pause) and is kept queued, so the
        next start resumes it; the last states are written; the HTTP client closes."""
        if self._queue.closed:
            return
        self._queue.closed = True
        running = list(self._queue.running.items())
        for item_id, task in running:
            self._queue.stopping.setdefault(item_id, REQUEUE)
            task.cancel()
        if self._supervisor is not None:
            self._supervisor.cancel()
        refresh = self._refresher.task
        waits = [task for _, task in running] + [self._supervisor, self._loading, refresh]
        await asyncio.gather(*(task for task in waits if task is not None), return_exceptions=True)
        await asyncio.gather(*self._writes, return_exceptions=True)
        await self._attempt.close()
        log.info("downloads stopped")

    def _run(self, work: Coroutine[Any, Any, Any], name: str | None = None) -> asyncio.Task[Any]:
        return self._tasks.run(work, name=name)

    def refresh(self) -> Awaitable[None]:
        """Reads the rows again (off the UI thread): what another process queued, finished,
        removed or downloads (with `progress` from its parts) shows here too. A call while one
        runs joins it."""
        return self._refresher.refresh()

    # ----- adding -----

    async def add(
        self, title: Title, episodes: Sequence[float] | None = None, quality: Quality | None = None
    ) -> list[DownloadItem]:
        """Queues episodes of `title` (None: every released one; numbers it does not have are
        skipped) in `quality`, else the download quality setting, else the playback quality,
        else the best the episode has; returns the items this call queued (new ones, and
        failed, paused or vanished ones queued again), not those already done or on their way
        (see DownloadStore.add: nothing is duplicated). Adding lifts a stop for a full disk."""
        await self._loaded()
        chosen = self._attempt.remember(title, episodes)
        wanted, root = quality or self._preferred_quality(), self.files.root()
        news = await asyncio.to_thread(
            lambda: [new_row(root, title, episode, wanted) for episode in chosen]
        )
        rows = await self._library.downloads(lambda store: [store.add(new) for new in news])
        for row, _queued in rows:
            self._merge(row)
            if self._queue.eligible is not None:
                self._queue.eligible.add(row.id)
        self._queue.halted = ""
        self._kick()
        return [self._queue.items.get(row.id, row) for row, queued in rows if queued]

    def _preferred_quality(self) -> Quality:
        return Quality(self._settings.get("download_quality") or self._settings.get("quality"))

    def _merge(self, row: DownloadItem) -> None:
        """A row the library returned, into memory: an item running here stays as it is; one
        another run left downloading is queued again (nobody here is fetching it)."""
        if row.id in self._queue.running:
            return
        self._queue.touched.add(row.id)
        if row.state is DownloadState.DOWNLOADING:
            self._queue.items[row.id] = row
            self._update(row.id, DownloadState.QUEUED)
        elif self._queue.items.get(row.id) != row:
            self._queue.items[row.id] = row
            self.changed.emit(row)

    # ----- commands -----

    def pause(self, item_id: int) -> None:
        """A queued item waits; a running one stops where it is (its parts stay on disk)."""
        item = self._queue.items.get(item_id)
        if item is None or item.state not in ACTIVE:
            return
        task = self._queue.running.get(item_id)
        if task is not None:
            self._queue.stopping[item_id] = PAUSE
            task.cancel()
        else:
            self._update(item_id, DownloadState.PAUSED)

    def resume(self, item_id: int) -> None:
        """A paused item is queued again, in its old place."""
        if self._queue.stopping.get(item_id) == PAUSE:  # still stopping: it goes on instead
            self._queue.stopping[item_id] = REQUEUE
            return
        item = self._queue.items.get(item_id)
        if item is not None and item.state is DownloadState.PAUSED:
            self._update(item_id, DownloadState.QUEUED)
            self._kick()

    def retry(self, item_id: int) -> None:
        """A failed (or paused) item is queued again; the queue runs again after a full disk."""
        item = self._queue.items.get(item_id)
        if item is not None and item.state in (DownloadState.FAILED, DownloadState.PAUSED):
            self._queue.halted = ""
            self._update(item_id, DownloadState.QUEUED)
            self._kick()

    def cancel(self, item_id: int) -> None:
        """Stops the item and removes its parts and its row (and its file, once finished: a
        finished item cancelled is a deleted one)."""
        item = self._queue.items.get(item_id)
        if item is not None:
            self._run(self._remove([item]))

    async def delete(self, item_id: int) -> None:
        """Removes the item's file (when it is inside the download dir), its parts and row."""
        item = self._queue.items.get(item_id)
        if item is not None:
            await self._remove([item])

    async def delete_title(self, title_id: int) -> None:
        """Every item of a title, with its files, and the title's folder once empty."""
        rows = await self._library.downloads(lambda store: store.of_title(title_id))
        known = {i.id: i for i in self._queue.items.values() if i.title_id == title_id}
        known.update({row.id: row for row in rows if row.id not in known})
        await self._remove(list(known.values()))

    async def _remove(self, items: list[DownloadItem]) -> None:
        stopped = []
        for item in items:
            task = self._queue.running.get(item.id)
            if task is not None:
                self._queue.stopping[item.id] = REMOVE
                task.cancel()
                stopped.append(task)
            if self._queue.forget(item.id) is not None:
                self.removed.emit(item.id)
        await asyncio.gather(*stopped, return_exceptions=True)  # its files are closed now
        await asyncio.to_thread(self.files.remove_all, items)
        ids = [item.id for item in items]
        await self._library.downloads(lambda store: store.delete(*ids))

    # ----- state: memory first (the queue acts on it at once), then the table -----

    def _update(
        self, item_id: int, state: DownloadState, reason: str = "", size: int | None = None
    ) -> None:
        item = self._queue.items.get(item_id)
        if item is None:
            return
        finished = time.time() if state is DownloadState.DONE else 0.0
        size = item.size if size is None else size
        item = replace(item, state=state, reason=reason, size=size, finished=finished)
        self._queue.items[item_id] = item
        self._queue.touched.add(item_id)
        self.changed.emit(item)
        write = self._run(self._write_state(item_id, state, reason, size, finished))
        self._writes.add(write)
        write.add_done_callback(self._writes.discard)

    async def _write_state(
        self, item_id: int, state: DownloadState, reason: str, size: int, finished: float
    ) -> None:
        row = await self._library.downloads(
            lambda store: store.set_state(item_id, state, reason, size, finished)
        )
        if row is not None and row.state is not state and item_id in self._queue.items:
            self._merge(row)  # it finished first (another process): the table kept DONE

    # ----- the queue -----

    def _kick(self) -> None:
        """The queue looks for work (its runner starts when it is idle)."""
        if self._queue.closed:
            return
        self._wake.set()
        if self._supervisor is None or self._supervisor.done():
            self._supervisor = self._run(self._supervise(), name="downloads-queue")

    async def _supervise(self) -> None:
        queue = self._queue
        while True:
            self._wake.clear()
            while not queue.halted and len(queue.running) < PARALLEL_EPISODES:
                item = queue.next_runnable()
                if item is None:
                    break
                self._begin(item)
            wait = queue.next_retry()
            if not queue.running and wait is None:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait)
        tally = queue.batch_over()
        if tally is not None:
            self.batch_finished.emit(*tally)

    def _begin(self, item: DownloadItem) -> None:
        self._queue.busy_until.pop(item.id, None)
        task = self._run(self._download(item.id), name=f"download-{item.id}")
        self._queue.running[item.id] = task
        task.add_done_callback(functools.partial(self._ended, item.id))

    def _ended(self, item_id: int, _task: object) -> None:
        self._queue.running.pop(item_id, None)
        self._queue.stopping.pop(item_id, None)
        self._wake.set()

    async def _download(self, item_id: int) -> None:
        item = self._queue.items.get(item_id)
        if item is None:
            return
        try:
            outcome = await self._attempt.run(
                item, lambda: self._update(item_id, DownloadState.DOWNLOADING),
                lambda progress: self._progress(item_id, progress),
            )  # fmt: skip
        except asyncio.CancelledError:
            why = self._queue.stopping.get(item_id)
            if why is None:  # not ours (the loop is going): nothing to write
                raise
            size = self._attempt.recorded_size(item_id)  # it finished as the stop came
            if why == REMOVE:  # a removal deletes the row itself
                return
            if size is not None:  # the file is complete: done, whatever the stop meant
                self._settle(item_id, Outcome(size=size))
                return
            state = DownloadState.PAUSED if why == PAUSE else DownloadState.QUEUED
            self._update(item_id, state, size=self._queue.fetched.get(item_id))
            return
        self._settle(item_id, outcome)

    def _settle(self, item_id: int, outcome: Outcome) -> None:
        queue = self._queue
        if outcome.gone:  # the other process deleted it
            if queue.forget(item_id) is not None:
                self.removed.emit(item_id)
            return
        if outcome.busy:  # queued, saying why it waits
            queue.busy_until[item_id] = time.monotonic() + BUSY_RETRY_S
            self._update(item_id, DownloadState.QUEUED, outcome.reason)
            return
        if outcome.state is DownloadState.DONE:
            queue.done += 1
            queue.fraction[item_id] = 1.0
        else:
            queue.failed += 1
            log.warning("download %s failed: %s", item_id, outcome.reason)
        if outcome.disk_full:
            queue.halted = outcome.reason
        self._update(item_id, outcome.state, outcome.reason, outcome.size)
        if outcome.unreachable:
            queue.unreachable.add(item_id)
            self.unreachable.emit()

    def retry_unreachable(self) -> None:
        """The connection is back: episodes that failed for want of it are queued again, once
        (not those refused, not found, or stopped by a full disk)."""
        for item_id in self._queue.take_unreachable():
            self.retry(item_id)

    def _progress(self, item_id: int, progress: FetchProgress) -> None:
        if self._queue.progress_due(item_id, progress):
            self.progress.emit(item_id, progress)
