"""Torrent files offered for a title."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.player import EpisodeRange


@dataclass(frozen=True, slots=True)
class TorrentQuality:
    label: str = ""  # "WEBRip 1080p"
    type: str = ""  # "WEBRip"
    resolution: int = 0  # 1080, 0 when unknown
    encoder: str = ""  # "h264"
    lq_audio: bool = False
    hevc: bool = False


@dataclass(frozen=True, slots=True)
class TorrentFile:
    name: str
    size: int = 0
    offset: int = 0


@dataclass(frozen=True, slots=True)
class TorrentMetadata:
    name: str = ""
    announce: tuple[str, ...] = ()
    created: int = 0
    files: tuple[TorrentFile, ...] = ()


@dataclass(frozen=True, slots=True)
class Torrent:
    id: int
    episodes: EpisodeRange = EpisodeRange()
    quality: TorrentQuality = TorrentQuality()
    leechers: int = 0
    seeders: int = 0
    downloads: int = 0
    total_size: int = 0
    url: str = ""  # absolute URL of the .torrent file, or empty
    uploaded: int = 0
    hash: str = ""  # info-hash, lower-case hex, or empty
    magnet: str = ""  # when the service gives one ready-made
    raw: bytes | None = None  # the .torrent file itself, when requested inline
    metadata: TorrentMetadata | None = None


@dataclass(frozen=True, slots=True)
class Torrents:
    episodes: EpisodeRange = EpisodeRange()
    items: tuple[Torrent, ...] = ()
