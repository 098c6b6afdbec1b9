"""What every backend's client shares: one httpx pool for the app's life, draining on close,
and media downloads (posters, stills, playlists) over that pool."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx
import orjson

from app import __version__
from app.api import tls
from app.api.errors import (
    ApiError,
    MalformedResponseError,
    NetworkError,
    ServerError,
    status_error,
)
from app.api.media import MediaResolver, origin_of

log = logging.getLogger(__name__)
T = TypeVar("T")


async def with_retries(
    request: Callable[[], Awaitable[T]], *, retries: int, backoff: float, what: str
) -> T:
    """Runs `request`, retrying outages and 5xx with doubling delays: they may pass. A malformed
    body will be malformed again, and 4xx answers are final, so those are raised at once."""
    attempt = 0
    while True:
        try:
            return await request()
        except (ServerError, NetworkError) as error:
            if isinstance(error, MalformedResponseError) or attempt >= retries:
                raise
            delay = backoff * (2**attempt)
            attempt += 1
            log.info("%s failed (%s); retry %d in %.2fs", what, error, attempt, delay)
            await asyncio.sleep(delay)


@contextlib.contextmanager
def network_errors(what: str) -> Iterator[None]:
    """httpx's timeouts and transport failures as the app's NetworkError, naming `what`."""
    try:
        yield
    except httpx.TimeoutException as error:
        raise NetworkError(f"{what}: the server did not answer in time") from error
    except httpx.TransportError as error:
        raise NetworkError(f"{what}: cannot reach the server ({error})") from error


def decoded(
    response: httpx.Response, what: str, error_for: Callable[[int, object], ApiError]
) -> Any:
    """The answer's JSON. A body that is not JSON is the status's error (a proxy's error page),
    or, on a success status, a malformed answer."""
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError as error:
        if response.status_code >= 400:
            raise error_for(response.status_code, None) from error
        raise MalformedResponseError(f"{what}: the answer is not valid JSON") from error


class HttpClient:
    """An async context manager over one `httpx.AsyncClient` rooted at `base_url`."""

    def __init__(
        self,
        base_url: str,
        *,
        media_origin: str | None = None,
        timeout: float = 15.0,
        connect_timeout: float = 5.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url
        self.media_origin = origin_of(media_origin or base_url)
        self.media = MediaResolver(self.media_origin)
        self._timeout = httpx.Timeout(timeout, connect=connect_timeout)
        self._transport = transport
        self._http: httpx.AsyncClient | None = None
        self._in_flight = 0
        self._drained = asyncio.Event()
        self._drained.set()

    async def __aenter__(self) -> Self:
        self._http = httpx.AsyncClient(
            base_url=self.base_url + "/",
            timeout=self._timeout,
            headers={"User-Agent": f"Libria/{__version__}", "Accept": "application/json"},
            follow_redirects=True,
            transport=self._transport,
            verify=tls.context(),
        )
        self._opened(self._http)
        return self

    def _opened(self, http: httpx.AsyncClient) -> None:
        """Hook for subclasses: the pool exists now."""

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self, drain_timeout: float = 0.0) -> None:
        """Closes the connection pool. With `drain_timeout`, requests still running get that long
        to finish first: a request that outlives its pool would leave its socket open."""
        if self._http is None:
            return
        if drain_timeout > 0 and self._in_flight:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(drain_timeout):
                    await self._drained.wait()
        http, self._http = self._http, None
        await http.aclose()

    def pool(self) -> contextlib.AbstractAsyncContextManager[httpx.AsyncClient]:
        """The shared pool for one request (counted, so closing can wait for it)."""
        return self._request()

    @contextlib.asynccontextmanager
    async def _request(self) -> AsyncIterator[httpx.AsyncClient]:
        if self._http is None:
            raise RuntimeError(f"use {type(self).__name__} as 'async with ...(...) as client'")
        self._in_flight += 1
        self._drained.clear()
        try:
            yield self._http
        finally:
            self._in_flight -= 1
            if not self._in_flight:
                self._drained.set()

    async def fetch_media(
        self, url: str, *, max_bytes: int = 16 * 1024 * 1024, within: float | None = None
    ) -> bytes:
        """Downloads a poster, still or .torrent (absolute http(s) URL) over the shared client."""
        if self.media.resolve(url) != url:
            raise ValueError(f"not a media URL: {url!r}")
        with network_errors(url):
            async with self._request() as http:
                if within is None:
                    response = await http.get(url)
                else:
                    response = await http.get(url, timeout=within)
        if response.status_code >= 400:
            raise status_error(response.status_code)
        if len(response.content) > max_bytes:
            raise MalformedResponseError(f"{url}: larger than {max_bytes} bytes")
        return response.content

    def media_url(self, path: str) -> str:
        """An absolute URL for a relative media path from the API ("" when unsafe)."""
        return self.media.resolve(path)
