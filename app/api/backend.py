"""The one face every API backend shows the services: core models in, core models out.

v2 and v1 differ in what they can do; `features` says which of the optional parts a backend has,
so views hide what the server cannot answer instead of showing an error.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from app.core import (
    CachingNode,
    FeedItem,
    Franchise,
    ScheduleDay,
    SeedStat,
    Team,
    Title,
    YouTubeVideo,
)
from app.core.search import SearchCriteria
from app.core.sort import SeedStatsSort, SortOrder

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from app.api.v1.account import AccountApi


class ApiKind(StrEnum):
    AUTO = "auto"
    V1 = "v1"
    V2 = "v2"


class Feature(StrEnum):
    LIVE_UPDATES = "live-updates"  # a WebSocket of new episodes (else: polling)
    CHANGES = "changes"  # titles by their last change of any kind
    SEED_STATS = "seed-stats"  # tracker statistics per user
    TEAM_FILTERS = "team-filters"  # search by voice actors, translators, ...
    GENRE_RATING = "genre-rating"  # genres ordered by popularity
    FRANCHISES = "franchises"  # related seasons of a title
    ACCOUNTS = "accounts"  # sign-in, favourites, collections, timecodes (`Backend.account`)


# What each kind can do, known before a backend is made (the window's rail is built from it).
FEATURES: dict[ApiKind, frozenset[Feature]] = {
    ApiKind.V1: frozenset({Feature.FRANCHISES, Feature.ACCOUNTS}),
    ApiKind.V2: frozenset(
        {
            Feature.LIVE_UPDATES,
            Feature.CHANGES,
            Feature.SEED_STATS,
            Feature.TEAM_FILTERS,
            Feature.GENRE_RATING,
        }
    ),
}


class Backend(Protocol):
    kind: ApiKind
    base_url: str
    features: frozenset[Feature]

    @property
    def account(self) -> AccountApi | None:
        """The viewer's account on this server; None where the API has none (v2)."""
        ...

    async def aclose(self, drain_timeout: float = 0.0) -> None: ...
    def watch_version(self, report: Callable[[str], None]) -> None: ...
    async def fetch_media(
        self, url: str, *, max_bytes: int = ..., within: float | None = None
    ) -> bytes: ...
    def media_url(self, path: str) -> str: ...

    async def title(self, *, code: str | None = None, id: int | None = None) -> Title: ...
    async def brief_title(self, title_id: int) -> Title: ...
    async def brief_titles(self, ids: Sequence[int]) -> list[Title]: ...
    async def random_title(self) -> Title: ...
    async def updates(self, after: int, limit: int) -> list[Title]: ...
    async def changes(self, after: int, limit: int) -> list[Title]: ...
    async def feed(self, after: int, limit: int) -> list[FeedItem]: ...
    async def youtube(self, after: int, limit: int) -> list[YouTubeVideo]: ...
    async def seed_stats(
        self, after: int, limit: int, by: SeedStatsSort, order: SortOrder
    ) -> list[SeedStat]: ...
    async def schedule(self) -> list[ScheduleDay]: ...
    async def search(self, criteria: SearchCriteria, after: int, limit: int) -> list[Title]: ...
    async def franchises(self, title_id: int) -> list[Franchise]: ...
    async def team(self) -> Team: ...
    async def years(self) -> list[int]: ...
    async def genres(self, by_rating: bool = False) -> list[str]: ...
    async def caching_nodes(self) -> list[CachingNode]: ...
    async def poll_latest(self, etag: str = "") -> tuple[list[Title] | None, str]:
        """The newest releases with their latest episode; None when unchanged since `etag`."""
        ...

    async def poll_schedule(self, etag: str = "") -> tuple[list[ScheduleDay] | None, str]: ...
    def updates_listener(
        self,
        *,
        subscriptions: Sequence[Mapping[str, Any]] = (),
        on_state: Callable[[Any], None] | None = None,
    ) -> Any: ...
