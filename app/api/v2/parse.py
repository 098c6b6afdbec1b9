"""AniLibria v2 JSON (both the 2.8 and the 2.13 shapes) -> core models.

The parser never trusts the payload: nulls and wrong types become empty values; only a payload whose
top level is not what the method returns raises `MalformedResponseError`. This module checks each
method's top level; a title's parts are read in `parse_title`, its player and episodes in
`parse_player`, its torrents in `parse_torrents`.
"""

from __future__ import annotations

from typing import Any

from app.api.coerce import as_dict, as_int, as_str
from app.api.errors import MalformedResponseError
from app.api.media import MediaResolver
from app.api.v2 import parse_player, parse_title, parse_torrents
from app.core import (
    CachingNode,
    Episode,
    Player,
    ScheduleDay,
    SeedStat,
    Team,
    Title,
    Torrents,
    YouTubeVideo,
)
from app.core.media import FeedItem

_DESCRIPTION_FORMS = ("plain", "html", "no_view_order")


class V2Parser:
    """Parses v2 payloads; relative media paths resolve against `media`."""

    __slots__ = ("_description_type", "_media")

    def __init__(self, media: MediaResolver, description_type: str = "plain") -> None:
        self._media = media
        self._description_type = (
            description_type if description_type in _DESCRIPTION_FORMS else "plain"
        )

    def with_description_type(self, description_type: str | None) -> V2Parser:
        if not description_type or description_type == self._description_type:
            return self
        return V2Parser(self._media, description_type)

    # ----- top-level shapes -----

    def title(self, raw: object) -> Title:
        if type(raw) is not dict:
            raise MalformedResponseError(f"expected a title object, got {type(raw).__name__}")
        return self._title(raw)

    def titles(self, raw: object) -> list[Title]:
        raw = _unwrap_list(raw)
        if type(raw) is not list:
            raise MalformedResponseError(f"expected a list of titles, got {type(raw).__name__}")
        return [self._title(item) for item in raw if type(item) is dict]

    def schedule(self, raw: object) -> list[ScheduleDay]:
        if type(raw) is not list:
            raise MalformedResponseError("expected a list of schedule days")
        days: list[ScheduleDay] = []
        for item in raw:
            data = as_dict(item)
            day = data.get("day")
            if type(day) is not int or not 0 <= day <= 6:
                continue
            titles = data.get("list")
            parsed = (
                tuple(self._title(t) for t in titles if type(t) is dict)
                if type(titles) is list
                else ()
            )
            days.append(ScheduleDay(day, parsed))
        return days

    def youtube_list(self, raw: object) -> list[YouTubeVideo]:
        raw = _unwrap_list(raw)
        if type(raw) is not list:
            raise MalformedResponseError("expected a list of videos")
        return [self._video(item) for item in raw if type(item) is dict]

    def feed(self, raw: object) -> list[FeedItem]:
        raw = _unwrap_list(raw)
        if type(raw) is not list:
            raise MalformedResponseError("expected a list of feed entries")
        items: list[FeedItem] = []
        for entry in raw:
            data = as_dict(entry)
            if type(data.get("title")) is dict:
                items.append(self._title(data["title"]))
            elif type(data.get("youtube")) is dict:
                items.append(self._video(data["youtube"]))
        return items

    @staticmethod
    def years(raw: object) -> list[int]:
        if type(raw) is not list:
            raise MalformedResponseError("expected a list of years")
        return sorted({item for item in raw if type(item) is int and item > 0})

    @staticmethod
    def genres(raw: object) -> list[str]:
        if type(raw) is not list:
            raise MalformedResponseError("expected a list of genres")
        return [item for item in raw if type(item) is str and item]

    @staticmethod
    def caching_nodes(raw: object) -> list[CachingNode]:
        if type(raw) is not dict:
            raise MalformedResponseError("expected an object of caching nodes")
        nodes = [CachingNode(name, as_int(weight)) for name, weight in raw.items() if name]
        return sorted(nodes, key=lambda node: -node.weight)

    @staticmethod
    def team(raw: object) -> Team:
        if type(raw) is not dict:
            raise MalformedResponseError("expected the team object")
        return parse_title.team(raw.get("team", raw))

    @staticmethod
    def seed_stats(raw: object) -> list[SeedStat]:
        if type(raw) is not list:
            raise MalformedResponseError("expected a list of tracker statistics")
        stats: list[SeedStat] = []
        for item in raw:
            data = as_dict(item)
            user = as_str(data.get("user"))
            if user:
                stats.append(
                    SeedStat(user, as_int(data.get("downloaded")), as_int(data.get("uploaded")))
                )
        return stats

    # ----- parts the WebSocket's updates carry alone -----

    def player(self, raw: object) -> Player:
        return parse_player.player(raw, self._media.resolve)

    def episode(self, data: dict[str, Any], key: object = None) -> Episode | None:
        return parse_player.episode(data, key, self._media.resolve)

    def torrents(self, raw: object) -> Torrents:
        return parse_torrents.torrents(raw, self._media.resolve)

    # ----- parts -----

    def _title(self, data: dict[str, Any]) -> Title:
        return parse_title.title(data, self._media.resolve, self._description_type)

    def _video(self, data: dict[str, Any]) -> YouTubeVideo:
        get = data.get
        return YouTubeVideo(
            id=as_int(get("id")),
            title=as_str(get("title")),
            image=self._media.resolve(get("image") or get("preview")),
            youtube_id=as_str(get("youtube_id")),
            timestamp=as_int(get("timestamp")),
            comments=as_int(get("comments")),
            views=as_int(get("views")),
        )


def _unwrap_list(raw: object) -> object:
    """Later servers wrap list answers as {"list": [...], "pagination": {...}}."""
    if type(raw) is dict and type(raw.get("list")) is list:
        return raw["list"]
    return raw
