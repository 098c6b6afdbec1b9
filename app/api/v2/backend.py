"""The v2 client as a `Backend`: the app's questions in v2's terms (fields, includes, sorting)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.api.backend import FEATURES, ApiKind
from app.api.v2.client import AniLibriaClient
from app.api.v2.params import DescriptionType, GenreSorting, Include
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

# What a grid card needs: asking only for it keeps long lists light.
GRID_FIELDS = [
    "id", "code", "names", "poster", "posters", "status", "type", "season", "player.series",
    "updated", "last_change", "in_favorites", "genres", "blocked",
]  # fmt: skip


class V2Backend(AniLibriaClient):
    kind = ApiKind.V2
    features = FEATURES[ApiKind.V2]

    @property
    def account(self) -> None:
        """v2 has no account endpoints Libria speaks."""
        return None

    async def title(self, *, code: str | None = None, id: int | None = None) -> Title:
        return await self.get_title(
            code=code if id is None else None,
            id=id,
            description_type=DescriptionType.HTML,
            include=[Include.TORRENT_META],
        )

    async def brief_title(self, title_id: int) -> Title:
        return await self.get_title(id=title_id, filter=GRID_FIELDS)

    async def brief_titles(self, ids: Sequence[int]) -> list[Title]:
        return await self.get_titles(id_list=ids, filter=GRID_FIELDS)

    async def random_title(self) -> Title:
        return await self.get_random_title(
            description_type=DescriptionType.HTML, include=[Include.TORRENT_META]
        )

    async def updates(self, after: int, limit: int) -> list[Title]:
        return await self.get_updates(filter=GRID_FIELDS, limit=limit, after=after)

    async def changes(self, after: int, limit: int) -> list[Title]:
        return await self.get_changes(filter=GRID_FIELDS, limit=limit, after=after)

    async def feed(self, after: int, limit: int) -> list[FeedItem]:
        return await self.get_feed(limit=limit, after=after)

    async def youtube(self, after: int, limit: int) -> list[YouTubeVideo]:
        return await self.get_youtube(limit=limit, after=after)

    async def seed_stats(
        self, after: int, limit: int, by: SeedStatsSort, order: SortOrder
    ) -> list[SeedStat]:
        return await self.get_seed_stats(limit=limit, after=after, sort_by=by, order=order)

    async def schedule(self) -> list[ScheduleDay]:
        return await self.get_schedule()

    async def search(self, criteria: SearchCriteria, after: int, limit: int) -> list[Title]:
        params: dict[str, Any] = {
            "search": criteria.text.strip() or None,
            "year": criteria.years or None,
            "season_code": criteria.seasons or None,
            "genres": criteria.genres or None,
        }
        for role, members in criteria.team.items():
            if members:
                params[role.value] = members
        return await self.search_titles(**params, filter=GRID_FIELDS, limit=limit, after=after)

    async def franchises(self, title_id: int) -> list[Franchise]:
        return []  # v2 has no franchises

    async def team(self) -> Team:
        return await self.get_team()

    async def years(self) -> list[int]:
        return await self.get_years()

    async def genres(self, by_rating: bool = False) -> list[str]:
        sorting = GenreSorting.RATING if by_rating else GenreSorting.ALPHABET
        return await self.get_genres(sorting_type=sorting)

    async def caching_nodes(self) -> list[CachingNode]:
        return await self.get_caching_nodes()

    async def poll_latest(self, etag: str = "") -> tuple[list[Title] | None, str]:
        # v2 pushes over its WebSocket; polling is only the fallback, without validators.
        return await self.get_updates(limit=50), ""

    async def poll_schedule(self, etag: str = "") -> tuple[list[ScheduleDay] | None, str]:
        return await self.get_schedule(), ""
