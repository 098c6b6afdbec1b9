"""The titles behind the account's timecodes: v1's timecodes name only the episode, so one no title
kept here has (started on the phone, say) is looked up (`AccountApi.episode_release`), its release
fetched whole and kept, and the timecodes merged again: the position lands in `progress`, and the
title on the continue-watching shelf.

Bounded: at most MAX_LOOKUPS episodes asked per sync, LOOKUPS_AT_ONCE at a time, and one answer
serves every episode of its title. An episode the service refused (unknown, no release, not an
id) is not asked again for REFUSED_KEPT_S. Nothing here fails the sync: a timecode whose title
could not be found just waits for a later one."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from app.api.errors import MalformedResponseError
from app.core import Title
from app.core.account import AccountError, Timecode
from app.services.library import LibraryService

if TYPE_CHECKING:
    from app.api.backend import Backend
    from app.api.v1.account import AccountApi

log = logging.getLogger(__name__)
MAX_LOOKUPS = 30  # episodes asked about per sync; the rest wait for the next one
LOOKUPS_AT_ONCE = 4
REFUSED_KEPT_S = 3600.0  # a refused episode is asked about again after this long
# The lookups run inside the sync (which holds the sync's lock, as the push at quit needs it too):
# a slow service must not hold it longer than this; what is not found waits for the next sync.
LOOKUP_BUDGET_S = 10.0


class TimecodeTitles:
    def __init__(self, library: LibraryService, catalogue: Callable[[], Backend | None]) -> None:
        self._library = library
        self._catalogue = catalogue
        self._refused: dict[str, float] = {}  # episode id -> monotonic time it was refused

    async def merge(self, api: AccountApi, key: str, timecodes: list[Timecode]) -> frozenset[int]:
        """Merges the account's timecodes into the progress here, first fetching the titles of
        the episodes no kept title has; the titles whose progress moved."""
        merged = await self._library.merge_timecodes(key, timecodes)
        if not merged.unknown:
            return merged.changed
        unknown = dict.fromkeys(  # the server's order, each episode once
            t.release_episode_id for t in timecodes if t.release_episode_id in merged.unknown
        )
        try:
            kept = await asyncio.wait_for(self._keep_titles_of(api, unknown), LOOKUP_BUDGET_S)
        except TimeoutError:
            log.info("episode lookups took over %.0f s: the rest wait for the next sync",
                     LOOKUP_BUDGET_S)  # fmt: skip
            kept = False
        if not kept:
            return merged.changed
        rest = [t for t in timecodes if t.release_episode_id in merged.unknown]
        return merged.changed | (await self._library.merge_timecodes(key, rest)).changed

    async def _keep_titles_of(self, api: AccountApi, episode_ids: Iterable[str]) -> bool:
        """Looks the episodes' releases up in waves and keeps those titles whole; True when any
        title was kept."""
        catalogue = self._catalogue()
        if catalogue is None:
            return False
        now = time.monotonic()
        self._refused = {e: at for e, at in self._refused.items() if now - at < REFUSED_KEPT_S}
        left = [e for e in episode_ids if e not in self._refused]
        budget, kept = MAX_LOOKUPS, False
        while left and budget > 0:
            size = min(LOOKUPS_AT_ONCE, budget)
            wave, left, budget = left[:size], left[size:], budget - size
            known = await self._wave(api, catalogue, wave)
            kept = kept or bool(known)
            left = [e for e in left if e not in known]  # one answer served its whole title
        return kept

    async def _wave(self, api: AccountApi, catalogue: Backend, wave: list[str]) -> set[str]:
        """One wave of lookups and the fetch of their releases; the episode ids now kept."""
        found = await asyncio.gather(*(self._release_of(api, e) for e in wave))
        releases = {e: r for e, r in zip(wave, found, strict=True) if r is not None}
        titles = await self._fetch(catalogue, set(releases.values()))
        if titles is None:
            return set()
        known = {episode.id for title in titles for episode in title.player.episodes}
        for episode_id in releases.keys() - known:  # its release is gone, or lacks it
            self._refuse(episode_id, "its release does not have it")
        return known

    async def _release_of(self, api: AccountApi, episode_id: str) -> int | None:
        try:
            return await api.episode_release(episode_id)
        except ValueError:  # never sent: it would not be a path of the API
            log.warning("the account named a malformed episode id %r: skipped", episode_id[:40])
            self._refused[episode_id] = time.monotonic()
        except (AccountError, MalformedResponseError) as error:
            self._refuse(episode_id, type(error).__name__)
        except Exception as error:  # an outage, a 5xx: asked again at the next sync
            log.info("episode %s: its release not found out (%s)", episode_id,
                     type(error).__name__)  # fmt: skip
        return None

    async def _fetch(self, catalogue: Backend, release_ids: set[int]) -> list[Title] | None:
        """The releases whole, kept here; None when they could not be fetched. v1's list by ids
        carries each release's episodes, team and torrents (the official client reads it so)."""
        if not release_ids:
            return []
        try:
            titles = await catalogue.brief_titles(sorted(release_ids))
        except Exception as error:  # an outage, a 5xx: the next sync tries again
            log.info("titles of the account's timecodes not fetched (%s)", type(error).__name__)
            return None
        whole = [title for title in titles if title.player.episodes]
        for title in whole:
            await self._library.keep_title(title)
        return whole

    def _refuse(self, episode_id: str, why: str) -> None:
        log.info("episode %s of the account's timecodes skipped for now (%s)", episode_id, why)
        self._refused[episode_id] = time.monotonic()
