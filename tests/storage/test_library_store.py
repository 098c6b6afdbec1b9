"""Favourites, progress, history and offline copies as the store keeps them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core import Episode, Names, Player, ScheduleDay, Title
from app.storage.database import connect
from app.storage.legacy import import_progress_file
from app.storage.library import LibraryStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LibraryStore]:
    store = LibraryStore(connect(tmp_path / "library.sqlite3"))
    yield store
    store.db.close()


def full_title(title_id: int, episodes: int) -> Title:
    player = Player(episodes=tuple(Episode(number=float(n)) for n in range(1, episodes + 1)))
    return Title(
        id=title_id, code=f"t{title_id}", names=Names(ru=f"Тайтл {title_id}"), player=player
    )


def test_positions_and_watched_marks(store: LibraryStore) -> None:
    store.record(9003, 1, 14.0, 30.0, updated=1.0)
    store.record(9003, 2, 28.0, 30.0, updated=2.0)  # past 90 %: watched
    first = store.get(9003, 1)
    assert first is not None and first.position == 14.0 and not first.watched
    assert store.watched(9003) == {2.0}
    store.record(9003, 2, 3.0, 30.0, updated=3.0)  # watching it again keeps the mark
    assert store.watched(9003) == {2.0}
    again = store.get(9003, 2)
    assert again is not None and again.position == 3.0


def test_history_is_newest_first_and_entries_can_be_forgotten(store: LibraryStore) -> None:
    store.record(1, 1, 10.0, 100.0, updated=10.0)
    store.record(2, 5, 10.0, 100.0, updated=30.0)
    store.record(1, 2, 10.0, 100.0, updated=20.0)
    assert [(p.title_id, p.episode) for p in store.history()] == [(2, 5), (1, 2), (1, 1)]
    assert [(p.title_id, p.episode) for p in store.latest_per_title()] == [(2, 5), (1, 2)]
    store.forget(1, 2)
    assert [(p.title_id, p.episode) for p in store.latest_per_title()] == [(2, 5), (1, 1)]
    store.forget_all()
    assert store.history() == []


def test_favourites_keep_the_richest_copy_of_a_title(store: LibraryStore) -> None:
    store.put_title(full_title(7, 3))
    store.add_favourite(Title(id=7, code="t7"))  # a grid card: no episodes
    store.add_favourite(Title(id=8, code="t8", names=Names(ru="Восемь")), added=5.0)
    titles = {t.id: t for t in store.favourite_titles()}
    assert len(titles[7].player.episodes) == 3
    assert titles[8].names.ru == "Восемь"
    store.remove_favourite(7)
    assert store.favourite_ids() == {8}


def test_pages_round_trip_and_a_stale_shape_reads_as_absent(store: LibraryStore) -> None:
    days = [ScheduleDay(day=0, titles=(full_title(1, 2),))]
    store.put_page("schedule", days)
    cached = store.page("schedule", list[ScheduleDay])
    assert cached is not None and cached.value == days and cached.fetched > 0
    assert store.page("schedule", list[int]) is None
    assert store.page("missing", list[Title]) is None


def test_the_poster_index_trims_the_oldest_beyond_the_limit(store: LibraryStore) -> None:
    for n in range(10):
        store.poster_stored(f"{n}.img", f"https://x/{n}.jpg", 100)
    evicted = store.posters_over(450)
    assert len(evicted) == 6 and "9.img" not in evicted
    assert store.posters_over(450) == []


def test_the_old_progress_file_is_imported_once(tmp_path: Path, store: LibraryStore) -> None:
    legacy = tmp_path / "progress.json"
    legacy.write_text(
        '{"9003:1": {"position": 14.0, "duration": 30.0, "watched": false, "updated": 5.0},'
        ' "9003:2": {"position": 28.0, "duration": 30.0, "watched": true, "updated": 6.0},'
        ' "bad": 3, "9004:x": {"position": 1}}'
    )
    assert import_progress_file(store, legacy) == 2
    assert not legacy.exists() and (tmp_path / "progress.json.imported").exists()
    first = store.get(9003, 1)
    assert first is not None and first.position == 14.0 and first.updated == 5.0
    assert store.watched(9003) == {2.0}


def test_a_start_can_tell_a_title_is_surely_not_kept_without_opening_the_library(
    tmp_path: Path, store: LibraryStore
) -> None:
    path = tmp_path / "library.sqlite3"
    store.put_title(full_title(7, 3))
    store.put_brief(full_title(9, 0))  # a grid card's copy: no episodes to play
    assert LibraryStore.may_keep(path, "t7")  # while the library is open in another connection
    assert not LibraryStore.may_keep(path, "t8")
    assert not LibraryStore.may_keep(path, "t9")
    assert not LibraryStore.may_keep(tmp_path / "no library yet.sqlite3", "t7")
    assert not (tmp_path / "no library yet.sqlite3").exists()  # looked at, not made


def test_a_library_that_cannot_be_read_may_keep_anything(tmp_path: Path) -> None:
    unreadable = tmp_path / "library.sqlite3"
    unreadable.write_bytes(b"not a database" * 100)
    assert LibraryStore.may_keep(unreadable, "t7")
    assert unreadable.read_bytes() == b"not a database" * 100
    empty = tmp_path / "empty.sqlite3"
    empty.touch()  # the library's own open would make its tables here: a look makes nothing
    assert LibraryStore.may_keep(empty, "t7")
    assert empty.read_bytes() == b""
    folder = tmp_path / "a folder"
    folder.mkdir()
    assert not LibraryStore.may_keep(folder, "t7")
    too_long = tmp_path / ("x" * 300) / "library.sqlite3"  # the look itself fails (ENAMETOOLONG)
    assert LibraryStore.may_keep(too_long, "t7")


def test_the_look_ahead_reads_a_library_named_relative_to_the_working_folder(
    tmp_path: Path, store: LibraryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.put_title(full_title(7, 3))
    monkeypatch.chdir(tmp_path)
    relative = Path("library.sqlite3")
    assert [LibraryStore.may_keep(relative, "t7"), LibraryStore.may_keep(relative, "t8")] == [
        True,
        False,
    ]


def test_the_look_ahead_reads_a_library_whose_folder_name_is_odd(tmp_path: Path) -> None:
    path = tmp_path / "Мой профиль #1? 100% mode=rw" / "library.sqlite3"
    odd = LibraryStore(connect(path))
    odd.put_title(full_title(7, 3))
    odd.db.close()
    assert [LibraryStore.may_keep(path, "t7"), LibraryStore.may_keep(path, "t8")] == [True, False]
