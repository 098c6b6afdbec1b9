"""The user's library as the app sees it: favourites, progress, history, continue watching,
export/import, and the offline copies of what the server sent.

Every database call runs on one worker thread (SQLite work never touches the UI thread, and one
writer means no lock waits); the favourite ids are also kept in memory, so a grid can paint its
stars without waiting.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from app.core import Episode, Title
from app.core.account import Timecode
from app.storage.database import SchemaTooNewError, connect, open_database
from app.storage.downloads import DownloadStore
from app.storage.files import write_atomically
from app.storage.library import Cached, LibraryStore, Progress
from app.storage.outbox import OutboxStore
from app.storage.timecodes import TimecodeMerge, merge_timecodes, record_progress

if TYPE_CHECKING:
    from app.core.transfer import ImportSummary

log = logging.getLogger(__name__)
T = TypeVar("T")
ANNOUNCED_KEPT_S = 180 * 86400  # long enough that no server re-sends an episode this old


@dataclass(frozen=True)
class ContinueItem:
    title: Title
    episode: Episode
    position: float  # where playback resumes (0 for the next, unstarted episode)
    duration: float
    updated: float


@dataclass(frozen=True)
class HistoryEntry:
    progress: Progress
    title: Title | None  # the last known details, when the app has them


def next_to_play(title: Title, last: Progress) -> tuple[Episode, float] | None:
    """The episode to continue with after `last`: itself when unfinished, else the next one."""
    episodes = title.player.episodes
    numbers = [episode.number for episode in episodes]
    if last.episode not in numbers:
        return None
    index = numbers.index(last.episode)
    if not last.watched:
        return episodes[index], last.position
    if index + 1 < len(episodes):
        return episodes[index + 1], 0.0
    return None  # caught up


class LibraryService(QObject):
    favourites_changed = Signal()
    progress_changed = Signal(int)  # title id
    history_changed = Signal()

    def __init__(
        self, path: Path, legacy_progress: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._legacy_progress = legacy_progress
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="libria-library")
        self._store: LibraryStore | None = None
        self._favourites: set[int] = set()
        self.moved_aside: Path | None = None  # a corrupt database went here at start
        self.unavailable = ""  # why the library runs in memory only, when it does

    # ----- life -----

    async def start(self) -> None:
        self._store = await self._call_raw(self._open)
        self._favourites = await self._call(lambda s: s.favourite_ids())

    def _open(self) -> LibraryStore:
        try:
            opened = open_database(self.path)
        except (SchemaTooNewError, sqlite3.Error, OSError) as error:
            # Keep the app usable and the file untouched; nothing is saved this run.
            log.error("library unavailable: %s", error)
            self.unavailable = str(error)
            return LibraryStore(connect(Path(":memory:")))
        self.moved_aside = opened.moved_aside
        store = LibraryStore(opened.database)
        if self._legacy_progress is not None and self._legacy_progress.exists():
            from app.storage.legacy import import_progress_file  # once, from an old version

            import_progress_file(store, self._legacy_progress)
        store.forget_announcements_before(time.time() - ANNOUNCED_KEPT_S)
        return store

    async def close(self) -> None:
        if self._store is not None:
            store, self._store = self._store, None
            await self._call_raw(store.db.close)
        self._worker.shutdown(wait=True)

    async def _call_raw(self, function: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._worker, function)

    async def _call(self, function: Callable[[LibraryStore], T]) -> T:
        store = self._store
        if store is None:
            raise RuntimeError("the library is not open")
        return await self._call_raw(lambda: function(store))

    # ----- favourites -----

    def is_favourite(self, title_id: int) -> bool:
        return title_id in self._favourites

    async def set_favourite(self, title: Title, on: bool, account: str | None = None) -> None:
        """With an account (its key), the change also goes to that account's outbox, in the same
        transaction; without, it stays here."""
        await self._call(lambda s: OutboxStore(s).set_favourite(account, title, on))
        (self._favourites.add if on else self._favourites.discard)(title.id)
        self.favourites_changed.emit()

    def favourites_replaced(self, ids: set[int]) -> None:
        """The account's sync rewrote the favourites table: the ids in memory follow."""
        if ids != self._favourites:
            self._favourites = set(ids)
            self.favourites_changed.emit()

    async def reload_favourites(self) -> None:
        """The favourites table changed underneath (an account's merge, a sign-out): the ids in
        memory follow."""
        self.favourites_replaced(await self._call(lambda s: s.favourite_ids()))

    async def machine_favourites_back(self) -> bool:
        """Nobody is signed in: this machine's own favourites, kept apart while an account's
        were shown, are the favourites again. False when they already were."""
        back = await self.outbox(lambda o: o.machine_favourites_back())
        if back:
            await self.reload_favourites()
        return back

    async def outbox(self, function: Callable[[OutboxStore], T]) -> T:
        """Runs `function` on the library's worker thread, over the account's outbox."""
        return await self._call(lambda s: function(OutboxStore(s)))

    async def downloads(self, function: Callable[[DownloadStore], T]) -> T:
        """Runs `function` on the library's worker thread, over the downloads queue."""
        return await self._call(lambda s: function(DownloadStore(s.db)))

    async def favourite_titles(self) -> list[Title]:
        return await self._call(lambda s: s.favourite_titles())

    # ----- progress, history, continue watching -----

    async def record(
        self, title_id: int, episode: float, position: float, duration: float,
        episode_id: str = "", account: str | None = None,
    ) -> Progress:  # fmt: skip
        """With an account (its key) and the episode's id, the position also goes to that
        account's outbox as a timecode, in the same transaction."""
        saved = await self._call(
            lambda s: record_progress(s, account, episode_id, title_id, episode, position, duration)
        )
        self.progress_changed.emit(title_id)
        return saved

    async def merge_timecodes(self, account: str, timecodes: list[Timecode]) -> TimecodeMerge:
        """The account's timecodes pulled from the server, merged into the progress here."""
        merged = await self._call(lambda s: merge_timecodes(s, account, timecodes))
        for title_id in sorted(merged.changed):
            self.progress_changed.emit(title_id)
        if merged.changed:
            self.history_changed.emit()
        return merged

    async def saved(self, title_id: int, episode: float) -> Progress | None:
        return await self._call(lambda s: s.get(title_id, episode))

    async def watched(self, title_id: int) -> set[float]:
        return await self._call(lambda s: s.watched(title_id))

    async def continue_watching(self, limit: int = 12) -> list[ContinueItem]:
        def collect(store: LibraryStore) -> list[ContinueItem]:
            latest = store.latest_per_title(limit * 2)
            titles = store.titles([p.title_id for p in latest])
            items = []
            for progress in latest:
                title = titles.get(progress.title_id)
                chosen = next_to_play(title, progress) if title is not None else None
                if title is None or chosen is None:
                    continue
                episode, position = chosen
                duration = progress.duration if episode.number == progress.episode else 0.0
                items.append(ContinueItem(title, episode, position, duration, progress.updated))
            return items[:limit]

        return await self._call(collect)

    async def history(self) -> list[HistoryEntry]:
        def collect(store: LibraryStore) -> list[HistoryEntry]:
            entries = store.history()
            titles = store.titles(sorted({p.title_id for p in entries}))
            return [HistoryEntry(p, titles.get(p.title_id)) for p in entries]

        return await self._call(collect)

    async def forget(self, title_id: int, episode: float) -> None:
        await self._call(lambda s: s.forget(title_id, episode))
        self.progress_changed.emit(title_id)
        self.history_changed.emit()

    async def forget_all(self) -> None:
        await self._call(lambda s: s.forget_all())
        self.progress_changed.emit(0)
        self.history_changed.emit()

    # ----- export / import -----

    # The export and the import load when the viewer asks for them, not at start-up.

    async def export_to(self, path: Path) -> None:
        from app.storage.transfer import export_json

        text = await self._call(export_json)
        await self._call_raw(lambda: write_atomically(path, text.encode()))

    async def import_from(self, path: Path) -> ImportSummary:
        """Raises OSError for an unreadable file, ImportFormatError for a wrong one."""
        from app.storage.transfer import import_json

        text = await self._call_raw(lambda: path.read_text(encoding="utf-8"))
        summary = await self._call(lambda s: import_json(s, text))
        self._favourites = await self._call(lambda s: s.favourite_ids())
        self.favourites_changed.emit()
        self.progress_changed.emit(0)
        self.history_changed.emit()
        return summary

    # ----- offline copies -----

    async def keep_title(self, title: Title) -> None:
        await self._call(lambda s: s.put_title(title))

    async def keep_brief(self, title: Title) -> None:
        """A grid card's copy: kept unless a full copy is already there."""
        await self._call(lambda s: s.put_brief(title))

    def may_keep_title(self, code: str) -> bool:
        """On the calling thread, before `start()` too (one indexed read-only look): False only
        when the library surely has no full copy of the title."""
        return LibraryStore.may_keep(self.path, code)

    async def kept_title(
        self, *, title_id: int | None = None, code: str | None = None
    ) -> Cached | None:
        return await self._call(lambda s: s.title(title_id=title_id, code=code))

    async def keep_page(self, key: str, value: Any) -> None:
        await self._call(lambda s: s.put_page(key, value))

    async def kept_page(self, key: str, kind: Any) -> Cached | None:
        return await self._call(lambda s: s.page(key, kind))

    async def mark_announced(self, title_id: int, episode: float) -> bool:
        """True the first time an episode is announced, False ever after."""
        return await self._call(lambda s: s.mark_announced(title_id, episode))

    async def poster_stored(self, file: str, url: str, size: int) -> None:
        await self._call(lambda s: s.poster_stored(file, url, size))

    async def posters_over(self, limit_bytes: int) -> list[str]:
        return await self._call(lambda s: s.posters_over(limit_bytes))
