"""Opening the library's SQLite file: WAL, migrations, and recovery from a corrupt file.

One `Database` is one connection; it belongs to the thread that uses it (the library service runs
every call on its own worker thread, never on the UI thread).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.storage.migrations import LATEST, MIGRATIONS

log = logging.getLogger(__name__)
BUSY_TIMEOUT_S = 10.0


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer Libria; opening it would risk the user's data."""


@dataclass(frozen=True)
class OpenResult:
    database: Database
    moved_aside: Path | None  # where a corrupt file went, when one was found


class Database:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT: the write lock is taken up front, so a transaction
        never fails half-way on a lock another connection holds."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def execute(self, sql: str, parameters: tuple[object, ...] = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, parameters)

    @property
    def version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self.connection.close()


def connect(path: Path) -> Database:
    """Opens (creating if needed) and migrates; raises sqlite3.DatabaseError for a bad file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: transactions are explicit (see Database.transaction).
    connection = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode survives any crash of the process; only a power cut can lose the
        # last commits, never corrupt the file.
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA foreign_keys=ON")
        status = connection.execute("PRAGMA quick_check").fetchone()[0]
        if status != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {status}")
        database = Database(connection, path)
        migrate(database)
    except BaseException:
        connection.close()
        raise
    return database


def migrate(database: Database) -> None:
    current = database.version
    if current > LATEST:
        raise SchemaTooNewError(
            f"{database.path} has schema {current}; this Libria knows up to {LATEST}"
        )
    for version in range(current + 1, LATEST + 1):
        with database.transaction() as connection:
            for statement in _statements(MIGRATIONS[version - 1]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version}")
        log.info("library schema migrated to %d", version)


def _statements(script: str) -> list[str]:
    # executescript() would COMMIT on its own; running statements one by one keeps a migration
    # step inside its transaction, so a step is applied whole or not at all.
    return [part.strip() for part in script.split(";") if part.strip()]


def open_database(path: Path) -> OpenResult:
    """Opens the library; a file SQLite cannot read is moved aside and a fresh one started."""
    try:
        return OpenResult(connect(path), None)
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
            raise
        log.error("library database %s is unreadable (%s): moving it aside", path, error)
    aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.replace(aside.with_name(aside.name + suffix))
    return OpenResult(connect(path), aside)


def may_hold(path: Path, query: str, parameters: tuple[object, ...]) -> bool:
    """Whether the database at `path` may have a row for `query`: False only when it surely
    has not (no file, no row). Read-only (SQLite may add the -wal and -shm files a WAL
    database reads through, as the library's own open does) and without waiting on a writer,
    for a start that decides what to load ahead; whatever it cannot look at may hold anything."""
    try:
        if not path.is_file():
            return False
        uri = f"{path.absolute().as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=0.05)) as database:
            return database.execute(query, parameters).fetchone() is not None
    except (sqlite3.Error, OSError, ValueError):  # no search rights, a name too long, ...
        return True
