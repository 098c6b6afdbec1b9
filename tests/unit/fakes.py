"""A backend in memory: the real `Backend` protocol over a list of core titles, no server.

Tests tell it to fail (`fail(method, error)`, with the app's real `ApiError` kinds) or to hold a
method's answers until they release them (`hold(method)`), and read back what was asked
(`calls`) and which calls are over (`finished`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from app.api import ApiError, NotFoundError
from app.api.backend import ApiKind, Backend, Feature
from app.core import (
    CachingNode,
    Episode,
    FeedItem,
    Franchise,
    Names,
    Player,
    ScheduleDay,
    SeasonInfo,
    SeedStat,
    Team,
    Title,
    YouTubeVideo,
)
from app.core.search import SearchCriteria
from app.services.api import ApiService


def make_title(
    title_id: int,
    name: str = "",
    *,
    year: int = 2024,
    genres: Sequence[str] = ("Приключения",),
    episodes: int = 3,
    updated: int = 0,
    week_day: int | None = None,
) -> Title:
    """A title as a backend returns it: names, season, genres and a playlist of episodes."""
    return Title(
        id=title_id,
        code=f"title-{title_id}",
        names=Names(ru=name or f"Тайтл {title_id}", en=f"Title {title_id}"),
        updated=updated or 1_700_000_000 + title_id,
        genres=tuple(genres),
        season=SeasonInfo(year=year, week_day=week_day),
        player=Player(episodes=tuple(Episode(number=float(n)) for n in range(1, episodes + 1))),
    )


class FakeBackend:
    """Answers from `titles`; `updates` is newest first, like the service's."""

    kind = ApiKind.V2
    base_url = "http://backend.invalid/v2"

    def __init__(
        self,
        titles: Sequence[Title] = (),
        features: frozenset[Feature] = frozenset(Feature) - {Feature.ACCOUNTS},
    ) -> None:
        self.titles = list(titles)
        self.features = features
        self.account: Any = None  # an account API in memory, where a test gives one
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.finished: list[str] = []  # methods whose call is over (answered, failed, cancelled)
        self.closed = False
        self._failures: dict[str, list[BaseException]] = {}
        self._held: dict[str, asyncio.Event] = {}

    # ----- what tests control -----

    def fail(self, method: str, error: BaseException, times: int = 1) -> None:
        """The next `times` calls of `method` raise `error`."""
        self._failures.setdefault(method, []).extend([error] * times)

    def hold(self, method: str) -> asyncio.Event:
        """The next call of `method` waits until the returned event is set."""
        self._held[method] = asyncio.Event()
        return self._held[method]

    def called(self, method: str) -> list[tuple[Any, ...]]:
        return [args for name, args in self.calls if name == method]

    async def _answer(self, method: str, *args: Any) -> None:
        self.calls.append((method, args))
        try:
            held = self._held.pop(method, None)
            if held is not None:
                await held.wait()
            failures = self._failures.get(method)
            if failures:
                raise failures.pop(0)
        finally:
            self.finished.append(method)

    def _newest_first(self) -> list[Title]:
        return sorted(self.titles, key=lambda title: title.updated, reverse=True)

    def _find(self, *, code: str | None = None, id: int | None = None) -> Title:
        for title in self.titles:
            if (id is not None and title.id == id) or (code is not None and title.code == code):
                return title
        raise NotFoundError(404, "Тайтл не найден")

    # ----- the Backend protocol -----

    async def aclose(self, drain_timeout: float = 0.0) -> None:
        self.closed = True

    async def fetch_media(
        self, url: str, *, max_bytes: int = 0, within: float | None = None
    ) -> bytes:
        await self._answer("fetch_media", url)
        return b""

    def watch_version(self, report: Callable[[str], None]) -> None:
        self.report_version = report

    def media_url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    async def title(self, *, code: str | None = None, id: int | None = None) -> Title:
        await self._answer("title", code, id)
        return self._find(code=code, id=id)

    async def brief_title(self, title_id: int) -> Title:
        await self._answer("brief_title", title_id)
        return self._find(id=title_id)

    async def brief_titles(self, ids: Sequence[int]) -> list[Title]:
        await self._answer("brief_titles", tuple(ids))
        return [title for title in self.titles if title.id in ids]

    async def random_title(self) -> Title:
        await self._answer("random_title")
        if not self.titles:
            raise NotFoundError(404, "Нет тайтлов")
        return self.titles[0]

    async def updates(self, after: int, limit: int) -> list[Title]:
        await self._answer("updates", after, limit)
        return self._newest_first()[after : after + limit]

    async def changes(self, after: int, limit: int) -> list[Title]:
        await self._answer("changes", after, limit)
        return self._newest_first()[after : after + limit]

    async def feed(self, after: int, limit: int) -> list[FeedItem]:
        await self._answer("feed", after, limit)
        return []

    async def youtube(self, after: int, limit: int) -> list[YouTubeVideo]:
        await self._answer("youtube", after, limit)
        videos = [YouTubeVideo(id=n, title=f"Видео {n}") for n in range(1, 51)]
        return videos[after : after + limit]

    async def seed_stats(self, after: int, limit: int, by: Any, order: Any) -> list[SeedStat]:
        await self._answer("seed_stats", after, limit, by, order)
        return [SeedStat(user=f"user{n}") for n in range(after, min(after + limit, 120))]

    async def schedule(self) -> list[ScheduleDay]:
        await self._answer("schedule")
        days: dict[int, list[Title]] = {}
        for title in self.titles:
            if title.season.week_day is not None:
                days.setdefault(title.season.week_day, []).append(title)
        return [ScheduleDay(day=day, titles=tuple(days[day])) for day in sorted(days)]

    async def search(self, criteria: SearchCriteria, after: int, limit: int) -> list[Title]:
        await self._answer("search", criteria, after, limit)
        text = criteria.text.strip().lower()
        found = [
            title
            for title in self.titles
            if text in title.names.main.lower()
            and (not criteria.years or title.season.year in criteria.years)
            and (not criteria.genres or set(criteria.genres) <= set(title.genres))
        ]
        return found[after : after + limit]

    async def franchises(self, title_id: int) -> list[Franchise]:
        await self._answer("franchises", title_id)
        return []

    async def team(self) -> Team:
        await self._answer("team")
        return Team(voice=("Голос",))

    async def years(self) -> list[int]:
        await self._answer("years")
        return sorted({title.season.year for title in self.titles})

    async def genres(self, by_rating: bool = False) -> list[str]:
        await self._answer("genres", by_rating)
        return sorted({genre for title in self.titles for genre in title.genres})

    async def caching_nodes(self) -> list[CachingNode]:
        await self._answer("caching_nodes")
        return []

    async def poll_latest(self, etag: str = "") -> tuple[list[Title] | None, str]:
        await self._answer("poll_latest", etag)
        return self._newest_first(), "etag"

    async def poll_schedule(self, etag: str = "") -> tuple[list[ScheduleDay] | None, str]:
        return await self.schedule(), "etag"

    def updates_listener(
        self,
        *,
        subscriptions: Sequence[Mapping[str, Any]] = (),
        on_state: Callable[[Any], None] | None = None,
    ) -> Any:
        raise ApiError(0, "the fake backend has no update stream")


class FakeApiService(ApiService):
    """The app's real ApiService, opening the fake backend instead of a server."""

    def __init__(self, backend: FakeBackend) -> None:
        super().__init__(backend.base_url, backend.kind)
        self.fake = backend

    async def _open(self, base_url: str | None, kind: ApiKind) -> Backend:
        return self.fake


if TYPE_CHECKING:
    _conforms: type[Backend] = FakeBackend  # mypy checks the fake against the real protocol
