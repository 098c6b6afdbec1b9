"""Watch progress on disk: resume positions, watched marks, concurrent saves, bad files."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from app.storage.progress import ProgressStore


def test_positions_and_watched_marks_survive_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    store.record(9003, 1, 14.0, 30.0)
    store.record(9003, 2, 28.0, 30.0)  # past 90 %: watched
    again = ProgressStore(path)
    first = again.get(9003, 1)
    assert first is not None and first.position == 14.0 and not first.watched
    assert again.watched(9003) == {2.0}
    again.record(9003, 2, 3.0, 30.0)  # watching it again keeps the mark
    assert ProgressStore(path).watched(9003) == {2.0}


def test_concurrent_saves_keep_every_episode(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.json")
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: store.record(1, n, float(n), 100.0), range(1, 41)))
    reread = ProgressStore(tmp_path / "progress.json")
    assert all(reread.get(1, n) is not None for n in range(1, 41))


def test_a_corrupt_file_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_text("{not json")
    store = ProgressStore(path)
    assert store.get(1, 1) is None
    store.record(1, 1, 5.0, 10.0)
    assert ProgressStore(path).get(1, 1) is not None
