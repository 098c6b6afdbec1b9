"""Working without the server: answers fall back to the library's last copies, the app knows it
is offline (and since when its data is), and a background probe notices when the server is back.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from app.core import Title
from app.services.api import ApiService, unreachable
from app.services.library import LibraryService
from app.services.tasks import TaskRunner
from app.storage.library import Cached

log = logging.getLogger(__name__)
T = TypeVar("T")
RETRY_DELAYS = (5.0, 10.0, 20.0, 40.0, 60.0)  # then every minute


class Connectivity(QObject):
    """Online or not, as the last request found it; while offline, probes with backoff."""

    changed = Signal(bool, float)  # online, when the data shown was fetched (0 = nothing cached)
    restored = Signal()

    def __init__(
        self,
        api: ApiService,
        tasks: TaskRunner,
        delays: tuple[float, ...] = RETRY_DELAYS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._tasks = tasks
        self._delays = delays
        self.online = True
        self.data_time = 0.0

    def went_offline(self, data_time: float) -> None:
        # The oldest data on screen is what the banner must own up to.
        if data_time and (not self.data_time or data_time < self.data_time):
            self.data_time = data_time
        if self.online:
            self.online = False
            log.warning("the API is unreachable: working offline")
            self._tasks.run(self._probe_until_back(), name="connectivity-probe")
        self.changed.emit(False, self.data_time)

    def confirmed_online(self) -> None:
        if self.online:
            return
        self.online = True
        self.data_time = 0.0
        self._tasks.cancel("connectivity-probe")
        log.info("the API answers again")
        self.changed.emit(True, 0.0)
        self.restored.emit()

    def check(self) -> None:
        """Something else (a download) could not connect: the API is asked now, and the app
        goes offline when it does not answer either (then `restored` tells when it is back)."""
        if self.online:
            self._tasks.run(self._check(), name="connectivity-check")

    async def _check(self) -> None:
        try:
            await self._api.backend.years()
        except Exception as error:
            if unreachable(error):
                self.went_offline(0.0)
            return
        self.confirmed_online()

    def retry_now(self) -> None:
        if not self.online:
            self._tasks.run(self._probe_until_back(immediately=True), name="connectivity-probe")

    async def _probe_until_back(self, immediately: bool = False) -> None:
        attempt = 0
        while not self.online:
            if not immediately or attempt:
                delay = self._delays[min(attempt, len(self._delays) - 1)]
                await asyncio.sleep(delay * random.uniform(0.8, 1.2))
            attempt += 1
            try:
                await self._api.backend.years()
            except Exception as error:  # any failure: still offline, try later
                log.debug("still offline: %s", error)
                continue
            self.confirmed_online()


class OfflineCache:
    """Fetches through the network, keeps what came, and answers from the copy when the server
    cannot be reached."""

    def __init__(
        self, library: LibraryService, connectivity: Connectivity, tasks: TaskRunner
    ) -> None:
        self._library = library
        self._connectivity = connectivity
        self._tasks = tasks

    async def page(self, key: str, kind: Any, fetch: Callable[[], Awaitable[T]]) -> T:
        return await self._fetch(
            fetch,
            kept=lambda: self._library.kept_page(key, kind),
            keep=lambda value: self._library.keep_page(key, value),
        )

    async def kept_page(self, key: str, kind: Any) -> Any | None:
        """The page as last kept, without asking the server (None: nothing kept)."""
        cached = await self._library.kept_page(key, kind)
        return None if cached is None else cached.value

    async def title(
        self, fetch: Callable[[], Awaitable[Title]], *, title_id: int | None, code: str | None
    ) -> Title:
        return await self._fetch(
            fetch,
            kept=lambda: self._library.kept_title(title_id=title_id, code=code),
            keep=self._library.keep_title,
        )

    async def _fetch(
        self,
        fetch: Callable[[], Awaitable[T]],
        kept: Callable[[], Awaitable[Cached | None]],
        keep: Callable[[T], Coroutine[Any, Any, None]],
    ) -> T:
        """The server's answer (kept for later), or the kept copy when the server is away."""
        try:
            value = await fetch()
        except Exception as error:
            if not unreachable(error):
                raise
            cached = await kept()
            self._connectivity.went_offline(cached.fetched if cached else 0.0)
            if cached is None:
                raise
            result: T = cached.value
            return result
        self._connectivity.confirmed_online()
        self._tasks.run(keep(value))
        return value
