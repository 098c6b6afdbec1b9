"""Torrent files offered for a title."""

from __future__ import annotations

from msgspec import Struct

from app.core.player import EpisodeRange


class TorrentQuality(Struct, frozen=True, gc=False):
    label: str = ""  # "WEBRip 1080p"
    type: str = ""  # "WEBRip"
    resolution: int = 0  # 1080, 0 when unknown
    encoder: str = ""  # "h264"
    lq_audio: bool = False
    hevc: bool = False


class TorrentFile(Struct, frozen=True, gc=False):
    name: str
    size: int = 0
    offset: int = 0


class TorrentMetadata(Struct, frozen=True, gc=False):
    name: str = ""
    announce: tuple[str, ...] = ()
    created: int = 0
    files: tuple[TorrentFile, ...] = ()


class Torrent(Struct, frozen=True, gc=False):
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


class Torrents(Struct, frozen=True, gc=False):
    episodes: EpisodeRange = EpisodeRange()
    items: tuple[Torrent, ...] = ()
