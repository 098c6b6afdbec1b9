"""The one API client of the app's life, replaced when the user points Libria elsewhere."""

from __future__ import annotations

import logging
from typing import TypeGuard

from PySide6.QtCore import QObject, Signal

from app.api import ApiError, MalformedResponseError, NetworkError
from app.api.backend import ApiKind, Backend, Feature
from app.api.select import choose, make_backend
from app.services.state import LoadState

__all__ = ["ApiKind", "ApiService", "Feature", "describe", "unreachable"]
log = logging.getLogger(__name__)


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
    """Owns the backend (v1 or v2) the app talks to; `client_changed` when it is replaced."""

    client_changed = Signal()

    def __init__(
        self, base_url: str | None, kind: ApiKind = ApiKind.AUTO, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._requested = (base_url or None, kind)
        self._base_url = base_url or ""
        self._backend: Backend | None = None

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
        return self._backend is not None and feature in self._backend.features

    async def start(self) -> None:
        self._backend = await self._open(*self._requested)
        self._base_url = self._backend.base_url

    async def _open(self, base_url: str | None, kind: ApiKind) -> Backend:
        url, chosen = await choose(base_url, kind)
        backend = make_backend(url, chosen)
        await backend.__aenter__()  # type: ignore[attr-defined]
        log.info("API: %s (%s)", backend.base_url, backend.kind)
        return backend

    async def set_base_url(self, base_url: str | None, kind: ApiKind = ApiKind.AUTO) -> None:
        """Swaps in a backend for another server; raises ValueError for an unusable URL."""
        backend = await self._open(base_url, kind)
        old, self._backend, self._base_url = self._backend, backend, backend.base_url
        log.info("API base is now %s", self._base_url)
        self.client_changed.emit()
        if old is not None:
            await old.aclose(drain_timeout=20.0)  # let requests under way finish on their pool

    async def close(self) -> None:
        if self._backend is not None:
            await self._backend.aclose()
            self._backend = None
