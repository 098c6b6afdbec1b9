"""Choosing what to play: the quality, a stream host that answers, where to resume.

The URL is built only from checked parts (app.core.stream_urls). The preferred host is probed
first; when it fails, the caching nodes are tried by weight, and the user is told which host plays.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
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
    ) -> None:
        self._api = api
        self._settings = settings
        self.library = library

    @property
    def api_base(self) -> str:
        return self._api.base_url

    async def resolve(
        self,
        title: Title,
        episode: Episode,
        quality: Quality | None = None,
        start: float | None = None,
    ) -> StreamChoice:
        wanted = quality or Quality(self._settings.get("quality"))
        chosen = pick_quality(episode, wanted)
        if chosen is None:
            raise PlaybackError(f"Episode {episode.label} has no stream")
        path = episode.hls.get(chosen)
        api_base = self._api.base_url
        if "://" in path:  # v1: a full URL, checked against the allow-list
            return await self._absolute(title, episode, chosen, path, start)
        preferred = title.player.hosts.hls
        candidates: list[tuple[str, bool]] = []
        if preferred:
            candidates.append((preferred, True))
        # Check the preferred host and the path before anything touches the network.
        try:
            check_path(path)
            if preferred:
                check_host(preferred)
        except UnsafeStreamError as error:
            raise PlaybackError(str(error)) from None
        tried: list[str] = []
        for host, is_preferred in candidates:
            url = stream_url(api_base, host, path)
            if await self._answers(url):
                return await self._choice(title, episode, chosen, url, host, is_preferred, start)
            tried.append(host)
        for host in await self._caching_hosts(preferred):
            if host in tried:
                continue
            try:
                url = stream_url(api_base, host, path)
            except UnsafeStreamError as error:
                log.info("skipping caching node: %s", error)
                continue
            if await self._answers(url):
                return await self._choice(title, episode, chosen, url, host, False, start)
            tried.append(host)
        raise PlaybackError("No stream host answered: " + ", ".join(tried or ["none known"]))

    async def _absolute(
        self, title: Title, episode: Episode, quality: Quality, url: str, start: float | None
    ) -> StreamChoice:
        domains = allowed_domains(self._api.base_url, self._settings.get("stream_hosts"))
        try:
            checked = check_stream_url(url, self._api.base_url, domains)
        except UnsafeStreamError as error:
            raise PlaybackError(str(error)) from None
        host = urlsplit(checked).netloc
        if not await self._answers(checked):
            raise PlaybackError(f"The stream host {host} did not answer")
        return await self._choice(title, episode, quality, checked, host, True, start)

    async def _choice(
        self,
        title: Title,
        episode: Episode,
        quality: Quality,
        url: str,
        host: str,
        preferred: bool,
        start: float | None,
    ) -> StreamChoice:
        if start is None:
            saved = await self.saved(title.id, episode.number)
            start = saved.position if saved and not saved.watched else 0.0
        return StreamChoice(title, episode, quality, url, host, preferred, start)

    async def _answers(self, url: str) -> bool:
        try:
            body = await self._api.backend.fetch_media(
                url, max_bytes=2 * 1024 * 1024, within=PROBE_TIMEOUT
            )
        except (ApiError, ValueError) as error:
            log.info("stream host failed: %s (%s)", url, error)
            return False
        return body.lstrip().startswith(b"#EXTM3U")

    async def _caching_hosts(self, preferred: str) -> list[str]:
        try:
            nodes = await self._api.backend.caching_nodes()
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
