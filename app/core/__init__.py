"""Plain data shared by every layer: no Qt, no I/O, no wire formats."""

from typing import TYPE_CHECKING

# The types load when first asked for: a warm start's first paint reads the command line and
# the settings (app.core.settings, app.core.deep_link) before msgspec and the rest are needed.
if TYPE_CHECKING:
    from app.core.events import (
        EncodeEvent,
        EncodeStage,
        PlaylistUpdated,
        SubscriptionConfirmed,
        TitleUpdated,
        TorrentUpdated,
        UpdateEvent,
    )
    from app.core.franchise import Franchise
    from app.core.media import FeedItem, ScheduleDay, SeedStat, YouTubeVideo
    from app.core.player import (
        CachingNode,
        DownloadLinks,
        Episode,
        EpisodeRange,
        Player,
        Quality,
        Skips,
        StreamHosts,
        StreamLinks,
    )
    from app.core.title import (
        Blocked,
        Description,
        Names,
        Poster,
        Season,
        SeasonInfo,
        Team,
        TeamRole,
        Title,
        TitleKind,
        TitleStatus,
        TitleType,
    )
    from app.core.torrent import Torrent, TorrentFile, TorrentMetadata, TorrentQuality, Torrents

_WHERE = {
    "Blocked": "app.core.title",
    "CachingNode": "app.core.player",
    "Description": "app.core.title",
    "DownloadLinks": "app.core.player",
    "EncodeEvent": "app.core.events",
    "EncodeStage": "app.core.events",
    "Episode": "app.core.player",
    "EpisodeRange": "app.core.player",
    "FeedItem": "app.core.media",
    "Franchise": "app.core.franchise",
    "Names": "app.core.title",
    "Player": "app.core.player",
    "PlaylistUpdated": "app.core.events",
    "Poster": "app.core.title",
    "Quality": "app.core.player",
    "ScheduleDay": "app.core.media",
    "Season": "app.core.title",
    "SeasonInfo": "app.core.title",
    "SeedStat": "app.core.media",
    "Skips": "app.core.player",
    "StreamHosts": "app.core.player",
    "StreamLinks": "app.core.player",
    "SubscriptionConfirmed": "app.core.events",
    "Team": "app.core.title",
    "TeamRole": "app.core.title",
    "Title": "app.core.title",
    "TitleKind": "app.core.title",
    "TitleStatus": "app.core.title",
    "TitleType": "app.core.title",
    "TitleUpdated": "app.core.events",
    "Torrent": "app.core.torrent",
    "TorrentFile": "app.core.torrent",
    "TorrentMetadata": "app.core.torrent",
    "TorrentQuality": "app.core.torrent",
    "TorrentUpdated": "app.core.events",
    "Torrents": "app.core.torrent",
    "UpdateEvent": "app.core.events",
    "YouTubeVideo": "app.core.media",
}


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'app.core' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # asked once
    return value


__all__ = [
    "Blocked",
    "CachingNode",
    "Description",
    "DownloadLinks",
    "EncodeEvent",
    "EncodeStage",
    "Episode",
    "EpisodeRange",
    "FeedItem",
    "Franchise",
    "Names",
    "Player",
    "PlaylistUpdated",
    "Poster",
    "Quality",
    "ScheduleDay",
    "Season",
    "SeasonInfo",
    "SeedStat",
    "Skips",
    "StreamHosts",
    "StreamLinks",
    "SubscriptionConfirmed",
    "Team",
    "TeamRole",
    "Title",
    "TitleKind",
    "TitleStatus",
    "TitleType",
    "TitleUpdated",
    "Torrent",
    "TorrentFile",
    "TorrentMetadata",
    "TorrentQuality",
    "TorrentUpdated",
    "Torrents",
    "UpdateEvent",
    "YouTubeVideo",
]
