"""The account's outbox: every change made while signed in is written to its local table and to
`outbox` in one transaction, so a crash at any moment either keeps both or neither. A row leaves
the outbox only once the server accepted it.

Every operation is set-like (favourite on/off, a title's list set or cleared): sending a row twice,
as after a crash between the server's answer and the row's deletion, changes nothing; and only
the last pending change for a (kind, release) matters, so a new one replaces the older ones."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from app.core import Title
from app.storage.library import LibraryStore

FAVOURITE = "favourite"  # value: ADD or REMOVE
LIST = "list"  # value: the collection's name, or "" for none
ADD = "add"
REMOVE = "remove"


@dataclass(frozen=True)
class OutboxRow:
    id: int
    account: str
    kind: str
    release_id: int
    value: str
    created: float
    item: str = ""  # a timecode's episode id; "" for the other kinds


@dataclass(frozen=True)
class ListEntry:
    release_id: int
    collection: str
    added: float


@dataclass(frozen=True)
class PullResult:
    favourites: set[int]  # the favourites here now (the account's plus what is pending)
    favourites_added: int
    favourites_removed: int
    lists_changed: int
    enqueued: int  # local favourites a first sync queued for the account


_ROW = "id, account, kind, release_id, value, created, item"


class OutboxStore:
    """Plain synchronous calls over the library's connection (run on its worker thread)."""

    def __init__(self, library: LibraryStore) -> None:
        self.library = library
        self.db = library.db

    # ----- changes made here -----

    def set_favourite(self, account: str | None, title: Title, on: bool) -> None:
        """Local only when nobody is signed in (account None)."""
        with self.db.transaction() as sql:
            if on:
                self.library.add_favourite_in(sql, title)
            else:
                sql.execute("DELETE FROM favourites WHERE title_id = ?", (title.id,))
            if account is not None:
                enqueue(sql, account, FAVOURITE, title.id, ADD if on else REMOVE)

    def set_collection(self, account: str, release_id: int, collection: str | None) -> None:
        with self.db.transaction() as sql:
            _put_list(sql, account, release_id, collection or "", time.time())
            enqueue(sql, account, LIST, release_id, collection or "")

    # ----- the outbox -----

    def pending(self, account: str) -> list[OutboxRow]:
        """Oldest first."""
        rows = self.db.execute(
            f"SELECT {_ROW} FROM outbox WHERE account = ? ORDER BY id", (account,)
        )
        return [OutboxRow(*row) for row in rows]

    def done(self, *row_ids: int) -> None:
        """The server took the rows (or will never take them)."""
        with self.db.transaction() as sql:
            sql.executemany("DELETE FROM outbox WHERE id = ?", [(i,) for i in row_ids])

    def lists(self, account: str) -> list[ListEntry]:
        rows = self.db.execute(
            "SELECT release_id, collection, added FROM account_lists WHERE account = ? "
            "ORDER BY added DESC, release_id DESC",
            (account,),
        )
        return [ListEntry(*row) for row in rows]

    # ----- what the server has -----

    def apply_pull(
        self,
        account: str,
        favourites: set[int],
        lists: dict[int, str],
        refused: frozenset[int] = frozenset(),
    ) -> PullResult:
        """Makes the local tables the server's state with the still-pending rows applied on top
        (a change made here wins until it is sent). One transaction: the pending rows read are
        exactly those present when the tables are written. `refused`: releases the server just
        refused for good, which a first sync does not offer it again."""
        with self.db.transaction() as sql:
            pending = [
                OutboxRow(*row)
                for row in sql.execute(
                    f"SELECT {_ROW} FROM outbox WHERE account = ? ORDER BY id", (account,)
                )
            ]
            wanted, enqueued = set(favourites), 0
            if _first_sync(sql, account):
                enqueued = _merge_local_favourites(sql, account, wanted, pending, refused)
            for row in pending:
                if row.kind == FAVOURITE:
                    (wanted.add if row.value == ADD else wanted.discard)(row.release_id)
            added, removed = _write_favourites(sql, wanted)
            lists_wanted = dict(lists)
            for row in pending:
                if row.kind == LIST and row.value:
                    lists_wanted[row.release_id] = row.value
                elif row.kind == LIST:
                    lists_wanted.pop(row.release_id, None)
            changed = _write_lists(sql, account, lists_wanted)
            sql.execute(
                "INSERT OR REPLACE INTO account_synced (account, at) VALUES (?, ?)",
                (account, time.time()),
            )
        return PullResult(wanted, added, removed, changed, enqueued)


def enqueue(sql: Any, account: str, kind: str, release_id: int, value: str, item: str = "") -> None:
    """Set-like: the older pending changes of this (kind, release), or of this (kind, item)
    when the row names an item (a timecode's episode), no longer matter."""
    column, key = ("item", item) if item else ("release_id", release_id)
    sql.execute(
        f"DELETE FROM outbox WHERE account = ? AND kind = ? AND {column} = ?", (account, kind, key)
    )
    sql.execute(
        "INSERT INTO outbox (account, kind, release_id, value, created, item) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (account, kind, release_id, value, time.time(), item),
    )


def _put_list(sql: Any, account: str, release_id: int, collection: str, now: float) -> None:
    if not collection:
        sql.execute(
            "DELETE FROM account_lists WHERE account = ? AND release_id = ?", (account, release_id)
        )
        return
    # `added` moves only when the title moves to another list (newest first within a list).
    sql.execute(
        "INSERT INTO account_lists (account, release_id, collection, added) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (account, release_id) DO UPDATE SET collection = excluded.collection, "
        "added = CASE WHEN collection = excluded.collection THEN added ELSE excluded.added END",
        (account, release_id, collection, now),
    )


def _first_sync(sql: sqlite3.Connection, account: str) -> bool:
    found = sql.execute("SELECT 1 FROM account_synced WHERE account = ?", (account,)).fetchone()
    return found is None


def _merge_local_favourites(
    sql: Any, account: str, wanted: set[int], pending: list[OutboxRow], refused: frozenset[int]
) -> int:
    """The first time an account syncs here, favourites starred before signing in join it
    rather than vanish; they go to the server as ordinary outbox rows."""
    touched = {row.release_id for row in pending if row.kind == FAVOURITE}
    local = {row[0] for row in sql.execute("SELECT title_id FROM favourites")}
    extra = sorted(local - wanted - touched - refused)
    for release_id in extra:
        enqueue(sql, account, FAVOURITE, release_id, ADD)
    wanted.update(extra)
    return len(extra)


def _write_favourites(sql: Any, wanted: set[int]) -> tuple[int, int]:
    local = {row[0] for row in sql.execute("SELECT title_id FROM favourites")}
    added, removed = wanted - local, local - wanted
    now = time.time()
    for release_id in sorted(added):
        known = sql.execute("SELECT code FROM titles WHERE title_id = ?", (release_id,)).fetchone()
        sql.execute(
            "INSERT INTO favourites (title_id, code, added) VALUES (?, ?, ?)",
            (release_id, known[0] if known else "", now),
        )
    sql.executemany("DELETE FROM favourites WHERE title_id = ?", [(i,) for i in removed])
    return len(added), len(removed)


def _write_lists(sql: Any, account: str, wanted: dict[int, str]) -> int:
    here = dict(
        sql.execute(
            "SELECT release_id, collection FROM account_lists WHERE account = ?", (account,)
        ).fetchall()
    )
    changed = {i for i in here.keys() | wanted.keys() if here.get(i) != wanted.get(i)}
    now = time.time()
    for release_id in sorted(changed):
        _put_list(sql, account, release_id, wanted.get(release_id, ""), now)
    return len(changed)
