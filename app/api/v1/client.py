"""`V1Client`: the AniLibria v1 REST endpoints Libria uses, as coroutines returning core models."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from app.api.errors import (
    ApiError,
    AuthRequiredError,
    InvalidRequestError,
    status_error,
)
from app.api.http_client import (
    HttpClient,
    decoded,
    network_errors,
    with_retries,
)
from app.api.v1.parse import Page, V1Parser
from app.core import Franchise, ScheduleDay, Team, Title, YouTubeVideo

log = logging.getLogger(__name__)
MAX_LIMIT = 50  # the service's largest page


@dataclass(frozen=True)
class CatalogFilter:
    """`/anime/catalog/releases` filters, in the app's terms (ids and enum values of v1)."""

    search: str = ""
    genre_ids: tuple[int, ...] = ()
    seasons: tuple[str, ...] = ()  # "winter", "spring", "summer", "autumn"
    types: tuple[str, ...] = ()  # "TV", "MOVIE", ...
    from_year: int | None = None
    to_year: int | None = None
    age_ratings: tuple[str, ...] = ()
    sorting: str = "FRESH_AT_DESC"

    def params(self) -> dict[str, str]:
        params = {"f[sorting]": self.sorting}
        if self.search.strip():
            params["f[search]"] = self.search.strip()
        for name, values in (
            ("f[genres]", self.genre_ids),
            ("f[seasons]", self.seasons),
            ("f[types]", self.types),
            ("f[age_ratings]", self.age_ratings),
        ):
            if values:
                params[name] = ",".join(str(v) for v in values)
        if self.from_year is not None:
            params["f[years][from_year]"] = str(self.from_year)
        if self.to_year is not None:
            params["f[years][to_year]"] = str(self.to_year)
        return params


@dataclass(frozen=True)
class Conditional:
    """A conditional GET's outcome: `data` is None when the server said 304 Not Modified."""

    data: Any
    etag: str
    last_modified: str


def error_from_body(status: int, payload: object) -> ApiError:
    """Maps a v1 error answer (`{"message": ..., "errors": {field: [...]}}`) to an ApiError."""
    body = payload if isinstance(payload, dict) else {}
    raw_message = body.get("message")
    message = raw_message if isinstance(raw_message, str) else ""
    errors = body.get("errors")
    if isinstance(errors, dict):
        details = [
            text for texts in errors.values() if isinstance(texts, list)
            for text in texts if isinstance(text, str)
        ]  # fmt: skip
        message = "; ".join(details) or message
    if status == 422:
        return InvalidRequestError(status, message or "the server refused the parameters")
    if status in (401, 403):
        return AuthRequiredError(status, message or "this needs a signed-in user")
    return status_error(status, message)


class V1Client(HttpClient):
    kind = "v1"

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 15.0,
        connect_timeout: float = 5.0,
        retries: int = 2,
        retry_backoff: float = 0.3,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(
            base_url, timeout=timeout, connect_timeout=connect_timeout, transport=transport
        )
        self.parser = V1Parser(self.media)
        self._retries = retries
        self._backoff = retry_backoff

    # ----- plumbing -----

    async def get_json(
        self,
        path: str,
        params: Mapping[str, str] | None = None,
        *,
        etag: str = "",
        last_modified: str = "",
    ) -> Conditional:
        """GET `<base>/<path>`; retries outages and 5xx; a 304 gives `data=None`."""
        return await with_retries(
            lambda: self._get_once(path, params or {}, etag, last_modified),
            retries=self._retries,
            backoff=self._backoff,
            what=path,
        )

    async def _get_once(
        self, path: str, params: Mapping[str, str], etag: str, last_modified: str
    ) -> Conditional:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with network_errors(path):
            async with self._request() as http:
                response = await http.get(path, params=params, headers=headers)
        new_etag = response.headers.get("ETag", "")
        new_modified = response.headers.get("Last-Modified", "")
        if response.status_code == 304:
            return Conditional(None, new_etag or etag, new_modified or last_modified)
        payload = decoded(response, path, error_from_body)
        if response.status_code >= 400:
            raise error_from_body(response.status_code, payload)
        return Conditional(payload, new_etag, new_modified)

    async def _get(self, path: str, params: Mapping[str, str] | None = None) -> Any:
        return (await self.get_json(path, params)).data

    # ----- releases -----

    async def latest(self, limit: int = 14) -> list[Title]:
        return self.parser.titles(await self._get("anime/releases/latest", _limit(limit)))

    async def random(self, limit: int = 1) -> list[Title]:
        return self.parser.titles(await self._get("anime/releases/random", _limit(limit)))

    async def release(self, alias_or_id: str | int) -> Title:
        key = str(alias_or_id)
        if not key or "/" in key or key in (".", ".."):
            raise ValueError(f"not a release alias or id: {alias_or_id!r}")
        return self.parser.title(await self._get(f"anime/releases/{key}"))

    async def releases(self, ids: Iterable[int], page: int = 1, limit: int = MAX_LIMIT) -> Page:
        params = {"ids": ",".join(str(i) for i in ids), "page": str(page), **_limit(limit)}
        return self.parser.title_page(await self._get("anime/releases/list", params))

    async def catalog(
        self, filters: CatalogFilter | None = None, page: int = 1, limit: int = 20
    ) -> Page:
        params = {**(filters or CatalogFilter()).params(), "page": str(page), **_limit(limit)}
        return self.parser.title_page(await self._get("anime/catalog/releases", params))

    async def search_releases(self, query: str) -> list[Title]:
        return self.parser.titles(await self._get("app/search/releases", {"query": query}))

    async def schedule(self) -> list[ScheduleDay]:
        return self.parser.schedule(await self._get("anime/schedule/week"))

    async def franchises(self, release_id: int) -> list[Franchise]:
        return self.parser.franchises(
            await self._get(f"anime/franchises/release/{int(release_id)}")
        )

    # ----- references, media, team -----

    async def genre_ids(self) -> dict[str, int]:
        return self.parser.genres(await self._get("anime/catalog/references/genres"))

    async def years(self) -> list[int]:
        return self.parser.years(await self._get("anime/catalog/references/years"))

    async def videos(self, limit: int = 20) -> list[YouTubeVideo]:
        return self.parser.videos(await self._get("media/videos", {"limit": str(max(1, limit))}))

    async def team(self) -> Team:
        return self.parser.team(await self._get("teams/users"))


def _limit(limit: int) -> dict[str, str]:
    return {"limit": str(max(1, min(MAX_LIMIT, limit)))}
