"""One try at one episode: the title and its playlist URLs found, the engine run, and every way
it can end turned into an `Outcome` the queue acts on."""

from __future__ import annotations

import asyncio
import errno
import importlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from app.api import ApiError
from app.core import Episode, Quality, Title
from app.core.download import (
    AlreadyDownloading,
    DiskFull,
    DownloadFailed,
    DownloadItem,
    DownloadState,
    FetchProgress,
    RefusedSource,
    SharedRecord,
    Unreachable,
)
from app.services.api import unreachable
from app.services.download_files import DownloadFiles, within
from app.services.library import LibraryService
from app.services.streams import PlaybackError

if TYPE_CHECKING:
    import httpx

    from app.download.engine import EpisodeSource

log = logging.getLogger(__name__)
# The API client's policy (app.api.http_client): the same timeouts, the environment's proxy.
CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 15.0


class Engine(Protocol):
    """app.download.engine.download_episode's signature."""

    def __call__(
        self,
        source: EpisodeSource,
        target: Path,
        work_dir: Path,
        client: httpx.AsyncClient,
        on_progress: Callable[[FetchProgress], None],
        *,
        record: SharedRecord,
    ) -> Awaitable[int]: ...


class Sources(Protocol):
    """Where an episode's playlist may be fetched from (StreamResolver)."""

    async def candidates(
        self, title: Title, episode: Episode, quality: Quality | None = None
    ) -> tuple[Quality, tuple[str, ...]]: ...


class Titles(Protocol):
    async def title(self, *, code: str | None = None, id: int | None = None) -> Title: ...


def download_client() -> httpx.AsyncClient:
    """The one client downloads use. Redirects are not followed: every URL the engine fetches
    is checked against the episode's hosts first, and a redirect would skip that check."""
    import httpx

    from app import __version__
    from app.api import tls

    return httpx.AsyncClient(
        timeout=httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
        verify=tls.context(),  # the app's one TLS context, not a second load of the CA bundle
        headers={"User-Agent": f"Libria/{__version__}"},
        follow_redirects=False,
    )


@dataclass(frozen=True)
class Outcome:
    state: DownloadState = DownloadState.DONE
    reason: str = ""  # for the viewer, when it failed
    size: int | None = None
    busy: bool = False  # another process is fetching it: try again later
    gone: bool = False  # the other process deleted it meanwhile
    disk_full: bool = False  # the queue stops
    unreachable: bool = False  # no connection: worth another try once the network is back


def _failed(item: DownloadItem, error: Exception) -> Outcome:
    """What an episode's failed run means for the queue."""
    if isinstance(error, AlreadyDownloading):
        return Outcome(DownloadState.QUEUED, str(error), busy=True)
    if isinstance(error, DiskFull):
        return Outcome(DownloadState.FAILED, str(error), disk_full=True)
    if isinstance(error, Unreachable):
        return Outcome(DownloadState.FAILED, str(error), unreachable=True)
    if isinstance(error, DownloadFailed | PlaybackError | ApiError):  # the API's: for the title
        return Outcome(DownloadState.FAILED, str(error), unreachable=unreachable(error))
    if isinstance(error, OSError):  # the folder cannot be made or written
        full = error.errno == errno.ENOSPC
        return Outcome(DownloadState.FAILED, error.strerror or str(error), disk_full=full)
    log.error("download %s broke", item.id, exc_info=error)  # a bug fails one episode only
    return Outcome(DownloadState.FAILED, f"{type(error).__name__}: {error}")


class LibraryRecord:
    """An item's row in the library that every process shares (the engine's SharedRecord)."""

    def __init__(
        self, library: LibraryService, files: DownloadFiles, item_id: int, recorded: dict[int, int]
    ) -> None:
        self._library = library
        self._files = files
        self._item_id = item_id
        self._recorded = recorded  # item id -> size, once recorded done here

    async def finished_size(self) -> int | None:
        fresh = await self._library.downloads(lambda store: store.by_id(self._item_id))
        if fresh is None or fresh.state is not DownloadState.DONE:
            return None
        if await asyncio.to_thread(self._files.playable, fresh) is None:
            return None  # done, but the file is gone since: fetched again
        return fresh.size

    async def record_finished(self, size: int) -> bool:
        try:
            await self._library.downloads(
                lambda store: store.set_state(self._item_id, DownloadState.DONE, "", size)
            )
        except Exception as error:  # the file is whole: the queue records it done again
            log.warning("download %s: done, not yet recorded: %s", self._item_id, error)
            return False
        self._recorded[self._item_id] = size
        return True


