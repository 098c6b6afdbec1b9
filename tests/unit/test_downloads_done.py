"""A finished episode stays finished, and one whose file is gone is fetched again: a pause, a quit
or a cancel that reaches the queue just after the engine recorded the episode done (the file
complete, the table saying so); and a row another process recorded done whose file was deleted
since."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.core.download import DownloadItem, DownloadState
from app.services.downloads import DownloadService
from app.services.library import LibraryService
from app.services.settings import SettingsStore
from app.services.tasks import TaskRunner
from tests.qt_loop import until
from tests.unit.download_kit import TITLE, make_service, rows, states, when
from tests.unit.fake_engine import FakeEngine
from tests.unit.fakes import FakeApiService

QUEUED, PAUSED, DONE = DownloadState.QUEUED, DownloadState.PAUSED, DownloadState.DONE


def is_file(path: str) -> bool:
    return Path(path).is_file()


def write_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"video")
    return path


def row_count(library: LibraryService) -> int:
    """The rows as another reader of the database file sees them."""
    with contextlib.closing(sqlite3.connect(library.path)) as reader:
        return int(reader.execute("SELECT count(*) FROM downloads").fetchone()[0])


class FinishesThenLingers(FakeEngine):
    """Records the episode done, then lingers before it returns, as the real engine does while
    it lets go of the episode's lock: the stop lands in that moment."""

    def __init__(self) -> None:
        super().__init__()
        self.recorded = asyncio.Event()
        self.lingering = asyncio.Event()

    async def __call__(self, *args: Any, **kwargs: Any) -> int:
        size = await super().__call__(*args, **kwargs)
        self.recorded.set()
        await self.lingering.wait()
        return size


class Kit:
    def __init__(
        self, library: LibraryService, api: FakeApiService, settings: SettingsStore,
        tasks: TaskRunner,
    ) -> None:  # fmt: skip
        self.engine = FinishesThenLingers()
        self._parts = (library, api, settings, tasks)

    def made(self) -> DownloadService:
        return make_service(*self._parts, self.engine)


@pytest.fixture
def kit(
    library: LibraryService, api: FakeApiService, settings: SettingsStore, tasks: TaskRunner,
    root: Path,
) -> Kit:  # fmt: skip
    """Services over an engine that records each episode done, then lingers (see above)."""
    return Kit(library, api, settings, tasks)


async def started(kit: Kit) -> DownloadService:
    downloads = kit.made()
    downloads.start()
    await downloads.refresh()
    return downloads


async def test_a_pause_that_crosses_the_finish_leaves_the_episode_done(
    kit: Kit, library: LibraryService
) -> None:
    downloads = await started(kit)
    batches: list[tuple[int, int]] = []
    downloads.batch_finished.connect(lambda done, failed: batches.append((done, failed)))
    try:
        (item,) = await downloads.add(TITLE, [1])
        await kit.engine.recorded.wait()
        seen: list[DownloadState] = []
        downloads.changed.connect(lambda changed: seen.append(changed.state))
        downloads.pause(item.id)  # the viewer's click, a moment too late
        await when(downloads, lambda: batches == [(1, 0)])  # told as downloaded
        assert seen == [DONE] and states(downloads) == [DONE]  # never shown paused
        assert [row.state for row in await rows(library)] == [DONE]
        assert is_file(item.path)
    finally:
        await downloads.shutdown()


async def test_a_quit_that_crosses_the_finish_leaves_nothing_to_fetch_next_time(
    kit: Kit, library: LibraryService
) -> None:
    downloads = await started(kit)
    (item,) = await downloads.add(TITLE, [1])
    await kit.engine.recorded.wait()
    seen: list[DownloadState] = []
    downloads.changed.connect(lambda changed: seen.append(changed.state))
    await downloads.shutdown()  # the app quits: what runs is queued again for the next start
    assert seen == [DONE]  # but this one is done
    assert [row.state for row in await rows(library)] == [DONE]
    kit.engine.lingering.set()
    again = await started(kit)
    try:
        assert states(again) == [DONE] and is_file(item.path)
        assert len(kit.engine.calls) == 1
    finally:
        await again.shutdown()


