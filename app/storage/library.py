"""The user's library on disk: favourites, watch progress (and so history), and the data kept to
work offline. Plain synchronous calls on one connection; the library service runs them on its
worker thread, never on the UI thread."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from app.core import Title
from app.storage.database import Database, may_hold

WATCHED_SHARE = 0.9  # past 90 % an episode counts as watched
T = TypeVar("T")


@dataclass(frozen=True)
class Progress:
    title_id: int
    episode: float
    position: float = 0.0
    duration: float = 0.0
    watched: bool = False
    updated: float = 0.0


@dataclass(frozen=True)
class Favourite:
    title_id: int
    code: str
    added: float


@dataclass(frozen=True)
class Cached:
    value: Any
    fetched: float  # unix time the data came from the server


def _progress(row: tuple[Any, ...]) -> Progress:
    title_id, episode, position, duration, watched, updated = row
    return Progress(int(title_id), float(episode), position, duration, bool(watched), updated)


_PROGRESS_COLUMNS = "title_id, episode, position, duration, watched, updated"


class LibraryStore:
    def __init__(self, database: Database) -> None:
        self.db = database

    # ----- favourites -----

    def add_favourite(self, title: Title, added: float | None = None) -> None:
        with self.db.transaction() as sql:
            self.add_favourite_in(sql, title, added)

    def add_favourite_in(self, sql: Any, title: Title, added: float | None = None) -> None:
        """Inside the caller's transaction (the outbox writes its row in the same one)."""
        sql.execute(
            "INSERT INTO favourites (title_id, code, added) VALUES (?, ?, ?) "
            "ON CONFLICT (title_id) DO UPDATE SET code = excluded.code",
            (title.id, title.code, time.time() if added is None else added),
        )
        self.put_title_in(sql, title, keep_richer=True)

    def remove_favourite(self, title_id: int) -> None:
        with self.db.transaction() as sql:
            sql.execute("DELETE FROM favourites WHERE title_id = ?", (title_id,))

    def favourite_ids(self) -> set[int]:
        return {row[0] for row in self.db.execute("SELECT title_id FROM favourites")}

    def favourite_list(self) -> list[Favourite]:
        rows = self.db.execute("SELECT title_id, code, added FROM favourites ORDER BY added DESC")
        return [Favourite(*row) for row in rows]

    def favourite_titles(self) -> list[Title]:
        """Newest first, each with the last known details (or at least its id and code)."""
        rows = self.db.execute(
            "SELECT f.title_id, f.code, t.data FROM favourites f "
            "LEFT JOIN titles t ON t.title_id = f.title_id ORDER BY f.added DESC"
        )
        return [
            _decode_title(data) or Title(id=title_id, code=code) for title_id, code, data in rows
        ]

    # ----- progress and history -----

    def record(
        self, title_id: int, episode: float, position: float, duration: float,
        updated: float | None = None,
    ) -> Progress:  # fmt: skip
        """Saves a position; past 90 % the episode is watched, and stays so when rewatched."""
        with self.db.transaction() as sql:
            return self.record_in(sql, title_id, episode, position, duration, updated)

    def record_in(
        self, sql: Any, title_id: int, episode: float, position: float, duration: float,
        updated: float | None = None,
    ) -> Progress:  # fmt: skip
        """Inside the caller's transaction (the outbox writes its timecode in the same one)."""
        now = time.time() if updated is None else updated
        reached = duration > 0 and position >= duration * WATCHED_SHARE
        sql.execute(
            f"INSERT INTO progress ({_PROGRESS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (title_id, episode) DO UPDATE SET position = excluded.position, "
            "duration = excluded.duration, watched = max(watched, excluded.watched), "
            "updated = excluded.updated",
            (title_id, episode, position, duration, int(reached), now),
        )
        row = sql.execute(
            f"SELECT {_PROGRESS_COLUMNS} FROM progress WHERE title_id = ? AND episode = ?",
            (title_id, episode),
        ).fetchone()
        return _progress(row)

    def get(self, title_id: int, episode: float) -> Progress | None:
        row = self.db.execute(
            f"SELECT {_PROGRESS_COLUMNS} FROM progress WHERE title_id = ? AND episode = ?",
            (title_id, episode),
        ).fetchone()
        return None if row is None else _progress(row)

    def watched(self, title_id: int) -> set[float]:
        rows = self.db.execute(
            "SELECT episode FROM progress WHERE title_id = ? AND watched = 1", (title_id,)
        )
        return {float(row[0]) for row in rows}

    def history(self, limit: int = 500) -> list[Progress]:
        rows = self.db.execute(
            f"SELECT {_PROGRESS_COLUMNS} FROM progress ORDER BY updated DESC LIMIT ?", (limit,)
        )
        return [_progress(row) for row in rows]

    def latest_per_title(self, limit: int = 20) -> list[Progress]:
        """Each title's most recently watched episode, the most recent title first."""
        rows = self.db.execute(
            f"SELECT {_PROGRESS_COLUMNS} FROM ("
            f" SELECT {_PROGRESS_COLUMNS}, row_number() OVER ("
            "  PARTITION BY title_id ORDER BY updated DESC, episode DESC) AS rank FROM progress"
            ") WHERE rank = 1 ORDER BY updated DESC LIMIT ?",
            (limit,),
        )
        return [_progress(row) for row in rows]

    def all_progress(self) -> list[Progress]:
        rows = self.db.execute(f"SELECT {_PROGRESS_COLUMNS} FROM progress")
        return [_progress(row) for row in rows]

    def forget(self, title_id: int, episode: float) -> None:
        with self.db.transaction() as sql:
            sql.execute(
                "DELETE FROM progress WHERE title_id = ? AND episode = ?", (title_id, episode)
            )

    def forget_all(self) -> None:
        with self.db.transaction() as sql:
            sql.execute("DELETE FROM progress")

    # ----- offline copies -----

    def put_title(self, title: Title) -> None:
        with self.db.transaction() as sql:
            self.put_title_in(sql, title, keep_richer=False)

    def put_title_in(self, sql: Any, title: Title, keep_richer: bool) -> None:
        """With keep_richer, a brief copy (a grid card's, no episodes) never replaces a full one."""
        full = int(bool(title.player.episodes))
        if keep_richer and not full:
            existing = sql.execute(
                "SELECT complete FROM titles WHERE title_id = ?", (title.id,)
            ).fetchone()
            if existing is not None and existing[0]:
                return
        sql.execute(
            "INSERT OR REPLACE INTO titles (title_id, code, data, complete, fetched) "
            "VALUES (?, ?, ?, ?, ?)",
            (title.id, title.code, msgspec.msgpack.encode(title), full, time.time()),
        )

    def put_brief(self, title: Title) -> None:
        with self.db.transaction() as sql:
            self.put_title_in(sql, title, keep_richer=True)

    def title(self, *, title_id: int | None = None, code: str | None = None) -> Cached | None:
        if title_id is not None:
            query, key = "SELECT data, fetched FROM titles WHERE title_id = ?", title_id
        else:
            query, key = "SELECT data, fetched FROM titles WHERE code = ?", code  # type: ignore[assignment]
        row = self.db.execute(query, (key,)).fetchone()
        title = None if row is None else _decode_title(row[0])
        return None if title is None else Cached(title, row[1])

    @staticmethod
    def may_keep(path: Path, code: str) -> bool:
        """Whether the library at `path` may keep the title whole (with its episodes, as a play
        needs): False only when it surely does not (read-only; see database.may_hold)."""
        return may_hold(path, "SELECT 1 FROM titles WHERE code = ? AND complete = 1", (code,))

    def titles(self, title_ids: list[int]) -> dict[int, Title]:
        if not title_ids:
            return {}
        marks = ",".join("?" * len(title_ids))
        rows = self.db.execute(
            f"SELECT title_id, data FROM titles WHERE title_id IN ({marks})", tuple(title_ids)
        )
        decoded = {title_id: _decode_title(data) for title_id, data in rows}
        return {title_id: title for title_id, title in decoded.items() if title is not None}

    def put_page(self, key: str, value: Any) -> None:
        with self.db.transaction() as sql:
            sql.execute(
                "INSERT OR REPLACE INTO pages (key, data, fetched) VALUES (?, ?, ?)",
                (key, msgspec.msgpack.encode(value), time.time()),
            )

    def page(self, key: str, kind: type[T]) -> Cached | None:
        row = self.db.execute("SELECT data, fetched FROM pages WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return Cached(msgspec.msgpack.decode(row[0], type=kind), row[1])
        except msgspec.ValidationError:
            return None  # written by a version whose models differed: as good as absent

    # ----- announced episodes -----

    def mark_announced(self, title_id: int, episode: float) -> bool:
        """Records an announcement; False when this episode was announced before."""
        with self.db.transaction() as sql:
            cursor = sql.execute(
                "INSERT OR IGNORE INTO announced (title_id, episode, at) VALUES (?, ?, ?)",
                (title_id, episode, time.time()),
            )
            return cursor.rowcount == 1

    def forget_announcements_before(self, when: float) -> None:
        with self.db.transaction() as sql:
            sql.execute("DELETE FROM announced WHERE at < ?", (when,))

    # ----- the poster cache's index -----

    def poster_stored(self, file: str, url: str, size: int) -> None:
        with self.db.transaction() as sql:
            sql.execute(
                "INSERT OR REPLACE INTO posters (file, url, bytes, stored) VALUES (?, ?, ?, ?)",
                (file, url, size, time.time()),
            )

    def posters_over(self, limit_bytes: int) -> list[str]:
        """Removes the least recently stored posters beyond the limit; returns their files."""
        with self.db.transaction() as sql:
            rows = sql.execute("SELECT file, bytes FROM posters ORDER BY stored DESC").fetchall()
            total, evicted = 0, []
            for file, size in rows:
                total += size
                if total > limit_bytes:
                    evicted.append(file)
            sql.executemany("DELETE FROM posters WHERE file = ?", [(f,) for f in evicted])
        return evicted


def _decode_title(data: bytes | None) -> Title | None:
    """None for a copy written by a version whose models differed: as good as absent."""
    if data is None:
        return None
    try:
        return msgspec.msgpack.decode(data, type=Title)
    except msgspec.ValidationError:
        return None
