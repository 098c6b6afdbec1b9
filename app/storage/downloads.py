"""The downloads queue on disk: one row per episode, its state, and where its file goes.

Plain synchronous calls over the library's connection; the library service runs them on its
worker thread. Two processes (the window and `libria download`) may write the same rows: every
change is one statement or one transaction, and SQLite serialises them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.core.download import DownloadItem, DownloadState
from app.storage.database import Database

_COLUMNS = (
    "id, title_id, code, title_name, episode, episode_label, quality, path, state, reason, "
    "size, created, finished"
)


@dataclass(frozen=True)
class NewDownload:
    """What a row is made of when an episode is first queued."""

    title_id: int
    code: str
    title_name: str
    episode: float
    episode_label: str
    quality: str
    path: str


def _item(row: tuple[Any, ...]) -> DownloadItem:
    (row_id, title_id, code, name, episode, label, quality, path, state, reason, size,
     created, finished) = row  # fmt: skip
    try:
        known = DownloadState(state)
    except ValueError:  # written by a newer version: nothing this one can resume
        known, reason = DownloadState.FAILED, reason or f"unknown state {state!r}"
    return DownloadItem(
        int(row_id), int(title_id), code, name, float(episode), label, quality, path, known,
        reason, int(size), float(created), float(finished),
    )  # fmt: skip


class DownloadStore:
    def __init__(self, database: Database) -> None:
        self.db = database

    def add(self, new: NewDownload, created: float | None = None) -> tuple[DownloadItem, bool]:
        """Queues an episode; the row, and whether this call queued it. One already there is
        not duplicated: a failed or paused one is queued again (keeping its quality, so the
        parts on disk still fit), one queued or under way is left, and so is a finished one
        whose file still exists (one whose file is gone is queued again, as asked now)."""
        with self.db.transaction() as sql:
            row = sql.execute(
                f"SELECT {_COLUMNS} FROM downloads WHERE title_id = ? AND episode = ?",
                (new.title_id, new.episode),
            ).fetchone()
            if row is None:
                cursor = sql.execute(
                    "INSERT INTO downloads (title_id, code, title_name, episode, episode_label, "
                    "quality, path, state, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (new.title_id, new.code, new.title_name, new.episode, new.episode_label,
                     new.quality, new.path, DownloadState.QUEUED.value,
                     time.time() if created is None else created),
                )  # fmt: skip
                return self._get_in(sql, int(cursor.lastrowid or 0)), True
            item = _item(row)
            if item.state in (DownloadState.QUEUED, DownloadState.DOWNLOADING):
                return item, False
            if item.state is DownloadState.DONE:
                if Path(item.path).is_file():
                    return item, False
                sql.execute(
                    "UPDATE downloads SET quality = ?, path = ?, size = 0, finished = 0 "
                    "WHERE id = ?",
                    (new.quality, new.path, item.id),
                )
            elif new.quality == item.quality:  # the same file, perhaps in another folder now
                sql.execute("UPDATE downloads SET path = ? WHERE id = ?", (new.path, item.id))
            sql.execute(
                "UPDATE downloads SET state = ?, reason = '' WHERE id = ?",
                (DownloadState.QUEUED.value, item.id),
            )
            return self._get_in(sql, item.id), True

    def _get_in(self, sql: Any, item_id: int) -> DownloadItem:
        row = sql.execute(f"SELECT {_COLUMNS} FROM downloads WHERE id = ?", (item_id,)).fetchone()
        return _item(row)

    def all(self) -> list[DownloadItem]:
        """Oldest first: the order the queue runs in."""
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM downloads ORDER BY created, id")
        return [_item(row) for row in rows]

    def by_id(self, item_id: int) -> DownloadItem | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM downloads WHERE id = ?", (item_id,))
        found = row.fetchone()
        return None if found is None else _item(found)

    def get(self, title_id: int, episode: float) -> DownloadItem | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM downloads WHERE title_id = ? AND episode = ?",
            (title_id, episode),
        ).fetchone()
        return None if row is None else _item(row)

    def of_title(self, title_id: int) -> list[DownloadItem]:
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM downloads WHERE title_id = ? ORDER BY episode", (title_id,)
        )
        return [_item(row) for row in rows]

    def set_state(
        self, item_id: int, state: DownloadState, reason: str = "", size: int | None = None,
        finished: float | None = None,
    ) -> DownloadItem | None:  # fmt: skip
        """The new state (and why, and the bytes on disk); DONE also stamps when it finished
        (now, unless told). A DONE row stays DONE: its file is complete, and a pause or a
        requeue that crossed its finishing (this process's, or another's that had not seen it
        yet) would fetch it all again; `add`, `reopen` and `delete` are the ways on from it.
        Returns the row as it now is, None when it is gone (deleted meanwhile, perhaps by the
        other process)."""
        if finished is None:
            finished = time.time() if state is DownloadState.DONE else 0.0
        with self.db.transaction() as sql:
            sql.execute(
                "UPDATE downloads SET state = ?, reason = ?, size = coalesce(?, size), "
                "finished = ? WHERE id = ? AND (state != ? OR ? = ?)",
                (state.value, reason, size, finished, item_id,
                 DownloadState.DONE.value, state.value, DownloadState.DONE.value),
            )  # fmt: skip
            row = sql.execute(f"SELECT {_COLUMNS} FROM downloads WHERE id = ?", (item_id,))
            found = row.fetchone()
        return None if found is None else _item(found)

    def reopen(self, item_id: int, finished: float) -> DownloadItem | None:
        """A DONE row whose file is gone goes back to the queue, to be fetched again; only as it
        was seen (`finished`: not one another process has finished again since). Returns the
        row as it now is (None: gone)."""
        with self.db.transaction() as sql:
            row = sql.execute(f"SELECT {_COLUMNS} FROM downloads WHERE id = ?", (item_id,))
            found = row.fetchone()
            if found is None:
                return None
            item = _item(found)
            if item.state is not DownloadState.DONE or item.finished != finished:
                return item
            if Path(item.path).is_file():  # there, if not where this process plays from
                return item
            sql.execute(
                "UPDATE downloads SET state = ?, reason = '', size = 0, finished = 0 WHERE id = ?",
                (DownloadState.QUEUED.value, item_id),
            )
        return replace(item, state=DownloadState.QUEUED, reason="", size=0, finished=0.0)

    def delete(self, *item_ids: int) -> None:
        with self.db.transaction() as sql:
            sql.executemany("DELETE FROM downloads WHERE id = ?", [(i,) for i in item_ids])
