"""What another process does to the downloads shows in this one (`refresh`), and episodes that
failed for want of a connection are queued again once the API answers: the queue against the
fake engine and the real library, the other process being a second connection to its file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.api import NetworkError
from app.core.download import (
    DiskFull,
    DownloadFailed,
    DownloadItem,
    DownloadState,
    FetchProgress,
    RefusedSource,
    Unreachable,
)
from app.download.playlist import Segment
from app.download.workdir import OnDisk, adopt, segment_file
from app.services.download_auto import retry_when_online
from app.services.downloads import DownloadService
from app.services.library import LibraryService
from app.services.offline import Connectivity
from app.services.tasks import TaskRunner
from app.storage.downloads import NewDownload
from tests.qt_loop import until
from tests.unit.download_kit import TITLE, states, when
from tests.unit.fake_engine import FakeEngine
from tests.unit.fakes import FakeApiService, FakeBackend

QUEUED, DOWNLOADING, FAILED, DONE = (
    DownloadState.QUEUED, DownloadState.DOWNLOADING, DownloadState.FAILED, DownloadState.DONE,
)  # fmt: skip


@pytest.fixture
async def other(library: LibraryService) -> AsyncIterator[LibraryService]:
    """The table as `libria download` in another process writes it: its own connection."""
    service = LibraryService(library.path)
    await service.start()
    try:
        yield service
    finally:
        await service.close()


async def _queued_elsewhere(other: LibraryService, root: Path, episode: float) -> DownloadItem:
    path = root / "Фрирен [7]" / f"Фрирен — {episode:g} [1080p].mp4"
    new = NewDownload(TITLE.id, TITLE.code, "Фрирен", episode, f"{episode:g}", "fhd", str(path))
    item, _ = await other.downloads(lambda store: store.add(new))
    return item


def _parts(root: Path, item: DownloadItem, complete: int, of: int) -> None:
    """The other process's parts folder: its manifest, `complete` segments, one on its way."""
    work_dir = root / ".parts" / f"{item.title_id}-{item.episode:g}-{item.quality}"
    work_dir.mkdir(parents=True)
    segments = tuple(Segment((f"http://cdn/{n}.ts",), 10.0) for n in range(of))
    adopt(work_dir, OnDisk(None), segments)
    for index in range(complete):
        segment_file(work_dir, index).write_bytes(b"\x47" * 1000)
    (work_dir / f"{complete:05d}.ts.part").write_bytes(b"\x47" * 10)


def _finished(item: DownloadItem) -> Path:
    file = Path(item.path)
    file.parent.mkdir(parents=True)
    file.write_bytes(b"the episode")
    return file


async def test_what_another_process_does_shows_after_a_refresh(
    downloads: DownloadService, other: LibraryService, engine: FakeEngine, root: Path
) -> None:
    shown: list[tuple[int, FetchProgress]] = []
    removed: list[int] = []
    downloads.progress.connect(lambda item_id, progress: shown.append((item_id, progress)))
    downloads.removed.connect(removed.append)
    item = await _queued_elsewhere(other, root, 2)
    await downloads.refresh()
    assert states(downloads) == [QUEUED]  # shown, and left to the process that queued it
    await other.downloads(lambda store: store.set_state(item.id, DOWNLOADING))
    _parts(root, item, complete=3, of=4)
    await downloads.refresh()
    assert states(downloads) == [DOWNLOADING] and engine.calls == []
    assert shown[-1][0] == item.id and shown[-1][1].fraction == pytest.approx(0.75)
    assert shown[-1][1].bytes_done == 3000 and shown[-1][1].bytes_expected == 4000
    file = _finished(item)
    await other.downloads(lambda store: store.set_state(item.id, DONE, size=11))
    await downloads.refresh()
    assert states(downloads) == [DONE]
    assert downloads.local_file(TITLE.id, 2) == file
    await other.downloads(lambda store: store.delete(item.id))
    await downloads.refresh()
    assert downloads.items() == [] and removed == [item.id]
    assert engine.calls == []


