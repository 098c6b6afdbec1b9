"""Choosing what to play: the quality, a stream host that answers, where to resume.

The URL is built only from checked parts (app.core.stream_urls). The preferred host is probed
first; when it fails, the caching nodes are tried by weight, and the user is told which host plays.
An episode downloaded in full plays from its file instead, with no network at all.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from app.api import ApiError
from app.core import Episode, Quality, Title
from app.core.stream_urls import (
    UnsafeStreamError,
    allowed_domains,
    check_host,
    check_path,
    check_stream_url,
    complete_node,
    stream_url,
)
from app.services.api import ApiService
from app.services.library import LibraryService
from app.services.settings import SettingsStore
from app.storage.library import Progress

log = logging.getLogger(__name__)
QUALITY_ORDER = (Quality.FHD, Quality.HD, Quality.SD)
PROBE_TIMEOUT = 5.0


class PlaybackError(Exception):
    """Nothing safe or reachable to play; the message is for the user."""


@dataclass(frozen=True)
class StreamChoice:
    title: Title
    episode: Episode
    quality: Quality
    url: str
    host: str
    preferred_host: bool  # False when a caching node stands in
    resume_at: float
    # A downloaded file: `url` is its absolute path (checked to be a regular file inside the
    # download folder), `host` is empty, and no network is needed.
    on_disk: bool = False
    # False: the preferred host's URL, handed out without asking the host first (the player
    # itself is the quickest probe); the caller checks it meanwhile with `answers`.
    probed: bool = True


@dataclass(frozen=True)
class LocalCopy:
    """An episode downloaded in full: its file (checked) and the quality it was fetched in."""

    path: Path
    quality: Quality


# Finds an episode's downloaded file: (title id, episode number) -> the copy, or None.
LocalFiles = Callable[[int, float], Awaitable[LocalCopy | None]]


def pick_quality(episode: Episode, preferred: Quality) -> Quality | None:
    """The preferred quality, else the best one the episode has."""
    available = episode.hls.available()
    if preferred in available:
        return preferred
    return next((quality for quality in QUALITY_ORDER if quality in available), None)


def neighbour(title: Title, episode: Episode, step: int) -> Episode | None:
    numbers = [e.number for e in title.player.episodes]
    try:
        index = numbers.index(episode.number) + step
    except ValueError:
        return None
    return title.player.episodes[index] if 0 <= index < len(numbers) else None


class StreamResolver:
    """Finds a checked stream URL on a host that answers, and where to resume."""

    def __init__(
        self,
        api: ApiService,
        settings: SettingsStore,
        library: LibraryService,
        local: LocalFiles | None = None,
    ) -> None:
        self._api = api
        self._settings = settings
        self.library = library
        self._local = local

    @property
    def api_base(self) -> str:
        return self._api.base_url

    async def resolve(
        self,
        title: Title,
        episode: Episode,
        quality: Quality | None = None,
        start: float | None = None,
        *,
        probe: bool = True,
        skip: str = "",
    ) -> StreamChoice:
        """The downloaded file when there is one (in the quality asked for, if one is), else
        the first stream host that answers: the preferred one, then the caching nodes. Without
        `probe` the preferred host's URL comes back at once, unasked (`probed` is False); `skip`
        is a host that failed already."""
        copy, at = await asyncio.gather(
            self._copy(title, episode, quality), self._start_at(title, episode, start)
        )
        if copy is not None:
            path = str(copy.path)
            return StreamChoice(title, episode, copy.quality, path, "", True, at, on_disk=True)
        chosen, path = self._stream_path(episode, quality)
        tried: list[str] = [skip] if skip else []
        async with contextlib.aclosing(self._urls(title, path)) as urls:
            async for url, host, is_preferred in urls:
                if host == skip:
                    continue
                if is_preferred and not probe:
                    return StreamChoice(title, episode, chosen, url, host, True, at, probed=False)
                if await self.answers(url):
                    return StreamChoice(title, episode, chosen, url, host, is_preferred, at)
                tried.append(host)
        if "://" in path:
            raise PlaybackError(f"The stream host {tried[0]} did not answer")
        raise PlaybackError("No stream host answered: " + ", ".join(tried or ["none known"]))

    async def _copy(
        self, title: Title, episode: Episode, quality: Quality | None
    ) -> LocalCopy | None:
        """The episode's downloaded file, if there is one in the quality asked for."""
        if self._local is None:
            return None
        copy = await self._local(title.id, episode.number)
        return copy if copy is not None and quality in (None, copy.quality) else None

    async def candidates(
        self, title: Title, episode: Episode, quality: Quality | None = None
    ) -> tuple[Quality, tuple[str, ...]]:
        """The quality chosen and every checked URL of the episode's playlist, the preferred
        host first, then the caching nodes by weight: not probed (a download tries them in
        order itself, so no host is asked twice)."""
        chosen, path = self._stream_path(episode, quality)
        async with contextlib.aclosing(self._urls(title, path)) as urls:
            found = tuple([url async for url, _host, _preferred in urls])
        if not found:
            raise PlaybackError(f"Episode {episode.label} has no stream host")
        return chosen, found

    def _stream_path(self, episode: Episode, quality: Quality | None) -> tuple[Quality, str]:
        wanted = quality or Quality(self._settings.get("quality"))
        chosen = pick_quality(episode, wanted)
        if chosen is None:
            raise PlaybackError(f"Episode {episode.label} has no stream")
        return chosen, episode.hls.get(chosen)

    async def _urls(self, title: Title, path: str) -> AsyncGenerator[tuple[str, str, bool], None]:
        """(url, host, is the preferred host) of each place the playlist may be, checked, in the
        order to try them; the caching nodes are asked for only when the preferred host is not
        enough. Raises PlaybackError for a host or path that fails the checks."""
        if "://" in path:  # v1: a full URL, checked against the allow-list
            checked = self._checked_absolute(path)
            yield checked, urlsplit(checked).netloc, True
            return
        api_base = self._api.base_url
        preferred = title.player.hosts.hls
        # Check the preferred host and the path before anything touches the network.
        try:
            check_path(path)
            if preferred:
                preferred = check_host(preferred)
        except UnsafeStreamError as error:
            raise PlaybackError(str(error)) from None
        if preferred:
            yield stream_url(api_base, preferred, path), preferred, True
        for host in await self._caching_hosts(preferred):
            if host == preferred:
                continue
            try:
                url = stream_url(api_base, host, path)
            except UnsafeStreamError as error:
                log.info("skipping caching node: %s", error)
                continue
            yield url, host, False

    def _checked_absolute(self, url: str) -> str:
        domains = allowed_domains(self._api.base_url, self._settings.get("stream_hosts"))
        try:
            return check_stream_url(url, self._api.base_url, domains)
        except UnsafeStreamError as error:
            raise PlaybackError(str(error)) from None

    async def _start_at(self, title: Title, episode: Episode, start: float | None) -> float:
        """`start`, else where the episode stopped (0 once watched)."""
        if start is not None:
            return start
        saved = await self.saved(title.id, episode.number)
        return saved.position if saved and not saved.watched else 0.0

    async def answers(self, url: str) -> bool:
        """The URL gives an HLS playlist (within PROBE_TIMEOUT)."""
        try:
            body = await (await self._api.ready()).fetch_media(
                url, max_bytes=2 * 1024 * 1024, within=PROBE_TIMEOUT
            )
        except (ApiError, ValueError) as error:
            log.info("stream host failed: %s (%s)", url, error)
            return False
        return body.lstrip().startswith(b"#EXTM3U")

    async def _caching_hosts(self, preferred: str) -> list[str]:
        try:
            nodes = await (await self._api.ready()).caching_nodes()
        except ApiError as error:
            log.info("no caching nodes: %s", error)
            return []
        hosts = []
        for node in nodes:  # heaviest first
            host = complete_node(node.name, preferred)
            if host is None:
                continue
            try:
                hosts.append(check_host(host))
            except UnsafeStreamError as error:
                log.info("skipping caching node: %s", error)
        return hosts

    async def saved(self, title_id: int, episode: float) -> Progress | None:
        return await self.library.saved(title_id, episode)
