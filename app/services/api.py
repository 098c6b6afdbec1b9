"""The one API client of the app's life, replaced when the user points Libria elsewhere."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeGuard, TypeVar

from PySide6.QtCore import QObject, Signal

from app.api import ApiError, MalformedResponseError, NetworkError
from app.api.backend import FEATURES, ApiKind, Backend, Feature
from app.api.select import (
    LIVE_BASES,
    Candidates,
    choose,
    fallback,
    first_answering,
    kind_from_url,
    make_backend,
)
from app.services.state import LoadState

__all__ = ["ApiKind", "ApiService", "Feature", "describe", "unreachable"]
log = logging.getLogger(__name__)
T = TypeVar("T")


def unreachable(error: BaseException) -> TypeGuard[NetworkError]:
    """The server could not be reached (as opposed to answering wrongly)."""
    return isinstance(error, NetworkError) and not isinstance(error, MalformedResponseError)


def describe(error: BaseException) -> tuple[LoadState, str]:
    """The state and the message a view shows for a failed request."""
    if unreachable(error):
        return LoadState.OFFLINE, error.message
    if isinstance(error, ApiError):
        return LoadState.ERROR, error.message
    return LoadState.ERROR, f"{type(error).__name__}: {error}"


class ApiService(QObject):
    """Owns the backend (v1 or v2) the app talks to; `client_changed` when it is replaced.

    With no address given the choice is automatic: the service's known addresses are probed and
    the first that answers wins. The last such answer can be handed in (`remembered`): the app
    then starts on it at once and checks the others in the background, instead of waiting for
    probes at every start (they can take seconds where the service is blocked).
    """

    client_changed = Signal()
    auto_chosen = Signal(str, str)  # url, kind: an automatic choice that answered
    version_mismatch = Signal(str)  # the server's API version, when Libria was not made for it
    wanted = Signal()  # something waits in `ready()` for an API not started yet

    def __init__(
        self,
        base_url: str | None,
        kind: ApiKind = ApiKind.AUTO,
        parent: QObject | None = None,
        remembered: tuple[str, ApiKind] | None = None,
        candidates: Candidates = LIVE_BASES,
    ) -> None:
        super().__init__(parent)
        self._requested = (base_url or None, kind)
        self._remembered = remembered
        self._candidates = candidates
        self._base_url = base_url or ""
        self._backend: Backend | None = None
        self._recheck: asyncio.Task[None] | None = None
        self._starting: asyncio.Future[None] | None = None  # the opening under way
        self._started = asyncio.Event()
        self.awaited = False  # something has waited in `ready()` (see `wanted`)

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            raise RuntimeError("ApiService.start() has not run")
        return self._backend

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def kind(self) -> ApiKind:
        return self.backend.kind

    def has(self, feature: Feature) -> bool:
        if self._backend is not None:
            return feature in self._backend.features
        kind = self.expected_kind()  # before start: what the kind it will open can do
        return kind is not None and feature in FEATURES[kind]

    @property
    def started(self) -> bool:
        return self._backend is not None

    def expected_kind(self) -> ApiKind | None:
        """The kind `start()` will open, where that is known without asking the network."""
        if self._backend is not None:
            return self._backend.kind
        url, kind = self._requested
        if kind is not ApiKind.AUTO:
            return kind
        if url is not None:
            return kind_from_url(url)
        return self._remembered[1] if self._remembered is not None else None

    async def ready(self) -> Backend:
        """The backend, once `start()` has made it (a warm start makes it after the first paint;
        asking before that says it is `wanted`)."""
        if self._backend is None:
            self.awaited = True
            self.wanted.emit()
            await self._started.wait()
        return self.backend

    async def call(self, request: Callable[[Backend], Awaitable[T]]) -> T:
        """`request` on the backend, once there is one (see `ready`)."""
        return await request(await self.ready())

    async def start(self) -> None:
        """Opens the backend, once: callers that come while it opens (a cold `libria play` and
        the first page's step) wait for the same opening, so no second pool is made and lost."""
        if self._backend is not None:
            return
        if self._starting is None:
            self._starting = asyncio.ensure_future(self._start())
            self._starting.add_done_callback(self._start_ended)
        await asyncio.shield(self._starting)  # a caller cancelled leaves the others their start

    def _start_ended(self, starting: asyncio.Future[None]) -> None:
        if self._starting is starting:
            self._starting = None  # done, or failed: a later call may try again

    async def _start(self) -> None:
        url, kind = self._requested
        remembered = self._remembered
        if url is None and remembered is not None and kind in (ApiKind.AUTO, remembered[1]):
            self._backend = await self._open(*remembered)
            self._recheck = asyncio.ensure_future(self._check_automatic(kind))
        else:
            self._backend = await self._open(url, kind)
        self._base_url = self._backend.base_url
        self._started.set()

    async def _open(self, base_url: str | None, kind: ApiKind) -> Backend:
        if base_url is None:
            url, chosen = await self._automatic(kind)
        else:
            url, chosen = await choose(base_url, kind)
        backend = make_backend(url, chosen)
        backend.watch_version(self.version_mismatch.emit)
        await backend.__aenter__()  # type: ignore[attr-defined]
        log.info("API: %s (%s)", backend.base_url, backend.kind)
        return backend

    async def _automatic(self, kind: ApiKind) -> tuple[str, ApiKind]:
        found = await first_answering(kind, candidates=self._candidates)
        if found is None:
            log.info("none of the service's addresses answers; starting offline")
            return fallback(kind, self._candidates)
        self.auto_chosen.emit(found[0], found[1].value)
        return found

    async def _check_automatic(self, kind: ApiKind) -> None:
        """After a start on the remembered address: moves to a better one if that one is gone."""
        found = await first_answering(kind, candidates=self._candidates)
        if found is None:
            return  # nothing answers now: stay, the offline probe takes it from here
        self.auto_chosen.emit(found[0], found[1].value)
        if self._backend is not None and (self._backend.base_url, self._backend.kind) != found:
            log.info("%s answers first now; moving there", found[0])
            await self.set_base_url(*found)

    async def set_base_url(self, base_url: str | None, kind: ApiKind = ApiKind.AUTO) -> None:
        """Swaps in a backend for another server (None: the automatic choice); raises
        ValueError for an unusable URL."""
        backend = await self._open(base_url, kind)
        old, self._backend, self._base_url = self._backend, backend, backend.base_url
        self._started.set()
        log.info("API base is now %s", self._base_url)
        self.client_changed.emit()
        if old is not None:
            await old.aclose(drain_timeout=20.0)  # let requests under way finish on their pool

    async def close(self) -> None:
        if self._starting is not None:  # closing mid-start: nothing may open after it
            self._starting.cancel()
            await asyncio.gather(self._starting, return_exceptions=True)
            self._starting = None
        if self._recheck is not None:
            self._recheck.cancel()
            await asyncio.gather(self._recheck, return_exceptions=True)
            self._recheck = None
        if self._backend is not None:
            await self._backend.aclose()
            self._backend = None
