"""A title (release) and its descriptive parts, independent of any API's wire format."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from msgspec import Struct

from app.core.player import Player
from app.core.torrent import Torrents


class TitleStatus(IntEnum):
    UNKNOWN = 0
    ONGOING = 1
    FINISHED = 2
    HIDDEN = 3
    NOT_ONGOING = 4


class TitleKind(IntEnum):
    UNKNOWN = -1
    MOVIE = 0
    TV = 1
    OVA = 2
    ONA = 3
    SPECIAL = 4
    WEB = 5


class Season(IntEnum):
    UNKNOWN = 0
    WINTER = 1
    SPRING = 2
    SUMMER = 3
    AUTUMN = 4


class TeamRole(StrEnum):
    VOICE = "voice"
    TRANSLATOR = "translator"
    EDITING = "editing"
    DECOR = "decor"
    TIMING = "timing"


class Names(Struct, frozen=True, gc=False):
    ru: str = ""
    en: str = ""
    alternative: str = ""

    @property
    def main(self) -> str:
        """The name to show first: Russian, else English, else the alternative."""
        return self.ru or self.en or self.alternative

    def first(self, english: bool = False) -> str:
        """The name to show first: in an English interface the English one, when there is one."""
        return (self.en or self.main) if english else self.main

    def second(self, english: bool = False) -> str:
        """The other language's name, for a line under `first`; empty when it adds nothing."""
        other = self.ru if english else self.en
        return other if other != self.first(english) else ""


class Poster(Struct, frozen=True, gc=False):
    """Absolute poster URLs by size; sizes the server lacks repeat the nearest one."""

    small: str = ""
    medium: str = ""
    original: str = ""
    updated: int = 0
    raw: bytes | None = None  # the image itself, when it was requested inline

    @property
    def best(self) -> str:
        return self.original or self.medium or self.small

    @property
    def thumbnail(self) -> str:
        return self.medium or self.small or self.original


class TitleType(Struct, frozen=True, gc=False):
    kind: TitleKind = TitleKind.UNKNOWN
    label: str = ""
    full_label: str = ""
    episodes: int = 0  # expected number of episodes, 0 when unknown
    # The service says the total is not known yet (v1 `episodes_are_unknown`, ongoing titles):
    # shown as "?" rather than read as "no episodes".
    episodes_unknown: bool = False
    episode_minutes: int = 0  # length of one episode, 0 when unknown


class SeasonInfo(Struct, frozen=True, gc=False):
    season: Season = Season.UNKNOWN
    label: str = ""
    year: int = 0
    week_day: int | None = None  # 0 = Monday ... 6 = Sunday


class Team(Struct, frozen=True, gc=False):
    voice: tuple[str, ...] = ()
    translator: tuple[str, ...] = ()
    editing: tuple[str, ...] = ()
    decor: tuple[str, ...] = ()
    timing: tuple[str, ...] = ()

    def members(self, role: TeamRole) -> tuple[str, ...]:
        result: tuple[str, ...] = getattr(self, role.value)
        return result

    def is_empty(self) -> bool:
        return not any(self.members(role) for role in TeamRole)


class Description(Struct, frozen=True, gc=False):
    """The description in every form the server gave; empty strings where it gave none."""

    plain: str = ""
    html: str = ""
    no_view_order: str = ""

    @property
    def text(self) -> str:
        return self.plain or self.no_view_order


class Blocked(Struct, frozen=True, gc=False):
    geo: bool = False  # unavailable in the user's region
    copyright: bool = False  # taken down after a rights holder's complaint

    @property
    def any(self) -> bool:
        return self.geo or self.copyright


class Title(Struct, frozen=True, gc=False):
    id: int
    code: str = ""
    names: Names = Names()
    announce: str = ""
    status: TitleStatus = TitleStatus.UNKNOWN
    status_label: str = ""
    poster: Poster = Poster()
    updated: int = 0  # when a new episode last appeared (unix time)
    last_change: int = 0  # when anything about the title last changed
    type: TitleType = TitleType()
    genres: tuple[str, ...] = ()
    team: Team = Team()
    season: SeasonInfo = SeasonInfo()
    description: Description = Description()
    in_favorites: int = 0
    blocked: Blocked = Blocked()
    player: Player = Player()
    torrents: Torrents = Torrents()
    age_rating: str = ""  # e.g. "16+", when the service gives one