async def test_a_cancel_that_crosses_the_finish_removes_it_for_good(
    kit: Kit, library: LibraryService
) -> None:
    downloads = await started(kit)
    try:
        (item,) = await downloads.add(TITLE, [1])
        await kit.engine.recorded.wait()
        downloads.cancel(item.id)  # it does not wait: the removal runs on
        await until(lambda: not is_file(item.path) and row_count(library) == 0)
        await downloads.shutdown()  # every write has landed
        assert downloads.items() == []  # and none brought it back
    finally:
        await downloads.shutdown()


async def second_waiting(downloads: DownloadService, engine: FakeEngine) -> DownloadItem:
    """Episodes 1 and 2 queued, the first one running (held): the second one, waiting."""
    _, second = await downloads.add(TITLE, [1, 2])
    await engine.started(1).wait()
    return second


async def test_a_row_recorded_done_elsewhere_whose_file_is_gone_is_fetched_again(
    downloads: DownloadService, engine: FakeEngine, library: LibraryService
) -> None:
    held, again = engine.hold(1), engine.hold(2)
    second = await second_waiting(downloads, engine)
    # The shell finished episode 2 meanwhile, and the viewer deleted its file since.
    await library.downloads(lambda store: store.set_state(second.id, DONE, size=14))
    held.set()
    await engine.started(2).wait()  # fetched again
    downloads.pause(second.id)
    await when(downloads, lambda: states(downloads) == [DONE, PAUSED])
    assert [row.state for row in await rows(library)] == [DONE, PAUSED]  # not done, no file
    again.set()
    downloads.resume(second.id)
    await when(downloads, lambda: states(downloads) == [DONE, DONE])
    assert is_file(second.path) and engine.episodes() == [1.0, 2.0, 2.0]


async def test_a_row_done_elsewhere_with_its_file_in_another_folder_stays_done(
    downloads: DownloadService, engine: FakeEngine, library: LibraryService, tmp_path: Path
) -> None:
    held = engine.hold(1)
    second = await second_waiting(downloads, engine)
    # `libria download --to` another folder finished episode 2 there meanwhile.
    elsewhere = write_file(tmp_path / "elsewhere" / "2.mp4")
    await library.downloads(lambda store: store.db.execute(
        "UPDATE downloads SET state = 'done', size = 5, finished = 1, path = ? WHERE id = ?",
        (str(elsewhere), second.id)))  # fmt: skip
    held.set()
    await when(downloads, lambda: states(downloads) == [DONE, DONE])
    assert [(row.state, row.size) for row in await rows(library)][1] == (DONE, 5)
    assert engine.episodes() == [1.0] and is_file(str(elsewhere))


class RecordsThenFails(FakeEngine):
    """Records the episode done, then fails (clearing its work dir, say)."""

    async def __call__(self, *args: Any, **kwargs: Any) -> int:
        await super().__call__(*args, **kwargs)
        raise OSError(13, "Permission denied")


async def test_a_run_that_fails_after_recording_the_episode_done_leaves_it_done(
    library: LibraryService, api: FakeApiService, settings: SettingsStore, tasks: TaskRunner,
    root: Path,
) -> None:  # fmt: skip
    downloads = make_service(library, api, settings, tasks, RecordsThenFails())
    batches: list[tuple[int, int]] = []
    downloads.batch_finished.connect(lambda done, failed: batches.append((done, failed)))
    downloads.start()
    try:
        (item,) = await downloads.add(TITLE, [1])
        await when(downloads, lambda: batches == [(1, 0)])
        assert states(downloads) == [DONE] and is_file(item.path)
        assert [row.state for row in await rows(library)] == [DONE]
    finally:
        await downloads.shutdown()


async def test_an_item_removed_before_its_state_write_lands_stays_removed(
    downloads: DownloadService, engine: FakeEngine, library: LibraryService
) -> None:
    held = engine.hold(1)
    second = await second_waiting(downloads, engine)
    await library.downloads(lambda store: store.set_state(second.id, DONE, size=5))
    downloads.pause(second.id)  # its write will find the row done (elsewhere)...
    downloads.cancel(second.id)  # ...and land after this removal
    held.set()
    await when(downloads, lambda: states(downloads) == [DONE])
    await downloads.shutdown()  # every write has landed
    assert downloads.item_for(TITLE.id, 2) is None
