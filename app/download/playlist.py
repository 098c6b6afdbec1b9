"""An episode's HLS playlist: fetched from the first host that answers, parsed with `m3u8`,
every reference in it checked (app.download.urls) before anything is fetched from it.

Only what can be remuxed into one mp4 as it is, is accepted: a finished (VOD) playlist of plain
MPEG-TS segments. Encryption, live playlists, byte ranges and fMP4 are refused with a message.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
import m3u8

from app.core.download import DownloadFailed, RefusedSource, Unreachable
from app.download.urls import check_url, on_each_host, path_key

PLAYLIST_TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_PLAYLIST_BYTES = 4 * 1024 * 1024
MAX_SEGMENTS = 10_000  # their names, joined, are one argument of ffmpeg's (< 128 KiB)


@dataclass(frozen=True)
class Segment:
    urls: tuple[str, ...]  # the same segment on each host to try, checked, the first host's first
    duration: float

    @property
    def key(self) -> str:
        return path_key(self.urls[0])

    @property
    def name(self) -> str:
        """The file name the server gave it, for messages ("seg03.ts")."""
        return self.key.rsplit("/", 1)[-1][:60]


@dataclass(frozen=True)
class Playlist:
    url: str  # the media playlist that answered
    segments: tuple[Segment, ...]

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc


async def load_playlist(
    urls: tuple[str, ...], allowed_hosts: frozenset[str], client: httpx.AsyncClient
) -> Playlist:
    """The media playlist (a master's highest-bandwidth variant) and its checked segments."""
    if not urls:
        raise DownloadFailed("the episode has no stream address")
    checked = [check_url(url, urlsplit(url).scheme, allowed_hosts) for url in urls]
    bases, parsed = await _first_answering(checked, client)
    if parsed.is_variant:
        variant = _best_variant(parsed)
        bases = list(on_each_host(variant, bases, urlsplit(bases[0]).scheme, allowed_hosts))
        bases, parsed = await _first_answering(bases, client)
        if parsed.is_variant:
            raise DownloadFailed("the stream's variant is itself a list of variants")
    _refuse_unsupported(parsed)
    # Thousands of references to check: off the loop, like the parsing.
    segments = await asyncio.to_thread(_checked_segments, parsed, bases, allowed_hosts)
    return Playlist(bases[0], segments)


def _checked_segments(
    parsed: m3u8.M3U8, bases: list[str], allowed_hosts: frozenset[str]
) -> tuple[Segment, ...]:
    scheme = urlsplit(bases[0]).scheme
    segments = []
    for index, segment in enumerate(parsed.segments):
        try:
            found = on_each_host(segment.uri or "", bases, scheme, allowed_hosts)
        except RefusedSource as error:
            raise RefusedSource(f"segment {index + 1} of {len(parsed.segments)}: {error}") from None
        segments.append(Segment(found, float(segment.duration or 0.0)))
    return tuple(segments)


async def _first_answering(
    urls: list[str], client: httpx.AsyncClient
) -> tuple[list[str], m3u8.M3U8]:
    """The first URL that answers with a playlist (moved to the front) and the parsed playlist."""
    failures = []
    unreachable = True  # no host answered at all: the network, not the episode
    for index, url in enumerate(urls):
        try:
            text = await _fetch_text(url, client)
        except DownloadFailed as error:
            failures.append(f"{urlsplit(url).netloc} ({error})")
            unreachable = unreachable and isinstance(error, Unreachable)
            continue
        parsed = await asyncio.to_thread(_parse, text)  # up to 4 MiB of pure-Python parsing
        return [url, *urls[:index], *urls[index + 1 :]], parsed
    kind = Unreachable if unreachable and failures else DownloadFailed
    raise kind("no stream host gave the playlist: " + ", ".join(failures))


async def _fetch_text(url: str, client: httpx.AsyncClient) -> str:
    body = bytearray()
    try:
        # No redirects: a redirect would lead to a host nobody checked.
        async with client.stream(
            "GET", url, timeout=PLAYLIST_TIMEOUT, follow_redirects=False
        ) as response:
            if response.status_code != 200:
                raise DownloadFailed(f"HTTP {response.status_code}")
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > MAX_PLAYLIST_BYTES:
                    raise DownloadFailed("the playlist is too large")
    except httpx.TimeoutException:
        raise Unreachable("timed out") from None
    except httpx.TransportError as error:
        raise Unreachable(f"connection error: {type(error).__name__}") from None
    except httpx.HTTPError as error:
        raise DownloadFailed(f"connection error: {type(error).__name__}") from None
    text = body.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if not text.startswith("#EXTM3U"):
        raise DownloadFailed("not an HLS playlist")
    return text


def _parse(text: str) -> m3u8.M3U8:
    try:
        return m3u8.loads(text)
    except Exception as error:  # the parser raises many kinds on malformed attributes
        raise DownloadFailed(f"the playlist cannot be read ({type(error).__name__})") from None


def _best_variant(parsed: m3u8.M3U8) -> str:
    variants = [v for v in parsed.playlists if v.uri]
    if not variants:
        raise DownloadFailed("the stream lists no variants")
    best = max(variants, key=lambda v: v.stream_info.bandwidth or 0)
    return str(best.uri)


def _refuse_unsupported(parsed: m3u8.M3U8) -> None:
    if any(key is not None and (key.method or "NONE").upper() != "NONE" for key in parsed.keys):
        raise DownloadFailed("the episode is encrypted (EXT-X-KEY): it cannot be saved")
    if not parsed.is_endlist:
        raise DownloadFailed("the stream is live (no EXT-X-ENDLIST): it cannot be saved")
    if parsed.segment_map or any(segment.init_section for segment in parsed.segments):
        raise DownloadFailed("fMP4 streams (EXT-X-MAP) are not supported")
    if any(segment.byterange for segment in parsed.segments):
        raise DownloadFailed("byte-range playlists (EXT-X-BYTERANGE) are not supported")
    if not parsed.segments:
        raise DownloadFailed("the playlist has no segments")
    if len(parsed.segments) > MAX_SEGMENTS:
        raise DownloadFailed(f"the playlist has too many segments ({len(parsed.segments)})")
