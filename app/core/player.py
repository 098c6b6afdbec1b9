"""What the player needs to know about a title's episodes."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct


class Quality(StrEnum):
    FHD = "fhd"
    HD = "hd"
    SD = "sd"


class EpisodeRange(Struct, frozen=True, gc=False):
    first: int = 0
    last: int = 0
    label: str = ""


class StreamLinks(Struct, frozen=True, gc=False):
    """HLS playlist locations by quality: paths on a stream host, or absolute URLs."""

    fhd: str = ""
    hd: str = ""
    sd: str = ""

    def get(self, quality: Quality) -> str:
        link: str = getattr(self, quality.value)
        return link

    def available(self) -> tuple[Quality, ...]:
        return tuple(q for q in Quality if self.get(q))


class DownloadLinks(Struct, frozen=True, gc=False):
    """mp4 files (temporary links on the mp4 host) with the query that asks for a download."""

    hd: str = ""
    sd: str = ""
    download_hd: str = ""
    download_sd: str = ""

    def is_empty(self) -> bool:
        return not (self.hd or self.sd)


class Skips(Struct, frozen=True, gc=False):
    """Opening and ending as (start, end) seconds, when the service marks them."""

    opening: tuple[int, int] | None = None
    ending: tuple[int, int] | None = None


class Episode(Struct, frozen=True, gc=False):
    number: float
    name: str = ""
    created: int = 0
    preview: str = ""  # absolute URL of a still, or empty
    hls: StreamLinks = StreamLinks()
    mp4: DownloadLinks = DownloadLinks()
    skips: Skips = Skips()
    duration: int = 0  # seconds, 0 when unknown
    name_en: str = ""  # the episode's English name, where the API has one (v1)
    id: str = ""  # the service's id of the episode (v1: a UUID; timecodes are keyed by it)

    @property
    def label(self) -> str:
        """'12' for whole numbers, '12.5' for the rare in-between episode."""
        return f"{self.number:g}"

    def display_name(self, english: bool = False) -> str:
        """The episode's name in the interface's language, else the one there is."""
        return (self.name_en or self.name) if english else (self.name or self.name_en)


class StreamHosts(Struct, frozen=True, gc=False):
    hls: str = ""  # preferred host (with optional port) for HLS streams
    mp4: str = ""  # preferred host for mp4 downloads


class Player(Struct, frozen=True, gc=False):
    alternative_player: str = ""  # absolute http(s) URL of a third-party player page, or empty
    hosts: StreamHosts = StreamHosts()
    episodes_range: EpisodeRange = EpisodeRange()
    episodes: tuple[Episode, ...] = ()  # sorted by number

    def episode(self, number: float) -> Episode | None:
        for episode in self.episodes:
            if episode.number == number:
                return episode
        return None


class CachingNode(Struct, frozen=True, gc=False):
    name: str  # a short name ("de4") or a full host ("cache.example.org:8080")
    weight: int
