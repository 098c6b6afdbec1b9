"""What the player needs to know about a title's episodes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Quality(StrEnum):
    FHD = "fhd"
    HD = "hd"
    SD = "sd"


@dataclass(frozen=True, slots=True)
class EpisodeRange:
    first: int = 0
    last: int = 0
    label: str = ""


@dataclass(frozen=True, slots=True)
class StreamLinks:
    """HLS playlist locations by quality: paths on a stream host, or absolute URLs."""

    fhd: str = ""
    hd: str = ""
    sd: str = ""

    def get(self, quality: Quality) -> str:
        link: str = getattr(self, quality.value)
        return link

    def available(self) -> tuple[Quality, ...]:
        return tuple(q for q in Quality if self.get(q))


@dataclass(frozen=True, slots=True)
class DownloadLinks:
    """mp4 files (temporary links on the mp4 host) with the query that asks for a download."""

    hd: str = ""
    sd: str = ""
    download_hd: str = ""
    download_sd: str = ""

    def is_empty(self) -> bool:
        return not (self.hd or self.sd)


@dataclass(frozen=True, slots=True)
class Skips:
    """Opening and ending as (start, end) seconds, when the service marks them."""

    opening: tuple[int, int] | None = None
    ending: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Episode:
    number: float
    name: str = ""
    created: int = 0
    preview: str = ""  # absolute URL of a still, or empty
    hls: StreamLinks = StreamLinks()
    mp4: DownloadLinks = DownloadLinks()
    skips: Skips = Skips()
    duration: int = 0  # seconds, 0 when unknown

    @property
    def label(self) -> str:
        """'12' for whole numbers, '12.5' for the rare in-between episode."""
        return f"{self.number:g}"


@dataclass(frozen=True, slots=True)
class StreamHosts:
    hls: str = ""  # preferred host (with optional port) for HLS streams
    mp4: str = ""  # preferred host for mp4 downloads


@dataclass(frozen=True, slots=True)
class Player:
    alternative_player: str = ""  # absolute http(s) URL of a third-party player page, or empty
    hosts: StreamHosts = StreamHosts()
    episodes_range: EpisodeRange = EpisodeRange()
    episodes: tuple[Episode, ...] = ()  # sorted by number

    def episode(self, number: float) -> Episode | None:
        for episode in self.episodes:
            if episode.number == number:
                return episode
        return None


@dataclass(frozen=True, slots=True)
class CachingNode:
    name: str  # a short name ("de4") or a full host ("cache.example.org:8080")
    weight: int
