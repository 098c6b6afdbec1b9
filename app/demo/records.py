"""The demo catalogue's own records: mutable, neutral, turned into wire JSON by `wire.py`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class DemoEpisode:
    number: int
    created: int
    opening: tuple[int, int] | None = None
    name: str | None = None


@dataclass(slots=True)
class DemoFile:
    name: str
    size: int


@dataclass(slots=True)
class DemoTorrent:
    torrent_id: int
    first: int
    last: int
    quality_type: str
    resolution: int
    encoder: str
    lq_audio: bool
    seeders: int
    leechers: int
    downloads: int
    uploaded: int
    files: list[DemoFile]
    announce: list[str]
    name: str
    info_hash: str = ""
    torrent_file: bytes = b""

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)


@dataclass(slots=True)
class DemoTitle:
    id: int
    code: str
    name_ru: str
    name_en: str | None
    name_alt: str | None
    announce: str | None
    status: int
    kind: int
    length: int
    expected_episodes: int
    genres: list[str]
    team: dict[str, list[str]]
    year: int
    season: int
    week_day: int
    description_plain: str
    description_html: str
    description_no_view_order: str
    in_favorites: int
    blocked: bool
    bakanim: bool
    alternative_player: str | None
    updated: int
    last_change: int
    poster_token: str
    episodes: list[DemoEpisode] = field(default_factory=list)
    torrents: list[DemoTorrent] = field(default_factory=list)


@dataclass(slots=True)
class DemoVideo:
    id: int
    title: str
    youtube_id: str
    timestamp: int
    comments: int
    views: int


@dataclass(slots=True)
class DemoSeedStat:
    user: str
    downloaded: int
    uploaded: int
