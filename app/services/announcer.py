"""Deciding which new episodes to tell the user about, and how often.

Only new episodes are announced (not re-uploads), each one once: by the event's hash, and by
(title, episode) in the library so that a reconnect or a restart never repeats one. What counts
follows the settings: every title, favourites only, or the server-side filters. Announcements
come in bursts: the first goes out at once; more within a burst update that same announcement
(the notification is replaced in place, not stacked), at most every UPDATE_EVERY_S seconds.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.api import ApiError
from app.api.seen import SeenHashes
from app.core import Episode, PlaylistUpdated, Title
from app.services.library import LibraryService
from app.services.settings import SettingsStore
from app.services.tasks import TaskRunner

log = logging.getLogger(__name__)
BURST_QUIET_S = 1.5  # this long without news ends a burst
UPDATE_EVERY_S = 0.5  # a running burst's announcement is refreshed at most this often
RECENT_KEPT = 10


@dataclass(frozen=True)
class NewEpisode:
    title: Title
    episode: Episode


@dataclass(frozen=True)
class Announcement:
    burst: int  # announcements of one burst replace each other
    items: tuple[NewEpisode, ...]  # newest last


def subscriptions_for(settings: SettingsStore) -> list[dict[str, Any]]:
    """The WebSocket subscribe filters for the 'filters' mode (one filter: all parts must match)."""
    if settings.get("announce") != "filters":
        return []
    subscription: dict[str, Any] = {}
    if settings.get("announce_year"):
        subscription["season"] = {"year": settings.get("announce_year")}
    if settings.get("announce_genre"):
        subscription["genres"] = [settings.get("announce_genre")]
    return [subscription] if subscription else []


def matches_filters(title: Title, settings: SettingsStore) -> bool:
    """The 'filters' mode checked here too: v1 has no server-side subscriptions."""
    year = settings.get("announce_year")
    genre = str(settings.get("announce_genre")).strip().lower()
    if year and title.season.year != year:
        return False
    return not genre or genre in (g.lower() for g in title.genres)


class Announcer(QObject):
    announced = Signal(object)  # Announcement
    recent_changed = Signal()

    def __init__(
        self,
        settings: SettingsStore,
        library: LibraryService,
        tasks: TaskRunner,
        title_lookup: Any,  # async (title_id) -> Title: the kept copy or a fresh one
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._library = library
        self._tasks = tasks
        self._title_lookup = title_lookup
        self._seen = SeenHashes()
        self._burst = 0
        self._items: list[NewEpisode] = []
        self._quiet: asyncio.TimerHandle | None = None
        self._flush: asyncio.TimerHandle | None = None
        self.recent: list[NewEpisode] = []  # newest first, for the tray's menu

    def offer(self, event: PlaylistUpdated) -> None:
        """Takes every playlist update; announces the ones the user wants to hear about."""
        if not self._seen.add(event.hash) or event.reupload or event.episode is None:
            return
        if not self._settings.get("notifications"):
            return
        if self._settings.get("announce") == "favourites" and not self._library.is_favourite(
            event.title_id
        ):
            return
        self._tasks.run(self._announce(event))

    async def _announce(self, event: PlaylistUpdated) -> None:
        assert event.episode is not None
        episode = event.updated_episode or next(
            (e for e in event.player.episodes if e.number == event.episode), None
        )
        if episode is None:
            episode = Episode(number=event.episode)
        try:
            title = await self._title_lookup(event.title_id)
        except ApiError as error:
            log.info("new episode of %s, but no details: %s", event.title_id, error)
            title = Title(id=event.title_id)
        known = title.id > 0 and bool(title.names.main)  # without details, nothing to judge by
        if (
            self._settings.get("announce") == "filters"
            and known
            and not matches_filters(title, self._settings)
        ):
            return
        if not await self._library.mark_announced(event.title_id, episode.number):
            return  # announced before (another connection, an earlier run)
        item = NewEpisode(title, episode)
        self.recent = [item, *self.recent][:RECENT_KEPT]
        self._add(item)  # recent_changed goes out with the announcement: once per batch

    def _add(self, item: NewEpisode) -> None:
        loop = asyncio.get_running_loop()
        starting = self._quiet is None
        if starting:
            self._burst += 1
            self._items = []
        else:
            self._quiet.cancel()  # type: ignore[union-attr]
        self._items.append(item)
        self._quiet = loop.call_later(BURST_QUIET_S, self._end_burst)
        if starting:
            self._emit()
        elif self._flush is None:
            self._flush = loop.call_later(UPDATE_EVERY_S, self._emit)

    def _emit(self) -> None:
        self._flush = None
        self.announced.emit(Announcement(self._burst, tuple(self._items)))
        self.recent_changed.emit()

    def _end_burst(self) -> None:
        self._quiet = None
        if self._flush is not None:  # the burst's last word goes out now
            self._flush.cancel()
            self._emit()
