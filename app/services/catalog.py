"""The catalogue's lists and reference data, as queries views can bind to."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from app.core import Franchise, ScheduleDay, Title
from app.core.sort import SeedStatsSort, SortOrder
from app.services.api import ApiService, Feature
from app.services.offline import OfflineCache
from app.services.paged import PagedQuery
from app.services.single import SingleQuery
from app.services.state import LoadState
from app.services.tasks import TaskRunner


class CatalogService(QObject):
    def __init__(
        self,
        api: ApiService,
        tasks: TaskRunner,
        offline: OfflineCache,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._tasks = tasks
        self._offline = offline
        self.updates = PagedQuery(tasks, "updates", self._updates, parent=self)
        self.changes = PagedQuery(tasks, "changes", self._changes, parent=self)
        self.feed = PagedQuery(tasks, "feed", self._feed, page_size=24, parent=self)
        self.youtube = PagedQuery(tasks, "youtube", self._youtube, page_size=40, parent=self)
        self.seed_stats = PagedQuery(tasks, "seed-stats", self._seed_stats, 100, parent=self)
        self.stats_sort: tuple[SeedStatsSort, SortOrder] = (SeedStatsSort.UPLOADED, SortOrder.DESC)
        self.schedule = SingleQuery(tasks, "schedule", self._schedule, parent=self)
        self.team = SingleQuery(tasks, "team", self._team, parent=self)
        self.years = SingleQuery(tasks, "years", self._years, parent=self)
        self.genres = SingleQuery(tasks, "genres", parent=self)
        self.random = SingleQuery(tasks, "random", self._random, parent=self)

    def reload_active(self) -> None:
        """Loads again every list and reference that was loaded (another server, or the same
        one back): what was never opened stays unloaded."""
        queries: list[PagedQuery | SingleQuery] = [
            self.updates, self.changes, self.feed, self.youtube, self.seed_stats,
            self.schedule, self.team, self.years,
        ]  # fmt: skip
        for query in queries:
            if query.state is not LoadState.IDLE:
                query.reload()

    async def show_kept_updates(self) -> bool:
        """The start page's first page as last kept, shown before any answer (a warm start);
        False when nothing is kept and the page must wait for the server."""
        size = self.updates.page_size
        titles = await self._offline.kept_page(f"updates:0:{size}", list[Title])
        if not titles:
            return False
        self.updates.show_kept(titles)
        return True

    def load_genres(self, by_rating: bool) -> None:
        async def fetch() -> list[str]:
            return await (await self._api.ready()).genres(by_rating)

        self.genres.load(fetch)

    def sort_seed_stats(self, by: SeedStatsSort, order: SortOrder) -> None:
        self.stats_sort = (by, order)
        self.seed_stats.reload()

    def supports(self, feature: Feature) -> bool:
        return self._api.has(feature)

    def title_query(self, parent: QObject | None = None) -> SingleQuery:
        return SingleQuery(self._tasks, f"title-{id(parent)}", parent=parent)

    async def title(self, *, code: str | None = None, id: int | None = None) -> Title:
        """The title's full details; the last copy kept when the server is unreachable."""

        async def fetch() -> Title:
            return await (await self._api.ready()).title(code=code, id=id)

        return await self._offline.title(fetch, title_id=id, code=None if id else code)

    async def brief_title(self, title_id: int) -> Title:
        """A grid card's details of one title."""
        return await (await self._api.ready()).brief_title(title_id)

    async def light_titles(self, ids: list[int]) -> list[Title]:
        """Grid-card details of many titles at once (e.g. to refresh favourites)."""
        return await (await self._api.ready()).brief_titles(ids)

    async def franchises(self, title_id: int) -> list[Franchise]:
        """The franchises a title belongs to (empty where the API has none)."""
        return await (await self._api.ready()).franchises(title_id)

    async def _updates(self, after: int, limit: int) -> list[Title]:
        return await self._offline.page(
            f"updates:{after}:{limit}",
            list[Title],
            lambda: self._api.call(lambda backend: backend.updates(after, limit)),
        )

    async def _changes(self, after: int, limit: int) -> list[Title]:
        return await self._offline.page(
            f"changes:{after}:{limit}",
            list[Title],
            lambda: self._api.call(lambda backend: backend.changes(after, limit)),
        )

    async def _feed(self, after: int, limit: int) -> list[Any]:
        return await (await self._api.ready()).feed(after, limit)

    async def _youtube(self, after: int, limit: int) -> list[Any]:
        return await (await self._api.ready()).youtube(after, limit)

    async def _seed_stats(self, after: int, limit: int) -> list[Any]:
        by, order = self.stats_sort
        return await (await self._api.ready()).seed_stats(after, limit, by, order)

    async def _schedule(self) -> Any:
        return await self._offline.page(
            "schedule", list[ScheduleDay], lambda: self._api.call(lambda b: b.schedule())
        )

    async def _team(self) -> Any:
        return await (await self._api.ready()).team()

    async def _years(self) -> Any:
        return await (await self._api.ready()).years()

    async def _random(self) -> Title:
        # Kept like any opened title (continue-watching needs it); offline there is no "random".
        return await self._offline.title(
            lambda: self._api.call(lambda b: b.random_title()), title_id=None, code=None
        )
