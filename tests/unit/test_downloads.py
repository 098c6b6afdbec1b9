"""The downloads queue against a fake engine (the real engine's signature) and the real library on
a temporary disk: order, one at a time, pause/resume/retry/cancel/delete, a full disk, a restart,
another process holding an episode, and paths a row must not lead outside the download dir."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from app.core import CachingNode, Names, PlaylistUpdated, Title
from app.core.download import (
    AlreadyDownloading,
    DiskFull,
    DownloadFailed,
    DownloadState,
    FetchProgress,
)
from app.services import downloads as downloads_module
from app.services.download_auto import AutoDownloads
from app.services.downloads import DownloadService
from app.services.library import LibraryService
from app.services.settings import SettingsStore
from app.services.tasks import TaskRunner
from app.storage.downloads import NewDownload
from tests.qt_loop import until
from tests.unit.download_kit import TITLE, FakeTitles, make_service, rows, states, when
from tests.unit.fake_engine import FakeEngine
from tests.unit.fakes import FakeApiService, FakeBackend

QUEUED, DOWNLOADING, PAUSED = DownloadState.QUEUED, DownloadState.DOWNLOADING, DownloadState.PAUSED
FAILED, DONE = DownloadState.FAILED, DownloadState.DONE


def state(service: DownloadService, episode: float) -> DownloadState | None:
    item = service.item_for(TITLE.id, episode)
    return None if item is None else item.state


def is_file(path: str) -> bool:
    return Path(path).is_file()


def files_in(folder: Path) -> list[Path]:
    return list(folder.iterdir())


def write(path: Path, content: bytes | Path) -> Path:
    """A file (or, given a path, a symlink to it), its folders made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, Path):
        path.symlink_to(content)
    else:
        path.write_bytes(content)
    return path


def episodes_on_disk(library: LibraryService) -> list[float]:
    """The rows as another reader of the database file sees them."""
    with contextlib.closing(sqlite3.connect(library.path)) as reader:
        return [row[0] for row in reader.execute("SELECT episode FROM downloads ORDER BY id")]


# ----- the queue -----


async def test_episodes_download_one_at_a_time_in_the_order_queued(
    downloads: DownloadService, engine: FakeEngine, root: Path
) -> None:
    batches: list[tuple[int, int]] = []
    downloads.batch_finished.connect(lambda done, failed: batches.append((done, failed)))
    added = await downloads.add(TITLE, [3, 1])
    await downloads.add(TITLE, [2])
    assert [item.episode for item in added] == [3.0, 1.0]
    await when(downloads, lambda: states(downloads) == [DONE] * 3)
    assert engine.episodes() == [3.0, 1.0, 2.0]
    assert engine.most_at_once == 1
    for item in downloads.items():
        assert item.size > 0 and item.finished > 0
        assert is_file(item.path) and Path(item.path).is_relative_to(root)
        assert downloads.local_file(TITLE.id, item.episode) == Path(item.path)
    await when(downloads, lambda: batches)
    assert batches == [(3, 0)]
    assert [row.state for row in await rows(downloads._library)] == [DONE] * 3
    assert not (root / ".parts").exists() or not any((root / ".parts").iterdir())


