"""Opening the library: migrations from nothing and from an older schema, a corrupt file, a
file from a newer release, readers alongside a writer."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from app.core import Title
from app.storage.database import SchemaTooNewError, connect, open_database
from app.storage.library import LibraryStore
from app.storage.migrations import LATEST, MIGRATIONS


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in rows}


def test_an_empty_directory_gets_the_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "library.sqlite3"
    database = connect(path)
    assert database.version == LATEST
    assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    database.close()
    assert {"favourites", "progress", "titles", "pages", "posters"} <= tables(path)


def test_an_older_schema_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with sqlite3.connect(path) as old:  # what the first release wrote
        old.executescript(MIGRATIONS[0])
        old.execute("INSERT INTO favourites VALUES (9001, 'first', 100.0)")
        old.execute("INSERT INTO progress VALUES (9001, 2, 300.5, 1400, 0, 200.0)")
        old.execute("PRAGMA user_version = 1")
    assert "titles" not in tables(path)
    database = connect(path)
    store = LibraryStore(database)
    assert database.version == LATEST
    assert store.favourite_ids() == {9001}
    saved = store.get(9001, 2)
    assert saved is not None and saved.position == 300.5 and saved.updated == 200.0
    store.put_title(Title(id=9001, code="first"))  # the new tables work
    cached = store.title(code="first")
    assert cached is not None and cached.value.id == 9001
    database.close()


def test_a_library_from_before_the_machines_favourites_were_kept_apart(tmp_path: Path) -> None:
    """Its favourites count as this machine's; an account synced then had them added silently,
    which counts as its answer (it is not asked again)."""
    from app.storage.outbox import OutboxStore

    path = tmp_path / "library.sqlite3"
    with sqlite3.connect(path) as old:
        for step in MIGRATIONS[:5]:
            old.executescript(step)
        old.execute("INSERT INTO favourites VALUES (9001, 'first', 100.0)")
        old.execute("INSERT INTO account_synced VALUES ('https://synced.example', 50.0)")
        old.execute("PRAGMA user_version = 5")
    database = connect(path)
    outbox = OutboxStore(LibraryStore(database))
    assert outbox.machine_favourite_ids() == {9001}
    assert outbox.merge_question("https://synced.example", set()) == 0  # answered: yes
    assert outbox.merge_question("https://new.example", set()) == 1
    assert not outbox.machine_favourites_back()  # they are the machine's already
    database.close()


def test_a_failed_migration_step_leaves_the_old_version(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript(MIGRATIONS[0])
        old.execute("CREATE TABLE titles (clash INTEGER)")  # step 2 will fail on this
        old.execute("PRAGMA user_version = 1")
    with pytest.raises(sqlite3.OperationalError):
        connect(path)
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "pages" not in {r[0] for r in check.execute("SELECT name FROM sqlite_master")}


def test_a_corrupt_file_is_moved_aside_and_a_fresh_one_started(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"this is not a database" * 200)
    opened = open_database(path)
    assert opened.moved_aside is not None
    assert opened.moved_aside.read_bytes().startswith(b"this is not a database")
    assert opened.database.version == LATEST
    LibraryStore(opened.database).record(1, 1, 10.0, 100.0)
    opened.database.close()
    reopened = open_database(path)
    assert reopened.moved_aside is None
    assert LibraryStore(reopened.database).get(1, 1) is not None
    reopened.database.close()


def test_a_database_with_damaged_pages_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    database = connect(path)
    store = LibraryStore(database)
    for n in range(2000):
        store.put_page(f"k{n}", list(range(50)))
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    data = bytearray(path.read_bytes())
    data[8192:16384] = b"\xff" * 8192  # scribble over a few pages after the header
    path.write_bytes(bytes(data))
    opened = open_database(path)
    assert opened.moved_aside is not None
    opened.database.close()


def test_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with sqlite3.connect(path) as newer:
        newer.execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(SchemaTooNewError):
        open_database(path)
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == LATEST + 1


def test_readers_see_whole_transactions_while_a_writer_writes(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    writer = LibraryStore(connect(path))
    stop = threading.Event()
    failures: list[str] = []
    reads = [0]

    def write() -> None:
        for n in range(400):
            with writer.db.transaction() as sql:  # two rows that must always appear together
                sql.execute("INSERT INTO progress VALUES (?, 1, 0, 0, 0, ?)", (n, float(n)))
                sql.execute("INSERT INTO progress VALUES (?, 2, 0, 0, 0, ?)", (n, float(n)))
        stop.set()

    def read() -> None:
        reader = LibraryStore(connect(path))
        while not stop.is_set():
            rows = reader.all_progress()
            reads[0] += 1
            if len(rows) % 2:
                failures.append(f"saw half a transaction: {len(rows)} rows")
        reader.db.close()

    threads = [threading.Thread(target=read) for _ in range(3)] + [threading.Thread(target=write)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    writer.db.close()
    assert not failures
    assert reads[0] > 10  # the readers really ran while the writer wrote