class Attempt:
    def __init__(
        self,
        library: LibraryService,
        sources: Sources,
        titles: Titles,
        files: DownloadFiles,
        engine: Engine | None,
        make_client: Callable[[], httpx.AsyncClient],
    ) -> None:
        self._library = library
        self._sources = sources
        self._titles = titles
        self._files = files
        self._engine = engine
        self._make_client = make_client
        self._client: httpx.AsyncClient | None = None
        self._known: dict[int, Title] = {}  # titles added in this run: no lookup to run them
        self._recorded: dict[int, int] = {}  # finished and recorded, not yet settled

    def recorded_size(self, item_id: int) -> int | None:
        """The size the item was recorded done with, if it was and a stop then cut its run
        short (the file is complete: it is done, whatever the stop meant)."""
        return self._recorded.pop(item_id, None)

    def remember(self, title: Title, numbers: Sequence[float] | None) -> list[Episode]:
        """The title's episodes asked for (all when None), and the title kept for the run."""
        self._known[title.id] = title
        if numbers is None:
            return list(title.player.episodes)
        found = [title.player.episode(number) for number in numbers]
        return [episode for episode in found if episode is not None]

    async def run(
        self,
        item: DownloadItem,
        started: Callable[[], None],
        on_progress: Callable[[FetchProgress], None],
    ) -> Outcome:
        fresh = await self._library.downloads(lambda store: store.by_id(item.id))
        if fresh is None:
            return Outcome(gone=True)
        self._recorded.pop(item.id, None)
        record = LibraryRecord(self._library, self._files, item.id, self._recorded)
        finished = await record.finished_size()
        if finished is not None:
            return Outcome(size=finished)  # the other process finished it meanwhile
        if fresh.state is DownloadState.DONE:  # recorded done, its file not where it is played
            seen = fresh.finished
            row = await self._library.downloads(lambda store: store.reopen(item.id, seen))
            if row is None:
                return Outcome(gone=True)
            if row.state is DownloadState.DONE:  # its file is there (elsewhere): done, as it is
                return Outcome(size=row.size)
        started()
        try:
            size = await self._fetch(item, on_progress, record)
        except Exception as error:  # CancelledError is not one: the queue asks `recorded_size`
            recorded = self._recorded.pop(item.id, None)
            if recorded is not None:  # it failed after the file was whole and recorded
                return Outcome(size=recorded)
            return _failed(item, error)
        self._recorded.pop(item.id, None)
        return Outcome(size=size)

    async def _fetch(
        self,
        item: DownloadItem,
        on_progress: Callable[[FetchProgress], None],
        record: LibraryRecord,
    ) -> int:
        engine_module = await self._engine_module()
        target = Path(item.path)
        if await asyncio.to_thread(within, self._files.root(), target) is None:
            raise RefusedSource("the file's place is outside the download folder")
        work_dir = self._files.work_dir(item)
        title = await self._title(item.title_id)
        episode = title.player.episode(item.episode)
        if episode is None:
            raise DownloadFailed(f"the title has no episode {item.episode_label} any more")
        quality, urls = await self._sources.candidates(title, episode, Quality(item.quality))
        if quality.value != item.quality:
            log.info("episode %s: %s is gone, fetching %s", item.id, item.quality, quality.value)
        hosts = frozenset(urlsplit(url).netloc.lower() for url in urls)
        engine: Engine = self._engine or engine_module.download_episode
        source = engine_module.EpisodeSource(urls, hosts)
        client = await self._http()
        return await engine(source, target, work_dir, client, on_progress, record=record)

    @staticmethod
    async def _engine_module() -> ModuleType:
        """The engine loads with the first try, on a worker thread: its imports (m3u8 and what
        that pulls in) would hold the UI thread for tens of milliseconds."""
        return await asyncio.to_thread(importlib.import_module, "app.download.engine")

    async def _title(self, title_id: int) -> Title:
        title = self._known.get(title_id)
        if title is None:
            title = self._known[title_id] = await self._titles.title(id=title_id)
        return title

    async def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            # Made on a worker thread: httpx's import, and the TLS context if not ready yet.
            made = await asyncio.to_thread(self._make_client)
            if self._client is None:
                self._client = made
            else:  # another episode's try made one meanwhile
                await made.aclose()
        return self._client

    async def close(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            await client.aclose()
