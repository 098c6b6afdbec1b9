"""`AniLibriaClient`: every AniLibria v2 REST method as a coroutine returning core models."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import httpx

from app.api.config import resolve_api_base, websocket_url
from app.api.http_client import HttpClient
from app.api.v2.params import (
    DescriptionType,
    GenreSorting,
    Include,
    ParamValue,
    PlaylistType,
    encode_params,
)
from app.api.v2.parse import V2Parser
from app.api.v2.transport import ServerVersion, V2Transport
from app.core import CachingNode, ScheduleDay, SeedStat, Team, Title, YouTubeVideo
from app.core.media import FeedItem
from app.core.sort import SeedStatsSort, SortOrder

if TYPE_CHECKING:
    from app.api.v2.websocket import ConnectionState, UpdatesListener

Names = str | Iterable[str]
Ints = int | Iterable[int]
Includes = Include | str | Iterable[Include | str]


class AniLibriaClient(HttpClient):
    """An async context manager over one `httpx.AsyncClient` for the whole app's life.

    Parameters keep the API's own names (`filter`, `remove`, `limit`, ...). Lists may be given as
    Python iterables; they are sent as comma lists.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        media_origin: str | None = None,
        timeout: float = 15.0,
        connect_timeout: float = 5.0,
        retries: int = 2,
        retry_backoff: float = 0.3,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(
            resolve_api_base(base_url),
            media_origin=media_origin,
            timeout=timeout,
            connect_timeout=connect_timeout,
            transport=transport,
        )
        self._parser = V2Parser(self.media)
        self._retries = retries
        self._retry_backoff = retry_backoff
        self._api: V2Transport | None = None
        self._version = ServerVersion()

    def _opened(self, http: httpx.AsyncClient) -> None:
        self._api = V2Transport(
            http, self._version, retries=self._retries, backoff=self._retry_backoff
        )

    def watch_version(self, report: Callable[[str], None]) -> None:
        """`report(version)` when the server says it speaks another major version than 2."""
        self._version.report = report

    # ----- what the server told us about itself -----

    @property
    def websocket_url(self) -> str:
        return websocket_url(self.base_url)

    @property
    def api_version(self) -> str | None:
        """The `API-Version` header of the last answer, None before the first request."""
        return self._version.current

    @property
    def version_mismatch(self) -> bool:
        """True when the server reported a major version other than 2."""
        return self._version.mismatch

    def updates_listener(
        self,
        *,
        subscriptions: Sequence[Mapping[str, Any]] = (),
        filter: str | None = None,
        remove: str | None = None,
        on_state: Callable[[ConnectionState], None] | None = None,
    ) -> UpdatesListener:
        """A WebSocket listener on this API's `<base>/ws/`, parsing like this client."""
        from app.api.v2.websocket import UpdatesListener  # websockets loads only when needed

        return UpdatesListener(
            self.websocket_url, self._parser, subscriptions=subscriptions, filter=filter,
            remove=remove, on_state=on_state,
        )  # fmt: skip

    # ----- plumbing -----

    async def _call(self, method: str, params: dict[str, ParamValue]) -> Any:
        encoded = encode_params(params)
        async with self._request():
            assert self._api is not None
            return await self._api.get(method, encoded)

    def _parser_for(self, description_type: DescriptionType | str | None) -> V2Parser:
        # DescriptionType is a StrEnum: its members are the strings the parser compares.
        return self._parser.with_description_type(description_type)

    # ----- titles -----

    async def get_title(
        self,
        *,
        id: int | None = None,
        code: str | None = None,
        torrent_id: int | None = None,
        filter: Names | None = None,
        remove: Names | None = None,
        include: Includes | None = None,
        description_type: DescriptionType | str | None = None,
        playlist_type: PlaylistType | str | None = None,
    ) -> Title:
        if id is None and code is None and torrent_id is None:
            raise ValueError("get_title needs id, code or torrent_id")
        raw = await self._call(
            "getTitle",
            {
                "id": id,
                "code": code,
                "torrent_id": torrent_id,
                "filter": filter,
                "remove": remove,
                "include": include,
                "description_type": description_type,
                "playlist_type": playlist_type,
            },
        )
        return self._parser_for(description_type).title(raw)

    async def get_titles(
        self,
        *,
        id_list: Ints | None = None,
        code_list: Names | None = None,
        torrent_id_list: Ints | None = None,
        filter: Names | None = None,
        remove: Names | None = None,
        include: Includes | None = None,
        description_type: DescriptionType | str | None = None,
        playlist_type: PlaylistType | str | None = None,
    ) -> list[Title]:
        raw = await self._call(
            "getTitles",
            {
                "id_list": id_list,
                "code_list": code_list,
                "torrent_id_list": torrent_id_list,
                "filter": filter,
                "remove": remove,
                "include": include,
                "description_type": description_type,
                "playlist_type": playlist_type,
            },
        )
        return self._parser_for(description_type).titles(raw)

    async def get_updates(
        self,
        *,
        filter: Names | None = None,
        remove: Names | None = None,
        include: Includes | None = None,
        limit: int | None = None,
        since: int | None = None,
        description_type: DescriptionType | str | None = None,
        playlist_type: PlaylistType | str | None = None,
        after: int | None = None,
    ) -> list[Title]:
        raw = await self._call(
            "getUpdates",
            {
                "filter": filter,
                "remove": remove,
                "include": include,
                "limit": limit,
                "since": since,
                "description_type": description_type,
                "playlist_type": playlist_type,
                "after": after,
            },
        )
        return self._parser_for(description_type).titles(raw)

    async def get_changes(
        self,
        *,
        filter: Names | None = None,
        remove: Names | None = None,
        include: Includes | None = None,
        limit: int | None = None,
        since: int | None = None,
        description_type: DescriptionType | str | None = None,
        after: int | None = None,
    ) -> list[Title]:
        raw = await self._call(
            "getChanges",
            {
                "filter": filter,
                "remove": remove,
                "include": include,
                "limit": limit,
                "since": since,
                "description_type": description_type,
                "after": after,
            },
        )
        return self._parser_for(description_type).titles(raw)

    async def get_schedule(
        self,
        *,
        filter: Names | None = None,
        remove: Names | None = None,
        include: Includes | None = None,
        days: Ints | None = None,
        description_type: DescriptionType | str | None = None,
        playlist_type: PlaylistType | str | None = None,
    ) -> list[ScheduleDay]:
        """Days count from Monday = 0 to Sunday = 6."""
        raw = await self._call(
            "getSchedule",
            {
                "filter": filter,
                "remove": remove,
                "include": include,
                "days": days,
                "description_type": description_type,
                "playlist_type": playlist_type,
            },
        )
        return self._parser_for(description_type).schedule(raw)

    async def get_random_title(
        self,
        *,
        filter: Names | None = None,
        remove: Names | None = None,
        include: Includes | None = None,
        description_type: DescriptionType | str | None = None,
        playlist_type: PlaylistType | str | None = None,
    ) -> Title:
        raw = await self._call(
            "getRandomTitle",
            {
                "filter": filter,
                "remove": remove,
                "include": include,
                "description_type": description_type,
                "playlist_type": playlist_type,
            },
        )
        return self._parser_for(description_type).title(raw)

    async def search_titles(
        self,
        *,
        search: Names | None = None,
        year: Ints | None = None,
        season_code: Ints | None = None,
        genres: Names | None = None,
        voice: Names | None = None,
        translator: Names | None = None,
        editing: Names | None = None,
        decor: Names | None = None,
        timing: Names | None = None,
        filter: Names | None = None,
        remove: Names | None = None,
        include: Includes | None = None,
        description_type: DescriptionType | str | None = None,
        playlist_type: PlaylistType | str | None = None,
        limit: int | None = None,
        after: int | None = None,
    ) -> list[Title]:
        """Fuzzy search by name and description; every filter narrows the result."""
        raw = await self._call(
            "searchTitles",
            {
                "search": search,
                "year": year,
                "season_code": season_code,
                "genres": genres,
                "voice": voice,
                "translator": translator,
                "editing": editing,
                "decor": decor,
                "timing": timing,
                "filter": filter,
                "remove": remove,
                "include": include,
                "description_type": description_type,
                "playlist_type": playlist_type,
                "limit": limit,
                "after": after,
            },
        )
        return self._parser_for(description_type).titles(raw)

    # ----- feed and videos -----

    async def get_youtube(
        self,
        *,
        filter: Names | None = None,
        remove: Names | None = None,
        limit: int | None = None,
        since: int | None = None,
        after: int | None = None,
    ) -> list[YouTubeVideo]:
        raw = await self._call(
            "getYouTube",
            {"filter": filter, "remove": remove, "limit": limit, "since": since, "after": after},
        )
        return self._parser.youtube_list(raw)

    async def get_feed(
        self,
        *,
        filter: Names | None = None,
        remove: Names | None = None,
        include: Includes | None = None,
        limit: int | None = None,
        since: int | None = None,
        description_type: DescriptionType | str | None = None,
        playlist_type: PlaylistType | str | None = None,
        after: int | None = None,
    ) -> list[FeedItem]:
        raw = await self._call(
            "getFeed",
            {
                "filter": filter,
                "remove": remove,
                "include": include,
                "limit": limit,
                "since": since,
                "description_type": description_type,
                "playlist_type": playlist_type,
                "after": after,
            },
        )
        return self._parser_for(description_type).feed(raw)

    # ----- reference lists -----

    async def get_years(self) -> list[int]:
        return V2Parser.years(await self._call("getYears", {}))

    async def get_genres(self, *, sorting_type: GenreSorting | int | None = None) -> list[str]:
        return V2Parser.genres(await self._call("getGenres", {"sorting_type": sorting_type}))

    async def get_caching_nodes(self) -> list[CachingNode]:
        """Alternative stream hosts, heaviest weight first."""
        return V2Parser.caching_nodes(await self._call("getCachingNodes", {}))

    async def get_team(self) -> Team:
        return V2Parser.team(await self._call("getTeam", {}))

    async def get_seed_stats(
        self,
        *,
        users: Names | None = None,
        filter: Names | None = None,
        remove: Names | None = None,
        limit: int | None = None,
        after: int | None = None,
        sort_by: SeedStatsSort | str | None = None,
        order: SortOrder | int | None = None,
    ) -> list[SeedStat]:
        raw = await self._call(
            "getSeedStats",
            {
                "users": users,
                "filter": filter,
                "remove": remove,
                "limit": limit,
                "after": after,
                "sort_by": sort_by,
                "order": order,
            },
        )
        return V2Parser.seed_stats(raw)
