"""Live update events, as the WebSocket listener yields them."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct

from app.core.player import Episode, Player, Quality
from app.core.title import Title
from app.core.torrent import Torrents


class TitleUpdated(Struct, frozen=True, gc=False):
    hash: str
    title: Title


class PlaylistUpdated(Struct, frozen=True, gc=False):
    """A new or re-uploaded episode; `player` holds the title's whole current playlist."""

    hash: str
    title_id: int
    episode: float | None
    player: Player
    updated_episode: Episode | None = None
    reupload: bool = False


class EncodeStage(StrEnum):
    START = "start"
    PROGRESS = "progress"
    END = "end"  # one quality done
    FINISH = "finish"  # every quality done


class EncodeEvent(Struct, frozen=True, gc=False):
    hash: str
    stage: EncodeStage
    title_id: int
    episode: float | None
    quality: Quality | None = None
    resolution: int = 0
    percent: int = 0


class TorrentUpdated(Struct, frozen=True, gc=False):
    hash: str
    title_id: int
    torrents: Torrents
    updated_torrent_id: int = 0


class SubscriptionConfirmed(Struct, frozen=True, gc=False):
    subscription_id: int


UpdateEvent = TitleUpdated | PlaylistUpdated | EncodeEvent | TorrentUpdated | SubscriptionConfirmed
