"""The one API client of the app's life, replaced when the user points Libria elsewhere."""

from __future__ import annotations

import logging
from typing import TypeGuard

from PySide6.QtCore import QObject, Signal

from app.api import AniLibriaClient, ApiError, MalformedResponseError, NetworkError
from app.services.state import LoadState

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
    client_changed = Signal()

    def __init__(self, base_url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._base_url = base_url
        self._client: AniLibriaClient | None = None

    @property
    def client(self) -> AniLibriaClient:
        if self._client is None:
            raise RuntimeError("ApiService.start() has not run")
        return self._client

    @property
    def base_url(self) -> str:
        return self._base_url

    async def start(self) -> None:
        client = AniLibriaClient(self._base_url)
        await client.__aenter__()
        self._client = client

    async def set_base_url(self, base_url: str) -> None:
        """Swaps in a client for another server; raises ValueError for an unusable URL."""
        client = AniLibriaClient(base_url)
        await client.__aenter__()
        old, self._client, self._base_url = self._client, client, client.base_url
        log.info("API base is now %s", self._base_url)
        self.client_changed.emit()
        if old is not None:
            await old.aclose(drain_timeout=20.0)  # let requests under way finish on their pool

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