async def test_none_means_every_released_episode_from_the_checked_hosts_unprobed(
    downloads: DownloadService, engine: FakeEngine, backend: FakeBackend,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    async def caching_nodes() -> list[CachingNode]:
        return [CachingNode("de6", 30), CachingNode("evil.com/../x", 20)]

    monkeypatch.setattr(backend, "caching_nodes", caching_nodes)
    await downloads.add(TITLE)
    await when(downloads, lambda: states(downloads) == [DONE] * 3)
    assert engine.episodes() == [1.0, 2.0, 3.0]
    source = engine.calls[0].source
    assert source.urls == ("http://cache.libria.fun/v/1/1080.m3u8",  # the API base's scheme
                           "http://de6.libria.fun/v/1/1080.m3u8")  # fmt: skip
    assert source.allowed_hosts == frozenset({"cache.libria.fun", "de6.libria.fun"})
    assert backend.called("fetch_media") == []  # the engine tries the hosts, nobody else


async def test_quality_comes_from_the_argument_else_the_settings(
    downloads: DownloadService, settings: SettingsStore, engine: FakeEngine
) -> None:
    from app.core import Quality

    settings.set("quality", "hd")
    first = await downloads.add(TITLE, [1])
    settings.set("download_quality", "fhd")
    second = await downloads.add(TITLE, [2])
    third = await downloads.add(TITLE, [3], Quality.SD)  # no sd: the best there is
    assert [first[0].quality, second[0].quality, third[0].quality] == ["hd", "fhd", "fhd"]
    await when(downloads, lambda: states(downloads) == [DONE] * 3)
    assert engine.calls[0].source.urls[0].endswith("/720.m3u8")


async def test_adding_again_does_not_duplicate_and_leaves_a_finished_file(
    downloads: DownloadService, engine: FakeEngine, library: LibraryService
) -> None:
    engine.fail(2, DownloadFailed("the host said no"))
    await downloads.add(TITLE)
    await when(downloads, lambda: states(downloads) == [DONE, FAILED, DONE])
    again = await downloads.add(TITLE)
    assert [(item.episode, item.state) for item in again] == [(2.0, QUEUED)]  # what it queued
    assert await downloads.add(TITLE, [1, 3]) == []  # done already: nothing to queue
    await when(downloads, lambda: states(downloads) == [DONE] * 3)
    assert engine.episodes() == [1.0, 3.0, 2.0]  # only the failed one was fetched again
    assert len(await rows(library)) == 3


async def test_progress_is_shown_at_most_four_times_a_second(
    downloads: DownloadService, engine: FakeEngine
) -> None:
    shown: list[tuple[int, FetchProgress]] = []
    downloads.progress.connect(lambda item_id, progress: shown.append((item_id, progress)))
    engine.progress_calls = 200  # all within a moment
    added = await downloads.add(TITLE, [1])
    await when(downloads, lambda: states(downloads) == [DONE])
    assert 1 <= len(shown) <= 3
    assert shown[-1][0] == added[0].id and shown[-1][1].fraction == 1.0


async def test_total_counts_the_batch(downloads: DownloadService, engine: FakeEngine) -> None:
    assert downloads.total() == (0, 0, 0.0)
    engine.fail(1, DownloadFailed("Сервер не ответил"))
    held = engine.hold(3)
    await downloads.add(TITLE)
    await engine.started(3).wait()
    active, done, fraction = downloads.total()
    assert (active, done) == (1, 1)  # 3 to go, 2 done (1 failed: finished, but not done)
    assert fraction == pytest.approx(2 / 3)  # 3 has not reported progress yet
    held.set()
    await when(downloads, lambda: states(downloads) == [FAILED, DONE, DONE])
    await when(downloads, lambda: downloads.total() == (0, 0, 0.0))  # the batch is over


# ----- pause, resume, retry, cancel, delete -----


async def test_pausing_the_running_episode_keeps_its_parts_and_the_queue_goes_on(
    downloads: DownloadService, engine: FakeEngine, root: Path
) -> None:
    engine.hold(1)
    first, *_ = await downloads.add(TITLE)
    await engine.started(1).wait()
    downloads.pause(first.id)
    await when(downloads, lambda: states(downloads) == [PAUSED, DONE, DONE])
    parts = root / ".parts"
    assert [path.name for path in parts.iterdir()] == ["7-1-fhd"]  # the segment stays
    engine.hold(1).set()
    downloads.resume(first.id)
    assert state(downloads, 1) is QUEUED
    await when(downloads, lambda: states(downloads) == [DONE] * 3)
    assert engine.calls[-1].resumed_from == 1  # what was on disk was not fetched again


async def test_a_resume_before_the_pause_lands_keeps_it_going(
    downloads: DownloadService, engine: FakeEngine
) -> None:
    seen: list[DownloadState] = []
    downloads.changed.connect(lambda item: seen.append(item.state))
    engine.hold(1)
    first, *_ = await downloads.add(TITLE, [1])
    await engine.started(1).wait()
    downloads.pause(first.id)
    downloads.resume(first.id)  # the viewer changed their mind at once
    engine.hold(1).set()
    await when(downloads, lambda: states(downloads) == [DONE])
    assert PAUSED not in seen and engine.calls[-1].resumed_from == 1


async def test_a_paused_queued_episode_is_skipped_until_resumed(
    downloads: DownloadService, engine: FakeEngine
) -> None:
    held = engine.hold(1)
    _, second, _ = await downloads.add(TITLE)
    downloads.pause(second.id)
    held.set()
    await when(downloads, lambda: states(downloads) == [DONE, PAUSED, DONE])
    assert engine.episodes() == [1.0, 3.0]
    downloads.resume(second.id)
    await when(downloads, lambda: states(downloads) == [DONE] * 3)


async def test_a_failure_is_told_and_retry_fetches_it_again(
    downloads: DownloadService, engine: FakeEngine
) -> None:
    batches: list[tuple[int, int]] = []
    downloads.batch_finished.connect(lambda done, failed: batches.append((done, failed)))
    engine.fail(1, DownloadFailed("Сервер не ответил"))
    first, *_ = await downloads.add(TITLE)
    await when(downloads, lambda: states(downloads) == [FAILED, DONE, DONE])
    assert downloads.items()[0].reason == "Сервер не ответил"
    await when(downloads, lambda: batches)
    assert batches == [(2, 1)]
    downloads.retry(first.id)
    await when(downloads, lambda: states(downloads) == [DONE] * 3)
    assert downloads.items()[0].reason == ""


async def test_cancel_stops_it_and_removes_its_parts_and_row(
    downloads: DownloadService, engine: FakeEngine, root: Path, library: LibraryService
) -> None:
    engine.hold(1)
    removed: list[int] = []
    downloads.removed.connect(removed.append)
    first, *_ = await downloads.add(TITLE)
    await engine.started(1).wait()
    downloads.cancel(first.id)
    await when(downloads, lambda: states(downloads) == [DONE, DONE])
    assert removed == [first.id]
    assert downloads.item_for(TITLE.id, 1) is None
    await until(lambda: not (root / ".parts" / "7-1-fhd").exists())  # cancel does not wait
    await until(lambda: episodes_on_disk(library) == [2.0, 3.0])  # the row, right after


async def test_delete_removes_the_file_and_delete_title_the_folder(
    downloads: DownloadService, library: LibraryService, root: Path
) -> None:
    first, *_ = await downloads.add(TITLE)
    await when(downloads, lambda: states(downloads) == [DONE] * 3)
    folder = downloads.folder_of(first.id)
    assert folder.parent == root and len(files_in(folder)) == 3
    await downloads.delete(first.id)
    assert not is_file(first.path) and len(files_in(folder)) == 2
    assert downloads.local_file(TITLE.id, 1) is None
    await downloads.delete_title(TITLE.id)
    assert not folder.exists() and downloads.items() == [] and await rows(library) == []


# ----- a full disk, a restart, another process -----


async def test_a_full_disk_stops_the_queue_until_a_retry(
    downloads: DownloadService, engine: FakeEngine
) -> None:
    batches: list[tuple[int, int]] = []
    downloads.batch_finished.connect(lambda done, failed: batches.append((done, failed)))
    engine.fail(1, DiskFull("Недостаточно места: нужно 1,2 ГБ"))
    first, *_ = await downloads.add(TITLE)
    await when(downloads, lambda: batches)
    assert states(downloads) == [FAILED, QUEUED, QUEUED]
    assert downloads.items()[0].reason == "Недостаточно места: нужно 1,2 ГБ"
    assert engine.calls == [] and batches == [(0, 1)]
    downloads.retry(first.id)
    await when(downloads, lambda: states(downloads) == [DONE] * 3)


async def test_adding_lifts_the_stop_for_a_full_disk(
    downloads: DownloadService, engine: FakeEngine
) -> None:
    engine.fail(1, DiskFull("Недостаточно места"))
    await downloads.add(TITLE, [1, 2])
    await when(downloads, lambda: states(downloads) == [FAILED, QUEUED])
    await downloads.add(TITLE, [3])
    await when(downloads, lambda: states(downloads) == [FAILED, DONE, DONE])


async def test_a_restart_resumes_the_queue(
    library: LibraryService, api: FakeApiService, settings: SettingsStore, tasks: TaskRunner,
    engine: FakeEngine, root: Path,
) -> None:  # fmt: skip
    first = make_service(library, api, settings, tasks, engine)
    first.start()
    engine.hold(1)
    await first.add(TITLE)
    await engine.started(1).wait()
    await first.shutdown()  # the app quits while episode 1 downloads
    assert [row.state for row in await rows(library)] == [QUEUED] * 3
    # A crash leaves "downloading" behind: that is queued again too.
    await library.downloads(lambda store: store.set_state(first.items()[1].id, DOWNLOADING))
    engine.hold(1).set()
    second = make_service(library, api, settings, tasks, engine)
    second.start()
    try:
        await when(second, lambda: states(second) == [DONE] * 3)
        assert engine.calls[1].resumed_from == 1
    finally:
        await second.shutdown()


async def test_an_episode_another_process_holds_is_tried_again_later(
    downloads: DownloadService, engine: FakeEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(downloads_module, "BUSY_RETRY_S", 0.2)
    engine.fail(1, AlreadyDownloading("Эту серию уже скачивает другой процесс"))
    await downloads.add(TITLE)
    await when(downloads, lambda: states(downloads) == [QUEUED, DONE, DONE])
    assert downloads.items()[0].reason == "Эту серию уже скачивает другой процесс"
    await when(downloads, lambda: states(downloads) == [DONE] * 3)
    assert engine.episodes() == [2.0, 3.0, 1.0] and downloads.items()[0].reason == ""


async def test_an_episode_the_other_process_finished_is_not_fetched_again(
    downloads: DownloadService, engine: FakeEngine, library: LibraryService, root: Path
) -> None:
    held = engine.hold(1)
    _, second, _ = await downloads.add(TITLE)
    await engine.started(1).wait()
    write(Path(second.path), b"done elsewhere")  # the shell finished episode 2
    await library.downloads(lambda store: store.set_state(second.id, DONE, size=14))
    held.set()
    await when(downloads, lambda: states(downloads) == [DONE] * 3)
    assert engine.episodes() == [1.0, 3.0]
    assert downloads.items()[1].size == 14


# ----- paths from the database -----


async def _row_at(library: LibraryService, path: Path, episode: float = 9) -> int:
    new = NewDownload(TITLE.id, TITLE.code, "Фрирен", episode, f"{episode:g}", "fhd", str(path))
    item, _ = await library.downloads(lambda store: store.add(new))
    await library.downloads(lambda store: store.set_state(item.id, DONE, size=5))
    return item.id


async def test_a_row_pointing_outside_the_download_dir_is_neither_played_nor_deleted(
    library: LibraryService, api: FakeApiService, settings: SettingsStore, tasks: TaskRunner,
    engine: FakeEngine, root: Path, tmp_path: Path,
) -> None:  # fmt: skip
    outside = write(tmp_path / "elsewhere" / "precious.mp4", b"keep me")
    write(root / "link.mp4", outside)
    escaping = str(root / "sub" / ".." / ".." / "elsewhere" / "precious.mp4")
    ids = [await _row_at(library, outside, 9), await _row_at(library, root / "link.mp4", 10),
           await _row_at(library, Path(escaping), 11)]  # fmt: skip
    service = make_service(library, api, settings, tasks, engine)
    service.start()
    try:
        await when(service, lambda: len(service.items()) == 3)
        for episode in (9, 10, 11):
            assert service.local_file(TITLE.id, episode) is None
            assert await service.playable(TITLE.id, episode) is None
        assert service.folder_of(ids[0]) == root
        for item_id in ids:
            await service.delete(item_id)
        assert outside.read_bytes() == b"keep me"
        assert service.items() == [] and await rows(library) == []
    finally:
        await service.shutdown()


async def test_a_directory_where_the_file_should_be_is_not_played(
    downloads: DownloadService, library: LibraryService, root: Path
) -> None:
    (root / "folder.mp4").mkdir(parents=True)
    await _row_at(library, root / "folder.mp4", 12)
    fresh = await library.downloads(lambda store: store.get(TITLE.id, 12))
    assert fresh is not None and fresh.state is DONE
    assert downloads.files.playable(fresh) is None


# ----- new episodes of favourites -----


async def test_new_episodes_of_favourites_are_queued_when_the_setting_is_on(
    downloads: DownloadService, library: LibraryService, settings: SettingsStore,
    tasks: TaskRunner,
) -> None:  # fmt: skip
    other = Title(id=8, code="other", names=Names(ru="Другой"), player=TITLE.player)
    auto = AutoDownloads(settings, library, FakeTitles(TITLE, other), lambda: downloads, tasks)

    def announce(title: Title, episode: float, reupload: bool = False) -> None:
        auto.offer(PlaylistUpdated(f"{title.id}-{episode}", title.id, episode, title.player,
                                   reupload=reupload))  # fmt: skip

    await library.set_favourite(TITLE, True)
    announce(TITLE, 3)  # the setting is off
    settings.set("auto_download_favourites", True)
    announce(other, 3)  # not a favourite
    announce(TITLE, 2, reupload=True)  # not new
    announce(TITLE, 3)
    await when(downloads, lambda: states(downloads) == [DONE])
    assert [(item.title_id, item.episode) for item in downloads.items()] == [(7, 3.0)]
