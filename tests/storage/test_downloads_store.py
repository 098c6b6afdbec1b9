"""The downloads table on a real SQLite file: queuing without duplicates, states, a title's rows,
and a library export/import that leaves downloads where they are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core import Names, Title
from app.core.download import DownloadState
from app.storage.database import connect
from app.storage.downloads import DownloadStore, NewDownload
from app.storage.library import LibraryStore
from app.storage.transfer import export_json, import_json


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DownloadStore]:
    database = connect(tmp_path / "library.sqlite3")
    yield DownloadStore(database)
    database.close()


def episode(tmp_path: Path, number: float, title_id: int = 5, quality: str = "fhd") -> NewDownload:
    path = tmp_path / "videos" / f"Пять [{title_id}]" / f"{number:g} [{quality}].mp4"
    return NewDownload(title_id, "five", "Пять", number, f"{number:g}", quality, str(path))


def test_episodes_are_queued_oldest_first(tmp_path: Path, store: DownloadStore) -> None:
    second, queued = store.add(episode(tmp_path, 2), created=20.0)
    first, _ = store.add(episode(tmp_path, 1), created=10.0)
    assert queued
    store.add(episode(tmp_path, 1, title_id=6), created=30.0)
    assert [item.id for item in store.all()[:2]] == [first.id, second.id]
    assert first.state is DownloadState.QUEUED and first.reason == "" and first.size == 0
    assert store.get(5, 2) == second and store.by_id(second.id) == second
    assert [item.episode for item in store.of_title(5)] == [1.0, 2.0]
    assert store.get(5, 3) is None and store.by_id(999) is None


def test_adding_again_never_duplicates(tmp_path: Path, store: DownloadStore) -> None:
    item, _ = store.add(episode(tmp_path, 1))
    assert store.add(episode(tmp_path, 1, quality="sd")) == (item, False)  # left as it is
    store.set_state(item.id, DownloadState.FAILED, "Сервер не ответил", size=100)
    again, queued = store.add(episode(tmp_path, 1, quality="sd"))
    assert queued and again.state is DownloadState.QUEUED and again.reason == ""
    assert again.quality == "fhd" and again.size == 100  # the parts on disk still fit
    store.set_state(item.id, DownloadState.PAUSED)
    moved, _ = store.add(episode(tmp_path / "elsewhere", 1))  # the download folder changed
    assert moved.state is DownloadState.QUEUED and moved.path.startswith(str(tmp_path / "else"))
    assert len(store.all()) == 1


def test_a_finished_episode_is_left_while_its_file_exists(
    tmp_path: Path, store: DownloadStore
) -> None:
    item, _ = store.add(episode(tmp_path, 1))
    done = store.set_state(item.id, DownloadState.DONE, size=1234)
    assert done is not None and done.finished > 0 and done.size == 1234
    Path(item.path).parent.mkdir(parents=True)
    Path(item.path).write_bytes(b"video")
    assert store.add(episode(tmp_path, 1, quality="hd")) == (done, False)
    Path(item.path).unlink()  # the viewer deleted the file: it is fetched again, as asked now
    again, queued = store.add(episode(tmp_path, 1, quality="hd"))
    assert queued and again.state is DownloadState.QUEUED and again.quality == "hd"
    assert again.path.endswith("[hd].mp4") and again.finished == 0 and again.size == 0


def test_states_and_deletion(tmp_path: Path, store: DownloadStore) -> None:
    (first, _), (second, _) = store.add(episode(tmp_path, 1)), store.add(episode(tmp_path, 2))
    store.set_state(first.id, DownloadState.DOWNLOADING)
    assert store.get(5, 1).state is DownloadState.DOWNLOADING  # type: ignore[union-attr]
    store.delete(first.id, second.id)
    assert store.all() == []
    assert store.set_state(first.id, DownloadState.DONE) is None  # gone meanwhile


def test_a_state_written_by_a_newer_version_is_a_failure(
    tmp_path: Path, store: DownloadStore
) -> None:
    item, _ = store.add(episode(tmp_path, 1))
    store.db.execute("UPDATE downloads SET state = 'seeding' WHERE id = ?", (item.id,))
    read = store.by_id(item.id)
    assert read is not None and read.state is DownloadState.FAILED and "seeding" in read.reason


def test_export_and_import_leave_downloads_alone(tmp_path: Path) -> None:
    old_db, new_db = connect(tmp_path / "old.sqlite3"), connect(tmp_path / "new.sqlite3")
    try:
        old, new = LibraryStore(old_db), LibraryStore(new_db)
        old.add_favourite(Title(id=5, code="five", names=Names(ru="Пять")), added=50.0)
        old.record(5, 1, 1000.0, 1000.0, updated=60.0)
        DownloadStore(old_db).add(episode(tmp_path, 1))
        ours, _ = DownloadStore(new_db).add(episode(tmp_path / "here", 2))
        exported = export_json(old)
        assert "downloads" not in exported and "videos" not in exported
        import_json(new, exported)
        assert new.favourite_ids() == {5}
        assert DownloadStore(new_db).all() == [ours]
        assert len(DownloadStore(old_db).all()) == 1
    finally:
        old_db.close()
        new_db.close()


def test_a_finished_row_stays_finished(tmp_path: Path, store: DownloadStore) -> None:
    item, _ = store.add(episode(tmp_path, 1))
    done = store.set_state(item.id, DownloadState.DONE, size=1234)
    assert done is not None
    for late in (DownloadState.PAUSED, DownloadState.QUEUED, DownloadState.DOWNLOADING):
        assert store.set_state(item.id, late, size=0) == done  # a pause or requeue that crossed it
    assert store.by_id(item.id) == done
    again = store.set_state(item.id, DownloadState.DONE, size=2000, finished=done.finished + 1)
    assert again is not None and again.size == 2000  # recorded done again: the newer figures


def test_a_finished_row_whose_file_is_gone_is_reopened(
    tmp_path: Path, store: DownloadStore
) -> None:
    (done, _), (kept, _) = store.add(episode(tmp_path, 1)), store.add(episode(tmp_path, 2))
    finished = store.set_state(done.id, DownloadState.DONE, size=1234)
    assert finished is not None
    assert store.reopen(done.id, finished.finished + 1) == finished  # finished again since: kept
    again = store.reopen(done.id, finished.finished)
    assert again is not None and again.state is DownloadState.QUEUED
    assert again.size == 0 and again.finished == 0 and store.by_id(done.id) == again
    there = store.set_state(kept.id, DownloadState.DONE, size=50)
    assert there is not None
    Path(kept.path).parent.mkdir(parents=True)
    Path(kept.path).write_bytes(b"video")
    assert store.reopen(kept.id, there.finished) == there  # its file is there: it stays done
    store.delete(kept.id)
    assert store.reopen(kept.id, there.finished) is None
