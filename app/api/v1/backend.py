"""The v1 client as a `Backend`: the app's lists (offset pages) in v1's terms (numbered pages,
catalogue filters with ids), and what v1 lacks reported as such."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from time import monotonic
from typing import Any

from app.api.backend import FEATURES, ApiKind
from app.api.errors import ApiError
from app.api.v1.account import AccountApi
from app.api.v1.client import MAX_LIMIT, CatalogFilter, V1Client
from app.core import (
    CachingNode,
    FeedItem,
    ScheduleDay,
    SeedStat,
    Title,
    YouTubeVideo,
)
from app.core.search import SearchCriteria
from app.core.sort import SeedStatsSort, SortOrder

SEASON_VALUES = {1: "winter", 2: "spring", 3: "summer", 4: "autumn"}
VIDEO_WINDOW = 100  # /media/videos has no pages: the newest this many are paged locally
VIDEO_TTL_S = 600.0  # the feed's pages reuse one fetch of them for this long
GAPPED_MAX_PAGES = 10  # a search over years with gaps reads at most this many pages of 50


class UnsupportedError(ApiError):
    """The server's API has no such list (the views hide these; this is the safety net)."""

    def __init__(self, what: str) -> None:
        super().__init__(0, f"this server's API (v1) has no {what}")


class V1Backend(V1Client):
    kind = ApiKind.V1
    features = FEATURES[ApiKind.V1]

    def __init__(self, base_url: str, **kwargs: Any) -> None:
        super().__init__(base_url, **kwargs)
        self._genre_ids: dict[str, int] | None = None
        self._videos: tuple[float, list[YouTubeVideo]] | None = None
        self._gapped: tuple[SearchCriteria, list[Title]] | None = None
        self._genre_lock = asyncio.Lock()
        self._account = AccountApi(self, retries=self._retries, retry_backoff=self._backoff)

    @property
    def account(self) -> AccountApi:
        """The account endpoints over this client's pool (the token is passed per call)."""
        return self._account

    def watch_version(self, report: Callable[[str], None]) -> None:
        """Nothing to watch: v1 names no version in its answers (its paths are the version)."""

    # ----- titles -----

    async def title(self, *, code: str | None = None, id: int | None = None) -> Title:
        key = id if id is not None else code
        if key is None:
            raise ValueError("title() needs an id or a code")
        return await self.release(key)

    async def brief_title(self, title_id: int) -> Title:
        return await self.release(title_id)

    async def brief_titles(self, ids: Sequence[int]) -> list[Title]:
        wanted = list(dict.fromkeys(ids))
        found: list[Title] = []
        for start in range(0, len(wanted), MAX_LIMIT):
            found += (await self.releases(wanted[start : start + MAX_LIMIT])).items
        return found

    async def random_title(self) -> Title:
        picked = await self.random(1)
        if not picked:
            raise ApiError(0, "the server has no releases to pick from")
        return await self.release(picked[0].id)  # the random list leaves out the episodes

    async def updates(self, after: int, limit: int) -> list[Title]:
        return await self._page(CatalogFilter(), after, limit)

    async def changes(self, after: int, limit: int) -> list[Title]:
        raise UnsupportedError("list of changed titles")

    async def feed(self, after: int, limit: int) -> list[FeedItem]:
        """Titles by freshness with the videos published among them."""
        titles = await self.updates(after, limit)
        if not titles:
            return []
        newest = float("inf") if after == 0 else titles[0].updated
        oldest = titles[-1].updated
        window = await self._video_window(fresh=after == 0)
        videos = [v for v in window if oldest <= v.timestamp < newest]
        items: list[FeedItem] = [*titles, *videos]
        items.sort(key=lambda item: -(item.updated if isinstance(item, Title) else item.timestamp))
        return items

    async def youtube(self, after: int, limit: int) -> list[YouTubeVideo]:
        return (await self._video_window(fresh=after == 0))[after : after + limit]

    async def seed_stats(
        self, after: int, limit: int, by: SeedStatsSort, order: SortOrder
    ) -> list[SeedStat]:
        raise UnsupportedError("tracker statistics")

    async def search(self, criteria: SearchCriteria, after: int, limit: int) -> list[Title]:
        text = criteria.text.strip()
        if criteria.only_text():
            if not text:  # nothing asked yet: the whole catalogue, freshest first
                return await self._page(CatalogFilter(), after, limit)
            # The app's quick search answers in one go; there is no second page.
            return await self.search_releases(text) if after == 0 else []
        genre_ids = await self._genre_map()
        unknown = [g for g in criteria.genres if g not in genre_ids]
        if unknown:
            return []  # a genre this server does not have: nothing can match
        years = sorted(set(criteria.years))
        filters = CatalogFilter(
            search=text,
            genre_ids=tuple(genre_ids[g] for g in criteria.genres),
            seasons=tuple(SEASON_VALUES[s] for s in criteria.seasons if s in SEASON_VALUES),
            from_year=years[0] if years else None,
            to_year=years[-1] if years else None,
        )
        if not years or len(years) == years[-1] - years[0] + 1:
            return await self._page(filters, after, limit)
        # v1 filters by a range of years: for years with gaps the range is fetched whole (up to
        # GAPPED_MAX_PAGES pages), the gaps dropped here, and the app's pages cut from that.
        if self._gapped is None or self._gapped[0] != criteria:
            found = await self._all_pages(filters)
            self._gapped = (criteria, [t for t in found if t.season.year in years])
        return self._gapped[1][after : after + limit]

    async def _all_pages(self, filters: CatalogFilter) -> list[Title]:
        found: list[Title] = []
        for number in range(1, GAPPED_MAX_PAGES + 1):
            page = await self.catalog(filters, page=number, limit=MAX_LIMIT)
            found += page.items
            if page.last or not page.items:
                break
        return found

    async def genres(self, by_rating: bool = False) -> list[str]:
        return sorted(await self._genre_map())

    async def caching_nodes(self) -> list[CachingNode]:
        return []  # v1 gives full stream URLs; there are no alternative hosts to try

    def updates_listener(
        self,
        *,
        subscriptions: Sequence[Mapping[str, Any]] = (),
        on_state: Callable[[Any], None] | None = None,
    ) -> Any:
        raise UnsupportedError("live update stream")

    async def poll_latest(self, etag: str = "") -> tuple[list[Title] | None, str]:
        answer = await self.get_json("anime/releases/latest", {"limit": str(MAX_LIMIT)}, etag=etag)
        return (None if answer.data is None else self.parser.titles(answer.data)), answer.etag

    async def poll_schedule(self, etag: str = "") -> tuple[list[ScheduleDay] | None, str]:
        answer = await self.get_json("anime/schedule/week", etag=etag)
        return (None if answer.data is None else self.parser.schedule(answer.data)), answer.etag

    # ----- plumbing -----

    async def _page(self, filters: CatalogFilter, after: int, limit: int) -> list[Title]:
        limit = max(1, min(MAX_LIMIT, limit))
        page = await self.catalog(filters, page=after // limit + 1, limit=limit)
        return page.items if page.page == after // limit + 1 else []

    async def _video_window(self, fresh: bool = False) -> list[YouTubeVideo]:
        """The newest videos, fetched once for the pages that follow (`fresh`: ask again)."""
        if fresh or self._videos is None or monotonic() - self._videos[0] > VIDEO_TTL_S:
            self._videos = (monotonic(), await self.videos(VIDEO_WINDOW))
        return self._videos[1]

    async def _genre_map(self) -> dict[str, int]:
        async with self._genre_lock:
            if self._genre_ids is None:
                self._genre_ids = await self.genre_ids()
            return self._genre_ids
