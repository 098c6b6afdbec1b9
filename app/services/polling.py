"""New episodes without a WebSocket (v1): the latest releases and the week's schedule are polled
on a modest interval, with jitter and backoff, using the server's validators (ETag /
Last-Modified) so an unchanged list costs a 304. Each answer is diffed against the last known
episode per title, kept in the library, so a restart neither repeats nor misses an episode.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable

from app.api import ApiError
from app.core import PlaylistUpdated, ScheduleDay, Title, TitleUpdated
from app.services.api import ApiService
from app.services.library import LibraryService
from app.services.settings import SettingsStore

log = logging.getLogger(__name__)
MAX_BACKOFF_S = 1800.0
SCHEDULE_EVERY = 4  # the schedule is asked every this many polls
BASELINE_KEY = "poll-baseline"
BASELINE_KEPT = 1000  # titles remembered; the oldest are dropped beyond this


def poll_interval(settings: SettingsStore) -> float:
    """Seconds between polls: the `poll_interval` option ($LIBRIA_POLL_INTERVAL, at least 1)."""
    return float(settings.get("poll_interval"))


def latest_number(title: Title) -> float:
    numbers = [e.number for e in title.player.episodes]
    return max(numbers) if numbers else float(title.player.episodes_range.last)


class EpisodePoller:
    """Runs until cancelled; calls `emit` with a PlaylistUpdated for each new episode."""

    def __init__(
        self,
        api: ApiService,
        library: LibraryService,
        emit: Callable[[PlaylistUpdated], None],
        emit_title: Callable[[TitleUpdated], None],
        interval: float,
    ) -> None:
        self._api = api
        self._library = library
        self._emit = emit
        self._emit_title = emit_title
        self.interval = interval
        self._etags = {"latest": "", "schedule": ""}
        self._known: dict[int, float] | None = None  # None until the baseline is loaded

    async def run(self, on_state: Callable[[str], None] | None = None) -> None:
        failures = 0
        polls = 0
        await self._load_baseline()
        while True:
            try:
                await self._poll_latest()
                if polls % SCHEDULE_EVERY == 0:
                    await self._poll_schedule()
                polls += 1
                failures = 0
                if on_state:
                    on_state("connected")
            except ApiError as error:
                failures += 1
                log.info("polling for new episodes failed (%s); attempt %d", error, failures)
                if on_state:
                    on_state("reconnecting")
            await asyncio.sleep(self._delay(failures))

    def _delay(self, failures: int) -> float:
        base = min(MAX_BACKOFF_S, self.interval * 2.0 ** min(failures, 10))
        jitter: float = random.uniform(0.9, 1.1)  # clients do not poll in step
        return base * jitter

    async def _load_baseline(self) -> None:
        kept = await self._library.kept_page(BASELINE_KEY, dict[int, float])
        self._known = dict(kept.value) if kept is not None else None

    async def _poll_latest(self) -> None:
        titles, self._etags["latest"] = await self._api.backend.poll_latest(self._etags["latest"])
        if titles is not None:
            await self._diff(titles, fresh_list=True)

    async def _poll_schedule(self) -> None:
        days: list[ScheduleDay] | None
        days, self._etags["schedule"] = await self._api.backend.poll_schedule(
            self._etags["schedule"]
        )
        if days is not None:
            await self._diff([title for day in days for title in day.titles], fresh_list=False)

    async def _diff(self, titles: list[Title], fresh_list: bool) -> None:
        """`fresh_list`: the list is ordered by freshness, so a title new to it is news; in the
        schedule a title seen for the first time is only remembered."""
        first_run = self._known is None
        known = self._known if self._known is not None else {}
        changed = False
        for title in titles:
            number = latest_number(title)
            if number <= 0:
                continue
            before = known.get(title.id)
            if before is not None and number <= before:
                continue
            known.pop(title.id, None)  # re-inserted last: pruning drops the longest-quiet titles
            known[title.id] = number
            changed = True
            # The first answer ever is the baseline: nothing in it is news.
            if not first_run and (before is not None or fresh_list):
                self._emit_title(TitleUpdated(hash=f"poll-title:{title.id}:{number}", title=title))
                self._emit(self._event(title, number))
        self._known = known
        if changed or first_run:
            if len(known) > BASELINE_KEPT:
                for title_id in list(known)[: len(known) - BASELINE_KEPT]:
                    del known[title_id]
            await self._library.keep_page(BASELINE_KEY, known)

    @staticmethod
    def _event(title: Title, number: float) -> PlaylistUpdated:
        episode = next((e for e in title.player.episodes if e.number == number), None)
        return PlaylistUpdated(
            hash=f"poll:{title.id}:{number}",
            title_id=title.id,
            episode=number,
            player=title.player,
            updated_episode=episode,
        )