async def test_a_refresh_keeps_what_this_process_is_doing(
    downloads: DownloadService, other: LibraryService, engine: FakeEngine
) -> None:
    held = engine.hold(1)
    first, second, _ = await downloads.add(TITLE)
    await engine.started(1).wait()
    # The table, as an older read would have it: nothing of this may undo the queue's own view.
    await other.downloads(lambda store: store.set_state(first.id, DownloadState.PAUSED))
    downloads.pause(second.id)
    await downloads.refresh()
    assert states(downloads) == [DOWNLOADING, DownloadState.PAUSED, QUEUED]
    held.set()
    await when(downloads, lambda: states(downloads) == [DONE, DownloadState.PAUSED, DONE])


async def test_nothing_is_read_once_shut_down(
    downloads: DownloadService, other: LibraryService, root: Path
) -> None:
    await _queued_elsewhere(other, root, 2)
    await downloads.shutdown()  # the window is closing; its page may still ask
    await downloads.refresh()
    assert downloads.items() == []


# ----- back online -----


@pytest.fixture
def connectivity(api: FakeApiService, tasks: TaskRunner) -> Connectivity:
    return Connectivity(api, tasks, delays=(0.01,))


async def test_episodes_that_failed_for_want_of_a_connection_go_on_when_it_is_back(
    downloads: DownloadService, engine: FakeEngine, connectivity: Connectivity,
    backend: FakeBackend,
) -> None:  # fmt: skip
    online: list[bool] = []
    connectivity.changed.connect(lambda now, _since: online.append(now))
    first: list[DownloadState] = []
    downloads.changed.connect(lambda item: item.episode == 1 and first.append(item.state))
    retry_when_online(downloads, connectivity)
    backend.fail("years", NetworkError("no route to host"), times=3)  # the API is away too
    engine.fail(1, Unreachable("segment 3 of 48: connection error (ConnectError)"))
    engine.fail(2, DownloadFailed("segment 3 of 48: HTTP 404"))
    engine.fail(3, RefusedSource("refused host"))
    await downloads.add(TITLE)
    # The download asked the API, which did not answer: offline; the probe gets an answer at
    # the third try, and the first episode goes on; the other two stay as they were.
    await when(downloads, lambda: states(downloads) == [DONE, FAILED, FAILED])
    assert online == [False, True]
    assert first == [QUEUED, DOWNLOADING, FAILED, QUEUED, DOWNLOADING, DONE]
    assert engine.episodes() == [1.0]
    assert [item.reason for item in downloads.items()] == [
        "", "segment 3 of 48: HTTP 404", "refused host",
    ]  # fmt: skip


async def test_only_episodes_that_found_no_connection_are_queued_again(
    downloads: DownloadService, engine: FakeEngine, connectivity: Connectivity,
    backend: FakeBackend,
) -> None:  # fmt: skip
    retry_when_online(downloads, connectivity)
    engine.fail(1, Unreachable("timed out"))  # the stream host is away, the API is not
    await downloads.add(TITLE, [1])
    await when(downloads, lambda: states(downloads) == [FAILED])
    await until(lambda: "years" in backend.finished)  # the API answered: the app stays online
    assert connectivity.online and states(downloads) == [FAILED]
    engine.fail(2, DiskFull("the disk is full"))
    await downloads.add(TITLE, [2])
    await when(downloads, lambda: states(downloads) == [FAILED, FAILED])
    connectivity.went_offline(0.0)  # later the API is away (a page found it so), and back
    connectivity.confirmed_online()
    await when(downloads, lambda: states(downloads) == [DONE, FAILED])
    assert engine.episodes() == [1.0]
    connectivity.went_offline(0.0)
    connectivity.confirmed_online()  # once: the full disk is still not retried
    assert states(downloads) == [DONE, FAILED]
