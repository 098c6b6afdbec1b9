"""Where episodes stopped, kept with the account: a position saved while signed in is written to
`progress` and, as a "timecode" outbox row keyed by the episode's id, to `outbox` in the same
transaction; the account's timecodes pulled from the server are merged back into `progress`.

Merge rule per episode: a pending row here wins (it is newer than anything the server has seen);
otherwise the server's position is taken; a watched mark is never lost (here or there: watched)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import msgspec

from app.core import Title
from app.core.account import Timecode
from app.storage.library import LibraryStore, Progress
from app.storage.outbox import OutboxRow, enqueue

TIMECODE = "timecode"  # item: the episode's id; value: {"time", "watched", "at"} as JSON
SAME_POSITION_S = 0.5  # closer than this, the server's position is the one already here


@dataclass(frozen=True)
class TimecodeMerge:
    changed: frozenset[int]  # titles whose progress the server's timecodes moved
    kept_local: int  # episodes whose pending position here won
    unknown: frozenset[str]  # episode ids of timecodes no kept title has


def record_progress(
    store: LibraryStore, account: str | None, episode_id: str, title_id: int, episode: float,
    position: float, duration: float,
) -> Progress:  # fmt: skip
    """Saves a position; with an account and the episode's id, also queues it for the account."""
    with store.db.transaction() as sql:
        saved = store.record_in(sql, title_id, episode, position, duration)
        if account and episode_id:
            value = {"time": saved.position, "watched": saved.watched, "at": saved.updated}
            enqueue(sql, account, TIMECODE, title_id, json.dumps(value), item=episode_id)
    return saved


def timecode_of(row: OutboxRow) -> Timecode | None:
    """The timecode a row carries; None for one damaged or written by another version."""
    try:
        value = json.loads(row.value)
        return Timecode(row.item, float(value["time"]), bool(value["watched"]), float(value["at"]))
    except (ValueError, TypeError, KeyError):
        return None


def merge_timecodes(store: LibraryStore, account: str, timecodes: list[Timecode]) -> TimecodeMerge:
    """One transaction: the pending rows read are exactly those present when progress is
    written, so a position saved meanwhile is never overwritten."""
    changed: set[int] = set()
    unknown: set[str] = set()
    kept = 0
    with store.db.transaction() as sql:
        pending = {
            row[0]
            for row in sql.execute(
                "SELECT item FROM outbox WHERE account = ? AND kind = ?", (account, TIMECODE)
            )
        }
        places = _episode_places(sql)
        for timecode in timecodes:
            place = places.get(timecode.release_episode_id)
            if place is None:
                # The v1 timecodes answer names no release, only the episode: the sync asks the
                # service whose episode it is, keeps that title whole, and merges again.
                unknown.add(timecode.release_episode_id)
            elif timecode.release_episode_id in pending:
                kept += 1
            elif _take(sql, place, timecode):
                changed.add(place[0])
    return TimecodeMerge(frozenset(changed), kept, frozenset(unknown))


def _episode_places(sql: Any) -> dict[str, tuple[int, float, int]]:
    """Episode id -> (title id, episode number, duration) over the full copies kept here."""
    places: dict[str, tuple[int, float, int]] = {}
    for title_id, data in sql.execute("SELECT title_id, data FROM titles WHERE complete = 1"):
        try:
            title = msgspec.msgpack.decode(data, type=Title)
        except msgspec.ValidationError:
            continue  # written by a version whose models differed: as good as absent
        for episode in title.player.episodes:
            if episode.id:
                places[episode.id] = (title_id, episode.number, episode.duration)
    return places


def _take(sql: Any, place: tuple[int, float, int], timecode: Timecode) -> bool:
    """Writes the server's position (watched stays watched); False when nothing changes."""
    title_id, number, length = place
    here = sql.execute(
        "SELECT position, duration, watched FROM progress WHERE title_id = ? AND episode = ?",
        (title_id, number),
    ).fetchone()
    if here is not None:
        same = abs(here[0] - timecode.time) < SAME_POSITION_S
        if same and (bool(here[2]) or not timecode.is_watched):
            return False
    duration = here[1] if here is not None and here[1] > 0 else float(length)
    sql.execute(
        "INSERT INTO progress (title_id, episode, position, duration, watched, updated) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (title_id, episode) DO UPDATE SET "
        "position = excluded.position, duration = excluded.duration, "
        "watched = max(watched, excluded.watched), updated = excluded.updated",
        (title_id, number, timecode.time, duration, int(timecode.is_watched),
         timecode.updated_at or time.time()),
    )  # fmt: skip
    return True
