"""Export and import: a library moves to another machine, and importing never loses newer data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core import Names, Title
from app.core.transfer import ImportFormatError
from app.storage.database import connect
from app.storage.library import LibraryStore
from app.storage.transfer import export_json, import_json


def new_store(path: Path) -> LibraryStore:
    return LibraryStore(connect(path))


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[LibraryStore, LibraryStore]]:
    old, new = new_store(tmp_path / "old.sqlite3"), new_store(tmp_path / "new.sqlite3")
    yield old, new
    old.db.close()
    new.db.close()


def test_a_library_moves_to_an_empty_machine(stores: tuple[LibraryStore, LibraryStore]) -> None:
    old, new = stores
    old.add_favourite(Title(id=5, code="five", names=Names(ru="Пять")), added=50.0)
    old.record(5, 1, 1000.0, 1000.0, updated=60.0)
    old.record(5, 2, 321.5, 1400.0, updated=70.0)
    summary = import_json(new, export_json(old))
    assert summary.favourites_added == 1 and summary.progress_updated == 2
    assert new.favourite_ids() == {5}
    assert new.favourite_titles()[0].names.ru == "Пять"
    second = new.get(5, 2)
    assert second is not None and second.position == 321.5 and second.updated == 70.0
    assert new.watched(5) == {1.0}


def test_import_never_drops_newer_progress(stores: tuple[LibraryStore, LibraryStore]) -> None:
    theirs, ours = stores
    theirs.record(1, 1, 100.0, 1000.0, updated=10.0)  # older than ours
    theirs.record(1, 2, 900.0, 1000.0, updated=50.0)  # newer than ours, and watched
    theirs.record(1, 3, 10.0, 1000.0, updated=5.0)  # older than ours, not watched
    ours.record(1, 1, 500.0, 1000.0, updated=20.0)
    ours.record(1, 2, 200.0, 1000.0, updated=40.0)
    ours.record(1, 3, 950.0, 1000.0, updated=1.0)  # watched here, long ago
    summary = import_json(ours, export_json(theirs))
    first, second, third = (ours.get(1, n) for n in (1, 2, 3))
    assert first is not None and first.position == 500.0 and first.updated == 20.0
    assert second is not None and second.position == 900.0 and second.watched
    assert third is not None and third.position == 10.0 and third.watched  # the mark stays
    assert summary.progress_kept == 1 and summary.progress_updated == 2


def test_a_favourite_removed_here_is_not_dropped_or_duplicated(
    stores: tuple[LibraryStore, LibraryStore],
) -> None:
    theirs, ours = stores
    theirs.add_favourite(Title(id=1), added=1.0)
    theirs.add_favourite(Title(id=2), added=2.0)
    ours.add_favourite(Title(id=2), added=9.0)
    ours.add_favourite(Title(id=3), added=3.0)
    summary = import_json(ours, export_json(theirs))
    assert summary.favourites_added == 1
    assert ours.favourite_ids() == {1, 2, 3}
    assert {f.title_id: f.added for f in ours.favourite_list()}[2] == 9.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not JSON"),
        ("[]", "not a Libria library export"),
        ('{"format": "libria-library", "version": 99}', "newer Libria"),
        ('{"format": "libria-library", "version": 1, "progress": {}}', "'progress' is not a list"),
        (
            '{"format": "libria-library", "version": 1, "progress": [{"title_id": "1"}]}',
            "'title_id' must be a number",
        ),
        (
            '{"format": "libria-library", "version": 1, "progress": '
            '[{"title_id": 1, "episode": 1, "position": NaN}]}',
            "'position' must be a number",
        ),
        (
            '{"format": "libria-library", "version": 1, "favourites": [{"id": -4}]}',
            "must not be negative",
        ),
    ],
)
def test_a_wrong_file_is_refused_whole_with_a_reason(
    stores: tuple[LibraryStore, LibraryStore], text: str, message: str
) -> None:
    _, ours = stores
    ours.record(1, 1, 5.0, 10.0)
    with pytest.raises(ImportFormatError, match=message):
        import_json(ours, text)
    assert len(ours.all_progress()) == 1 and not ours.favourite_ids()


def test_export_is_readable_json_with_names(stores: tuple[LibraryStore, LibraryStore]) -> None:
    old, _ = stores
    old.add_favourite(Title(id=5, code="five", names=Names(ru="Пять <b>")))
    document = json.loads(export_json(old))
    assert document["format"] == "libria-library"
    assert document["favourites"][0]["name"] == "Пять <b>"
