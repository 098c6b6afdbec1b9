"""Catalogue entries that are not titles: videos, feed entries, schedule days, tracker stats."""

from __future__ import annotations

import re

from msgspec import Struct

from app.core.title import Title

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{6,32}")


class YouTubeVideo(Struct, frozen=True, gc=False):
    id: int
    title: str = ""
    image: str = ""  # absolute URL of the thumbnail, or empty
    youtube_id: str = ""
    timestamp: int = 0
    comments: int = 0
    views: int = 0

    @property
    def url(self) -> str:
        """The watch URL, or empty when the id is not a plausible YouTube id."""
        if _YOUTUBE_ID.fullmatch(self.youtube_id):
            return f"https://youtu.be/{self.youtube_id}"
        return ""


# One entry of the mixed feed: a title update or a video.
FeedItem = Title | YouTubeVideo


class ScheduleDay(Struct, frozen=True, gc=False):
    day: int  # 0 = Monday ... 6 = Sunday
    titles: tuple[Title, ...] = ()


class SeedStat(Struct, frozen=True, gc=False):
    user: str
    downloaded: int = 0
    uploaded: int = 0

    @property
    def ratio(self) -> float:
        return self.uploaded / self.downloaded if self.downloaded else 0.0
