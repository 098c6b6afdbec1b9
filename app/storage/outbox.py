"""The account's outbox: every change made while signed in is written to its local table and to
`outbox` in one transaction, so a crash at any moment either keeps both or neither. A row leaves
the outbox only once the server accepted it.

Every operation is set-like (favourite on/off, a title's list set or cleared): sending a row twice,
as after a crash between the server's answer and the row's deletion, changes nothing; and only
the last pending change for a (kind, release) matters, so a new one replaces the older ones."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from app.core import Title
from app.storage import machine_favourites as machine
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
            if account is not None:  # a star signed in is the account's: the machine's move apart
                machine.take_for(sql, account)
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

    def apply_pull(self, account: str, favourites: set[int], lists: dict[int, str]) -> PullResult:
        """Makes the local tables the server's state with the still-pending rows applied on top
        (a change made here wins until it is sent). One transaction: the pending rows read are
        exactly those present when the tables are written. The machine's own favourites move
        apart before the account's first take their place."""
        with self.db.transaction() as sql:
            pending = [
                OutboxRow(*row)
                for row in sql.execute(
                    f"SELECT {_ROW} FROM outbox WHERE account = ? ORDER BY id", (account,)
                )
            ]
            wanted = set(favourites)
            machine.take_for(sql, account)
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
        return PullResult(wanted, added, removed, changed)

    # ----- this machine's favourites and the account -----

    def machine_favourite_ids(self) -> set[int]:
        return machine.machine_ids(self.db)

    def machine_favourites_back(self) -> bool:
        """Nobody is signed in: `favourites` is the machine's own again (False: it was)."""
        with self.db.transaction() as sql:
            return machine.give_back(sql)

    def missing_from_account(
        self, account: str, account_favourites: set[int], refused: frozenset[int] = frozenset()
    ) -> list[int]:
        """The machine's favourites the account lacks (minus those refused for good, and those
        the viewer starred or unstarred since signing in: that change stands)."""
        return _missing(self.db, account, account_favourites, refused)

    def merge_question(
        self, account: str, account_favourites: set[int], refused: frozenset[int] = frozenset()
    ) -> int:
        """How many machine favourites to ask the viewer about adding to the account: 0 once
        answered, or when the account has them all (then recorded: never asked)."""
        with self.db.transaction() as sql:
            if machine.decided(sql, account):
                return 0
            missing = _missing(sql, account, account_favourites, refused)
            if not missing:
                machine.record(sql, account, None)
            return len(missing)

    def settle_merge(
        self, account: str, merge: bool, account_favourites: set[int],
        refused: frozenset[int] = frozenset(),
    ) -> list[int]:  # fmt: skip
        """Records the viewer's answer. Yes: the machine's favourites the account lacks are
        queued for it as ordinary outbox rows, and shown at once. Returns those queued."""
        with self.db.transaction() as sql:
            extra = _missing(sql, account, account_favourites, refused) if merge else []
            for release_id in extra:
                enqueue(sql, account, FAVOURITE, release_id, ADD)
            machine.show_in_favourites(sql, account, extra)
            machine.record(sql, account, merge)
        return extra


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


def _missing(
    sql: Any, account: str, account_favourites: set[int], refused: frozenset[int]
) -> list[int]:
    touched = {
        row[0]
        for row in sql.execute(
            "SELECT release_id FROM outbox WHERE account = ? AND kind = ?", (account, FAVOURITE)
        )
    }
    return sorted(machine.machine_ids(sql) - account_favourites - touched - refused)


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
