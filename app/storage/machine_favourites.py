"""This machine's own favourites while an account is signed in.

`favourites` holds what the star and the favourites page show: this machine's favourites while
nobody is signed in, the account's once a sync wrote them. Before the account's first write, the
machine's are copied to `machine_favourites` (same transaction), and at sign-out they go back, so
nothing starred here before signing in is ever lost, whatever the viewer answered about adding
them to the account. `favourites_owner` says whose `favourites` holds now ('' = this machine's).

Plain functions over a connection inside the caller's transaction."""

from __future__ import annotations

import time
from typing import Any

MACHINE = ""  # the owner while `favourites` holds this machine's own favourites


def owner(sql: Any) -> str:
    found = sql.execute("SELECT account FROM favourites_owner WHERE only = 0").fetchone()
    return str(found[0]) if found else MACHINE


def take_for(sql: Any, account: str) -> None:
    """`account`'s favourites are about to be written into `favourites`: the machine's, when
    they are what it holds, move apart first. Another account's are simply replaced."""
    if owner(sql) == account:
        return
    if owner(sql) == MACHINE:
        sql.execute("DELETE FROM machine_favourites")
        sql.execute(
            "INSERT INTO machine_favourites (title_id, code, added) "
            "SELECT title_id, code, added FROM favourites"
        )
    _set_owner(sql, account)


def give_back(sql: Any) -> bool:
    """Nobody is signed in: the machine's favourites are `favourites` again. False when they
    already were."""
    if owner(sql) == MACHINE:
        return False
    sql.execute("DELETE FROM favourites")
    sql.execute(
        "INSERT INTO favourites (title_id, code, added) "
        "SELECT title_id, code, added FROM machine_favourites"
    )
    sql.execute("DELETE FROM machine_favourites")
    _set_owner(sql, MACHINE)
    return True


def machine_ids(sql: Any) -> set[int]:
    """This machine's own favourites, wherever they are kept now."""
    table = "favourites" if owner(sql) == MACHINE else "machine_favourites"
    return {row[0] for row in sql.execute(f"SELECT title_id FROM {table}")}


def show_in_favourites(sql: Any, account: str, release_ids: list[int]) -> None:
    """Machine favourites just added to `account` show at once when its favourites are shown."""
    if owner(sql) != account:
        return  # `favourites` is the machine's (it has them) or another account's
    sql.executemany(
        "INSERT OR IGNORE INTO favourites (title_id, code, added) "
        "SELECT title_id, code, added FROM machine_favourites WHERE title_id = ?",
        [(i,) for i in release_ids],
    )


def decided(sql: Any, account: str) -> bool:
    """The viewer answered for this account (or there was nothing to ask)."""
    found = sql.execute("SELECT 1 FROM account_merge WHERE account = ?", (account,)).fetchone()
    return found is not None


def record(sql: Any, account: str, merge: bool | None) -> None:
    """None: the account had every machine favourite, nothing was asked."""
    sql.execute(
        "INSERT OR REPLACE INTO account_merge (account, merge, at) VALUES (?, ?, ?)",
        (account, None if merge is None else int(merge), time.time()),
    )


def _set_owner(sql: Any, account: str) -> None:
    sql.execute("UPDATE favourites_owner SET account = ? WHERE only = 0", (account,))
