"""AniLibria v1 JSON -> the same core models the v2 client produces.

Forgiving like the v2 parser: nulls and wrong types become empty values; only a top level of the
wrong kind raises `MalformedResponseError`. Media paths are resolved against the media origin;
HLS links are absolute in v1 and kept so (the player checks them before mpv sees one).

The live service's answers differ from its OpenAPI description (image objects, envelopes, extra
fields): both spellings are read; README's "v1: the live service and its description" lists each
difference with its public source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from msgspec.structs import replace

from app.api.coerce import as_bool, as_dict, as_int, as_number, as_str
from app.api.errors import MalformedResponseError
from app.api.media import MediaResolver
from app.api.v1.fields import (
    age_rating,
    as_list,
    description_html,
    listed,
    skip,
    team_of,
    team_role,
    timestamp,
)
from app.core import (
    Blocked,
    Description,
    Episode,
    EpisodeRange,
    Franchise,
    Names,
    Player,
    Poster,
    ScheduleDay,
    Season,
    SeasonInfo,
    Skips,
    StreamLinks,
    Team,
    Title,
    TitleKind,
    TitleStatus,
    TitleType,
    Torrent,
    TorrentQuality,
    Torrents,
    YouTubeVideo,
)

KINDS = {
    "TV": TitleKind.TV, "ONA": TitleKind.ONA, "WEB": TitleKind.WEB, "OVA": TitleKind.OVA,
    "OAD": TitleKind.OVA, "MOVIE": TitleKind.MOVIE, "DORAMA": TitleKind.TV,
    "SPECIAL": TitleKind.SPECIAL,
}  # fmt: skip
SEASONS = {
    "winter": Season.WINTER, "spring": Season.SPRING, "summer": Season.SUMMER,
    "autumn": Season.AUTUMN,
}  # fmt: skip


class Image(NamedTuple):
    """The three sizes of a v1 image object, absolute; a size the server lacks repeats another."""

    full: str  # `src`: the original (jpg), for the title page
    card: str  # `optimized.src`: webp at the same size, for cards and lists
    thumb: str  # `thumbnail`: small, only a fallback


@dataclass(frozen=True)
class Page:
    """One page of a paginated v1 answer (`meta.pagination`)."""

    items: list[Any]
    page: int
    pages: int
    total: int

    @property
    def last(self) -> bool:
        return self.page >= self.pages


class V1Parser:
    def __init__(self, media: MediaResolver) -> None:
        self._media = media

    # ----- top-level shapes -----

    def title(self, raw: object) -> Title:
        if type(raw) is not dict:
            raise MalformedResponseError(f"expected a release object, got {type(raw).__name__}")
        title = self._title(raw)
        if title.id <= 0:
            raise MalformedResponseError("a release without an id")
        return title

    def titles(self, raw: object) -> list[Title]:
        items = listed(raw, "releases")
        return self._known([self._title(item) for item in items if type(item) is dict])

    def franchises(self, raw: object) -> list[Franchise]:
        """`/anime/franchises/release/{id}`: each franchise with its releases in order."""
        found = []
        for item in listed(raw, "franchises"):
            data = as_dict(item)
            entries = sorted(
                (as_dict(e) for e in as_list(data.get("franchise_releases"))),
                key=lambda e: as_int(e.get("sort_order")),
            )
            titles = self._known(
                [self._title(e["release"]) for e in entries if type(e.get("release")) is dict]
            )
            if as_str(data.get("id")) and titles:
                found.append(
                    Franchise(
                        id=as_str(data.get("id")),
                        name=as_str(data.get("name")),
                        english=as_str(data.get("name_english")),
                        first_year=as_int(data.get("first_year")),
                        last_year=as_int(data.get("last_year")),
                        titles=tuple(titles),
                    )
                )
        return found

    def videos(self, raw: object) -> list[YouTubeVideo]:
        """`/media/videos`: the service's YouTube videos, newest first."""
        videos = []
        for item in listed(raw, "videos"):
            data = as_dict(item)
            video = YouTubeVideo(
                id=as_int(data.get("id")),
                title=as_str(data.get("title")),
                image=self._card_image(data.get("image")),
                youtube_id=as_str(data.get("video_id")),
                timestamp=timestamp(data.get("created_at")),
                comments=as_int(data.get("comments")),
                views=as_int(data.get("views")),
            )
            if video.id > 0:
                videos.append(video)
        return videos

    def team(self, raw: object) -> Team:
        """`/teams/users`: members with roles -> nicknames per role the app knows."""
        pairs = []
        for item in listed(raw, "team members"):
            data = as_dict(item)
            labels = [as_str(as_dict(data.get("team")).get("title"))]
            for role in as_list(data.get("roles")):
                labels += [as_str(as_dict(role).get("id")), as_str(as_dict(role).get("title"))]
            pairs.append((team_role(*labels), as_str(data.get("nickname"))))
        return team_of(pairs)

    @staticmethod
    def genres(raw: object) -> dict[str, int]:
        """`/anime/catalog/references/genres`: genre name -> id (filters take ids)."""
        found = {}
        for item in listed(raw, "genres"):
            data = as_dict(item)
            name, genre_id = as_str(data.get("name")), as_int(data.get("id"))
            if name and genre_id > 0:
                found[name] = genre_id
        return found

    @staticmethod
    def years(raw: object) -> list[int]:
        return sorted({year for year in (as_int(y) for y in listed(raw, "years")) if year > 0})

    def title_page(self, raw: object) -> Page:
        if type(raw) is not dict or type(raw.get("data")) is not list:
            raise MalformedResponseError("expected {data: [...], meta: {...}}")
        # The live service nests the fields under meta.pagination; its description shows them flat.
        meta = as_dict(raw.get("meta"))
        pagination = as_dict(meta.get("pagination")) or meta
        items = self._known([self._title(item) for item in raw["data"] if type(item) is dict])
        page = max(1, as_int(pagination.get("current_page")))
        pages = max(page, as_int(pagination.get("total_pages")))
        return Page(items, page, pages, as_int(pagination.get("total")))

    def schedule(self, raw: object) -> list[ScheduleDay]:
        """`/anime/schedule/week`: entries with a release (and its publish day) each."""
        days: dict[int, list[Title]] = {}
        for entry in listed(raw, "schedule entries"):
            data = as_dict(entry)
            release = data.get("release")
            if type(release) is not dict:
                continue
            published = data.get("published_release_episode")
            if type(published) is dict and "latest_episode" not in release:
                release = {**release, "latest_episode": published}
            title = self._title(release)
            upcoming = as_int(data.get("next_release_episode_number"))
            if not title.player.episodes and upcoming > 1:
                # Only the next number is known: the ones before it are out.
                player = replace(title.player, episodes_range=EpisodeRange(1, upcoming - 1))
                title = replace(title, player=player)
            if title.id > 0 and title.season.week_day is not None:
                days.setdefault(title.season.week_day, []).append(title)
        return [ScheduleDay(day, tuple(days[day])) for day in sorted(days)]

    # ----- parts -----

    @staticmethod
    def _known(titles: list[Title]) -> list[Title]:
        """Releases without an id cannot be opened or played: left out."""
        return [title for title in titles if title.id > 0]

    def _player(self, raw: dict[str, Any]) -> Player:
        """The episodes (or, in lists, only `latest_episode`), in order, and their span."""
        episodes = tuple(
            sorted(
                (self._episode(e) for e in as_list(raw.get("episodes")) if type(e) is dict),
                key=lambda e: e.number,
            )
        )
        latest = raw.get("latest_episode")
        if not episodes and type(latest) is dict:
            episodes = (self._episode(latest),)
        numbers = [int(e.number) for e in episodes]
        return Player(
            alternative_player=self._media.resolve(raw.get("external_player")),
            episodes_range=EpisodeRange(min(numbers), max(numbers)) if numbers else EpisodeRange(),
            episodes=episodes,
        )

    @staticmethod
    def _type(raw: dict[str, Any]) -> TitleType:
        kind = as_dict(raw.get("type"))
        # The live service sends `episodes_are_unknown` (not in the OpenAPI) with a null total
        # for ongoing titles: "?" rather than "0".
        unknown = as_bool(raw.get("episodes_are_unknown"))
        return TitleType(
            kind=KINDS.get(as_str(kind.get("value")), TitleKind.UNKNOWN),
            label=as_str(kind.get("description")),
            full_label=as_str(kind.get("description")),
            episodes=0 if unknown else as_int(raw.get("episodes_total")),
            episodes_unknown=unknown,
            episode_minutes=as_int(raw.get("average_duration_of_episode")),
        )

    def _title(self, raw: dict[str, Any]) -> Title:
        name = as_dict(raw.get("name"))
        season = as_dict(raw.get("season"))
        day = as_int(as_dict(raw.get("publish_day")).get("value"))
        ongoing = as_bool(raw.get("is_ongoing"))
        return Title(
            id=as_int(raw.get("id")),
            code=as_str(raw.get("alias")),
            names=Names(
                ru=as_str(name.get("main")),
                en=as_str(name.get("english")),
                alternative=as_str(name.get("alternative")),
            ),
            announce=as_str(raw.get("notification")),
            status=TitleStatus.ONGOING if ongoing else TitleStatus.FINISHED,
            poster=self._poster(raw.get("poster")),
            updated=timestamp(raw.get("fresh_at")),
            last_change=timestamp(raw.get("updated_at")),
            type=self._type(raw),
            genres=tuple(
                as_str(as_dict(genre).get("name"))
                for genre in as_list(raw.get("genres"))
                if as_str(as_dict(genre).get("name"))
            ),
            season=SeasonInfo(
                season=SEASONS.get(as_str(season.get("value")), Season.UNKNOWN),
                label=as_str(season.get("description")),
                year=as_int(raw.get("year")),
                week_day=day - 1 if 1 <= day <= 7 else None,
            ),
            description=Description(html=description_html(raw.get("description"))),
            in_favorites=as_int(raw.get("added_in_users_favorites")),
            blocked=Blocked(
                geo=as_bool(raw.get("is_blocked_by_geo")),
                copyright=as_bool(raw.get("is_blocked_by_copyrights")),
            ),
            player=self._player(raw),
            torrents=Torrents(
                items=tuple(
                    self._torrent(t) for t in as_list(raw.get("torrents")) if type(t) is dict
                )
            ),
            team=self._members(raw.get("members")),
            age_rating=age_rating(raw.get("age_rating")),
        )

    @staticmethod
    def _members(raw: object) -> Team:
        pairs = []
        for item in as_list(raw):
            data = as_dict(item)
            role = as_dict(data.get("role"))
            role_name = team_role(as_str(role.get("value")), as_str(role.get("description")))
            pairs.append((role_name, as_str(data.get("nickname"))))
        return team_of(pairs)

    def _image(self, raw: object) -> Image:
        """Either spelling of an image object (`src` live, `preview` documented), top level and
        under `optimized`."""
        data = as_dict(raw)
        if not data:
            return Image("", "", "")
        optimized = as_dict(data.get("optimized"))
        resolve = self._media.resolve
        card = self._card_image(data)  # falls back to the original, then the thumbnail itself
        full = resolve(data.get("src")) or resolve(data.get("preview"))
        thumb = resolve(optimized.get("thumbnail")) or resolve(data.get("thumbnail"))
        return Image(full or card, card, thumb or card)

    def _card_image(self, raw: object) -> str:
        """The card size of an image object: `optimized` (webp), else the original, else a
        thumbnail. Stills and video pictures need only this size: nothing else is resolved."""
        data = as_dict(raw)
        if not data:
            return ""
        optimized = as_dict(data.get("optimized"))
        resolve = self._media.resolve
        return (
            resolve(optimized.get("src"))
            or resolve(optimized.get("preview"))
            or resolve(data.get("src"))
            or resolve(data.get("preview"))
            or resolve(optimized.get("thumbnail"))
            or resolve(data.get("thumbnail"))
        )

    def _poster(self, raw: object) -> Poster:
        image = self._image(raw)
        return Poster(small=image.thumb, medium=image.card, original=image.full)

    def _episode(self, raw: dict[str, Any]) -> Episode:
        return Episode(
            id=as_str(raw.get("id")),
            number=as_number(raw.get("ordinal")) or 0.0,
            name=as_str(raw.get("name")),
            name_en=as_str(raw.get("name_english")),
            created=timestamp(raw.get("updated_at")),
            preview=self._card_image(raw.get("preview")),
            # Absolute in v1: resolve() keeps an absolute http(s) URL and refuses anything odd.
            hls=StreamLinks(
                fhd=self._media.resolve(raw.get("hls_1080")),
                hd=self._media.resolve(raw.get("hls_720")),
                sd=self._media.resolve(raw.get("hls_480")),
            ),
            skips=Skips(opening=skip(raw.get("opening")), ending=skip(raw.get("ending"))),
            duration=as_int(raw.get("duration")),
        )

    def _torrent(self, raw: dict[str, Any]) -> Torrent:
        quality = as_dict(raw.get("quality"))
        kind = as_dict(raw.get("type"))
        codec = as_dict(raw.get("codec"))
        resolution = as_str(quality.get("value")).rstrip("p")
        return Torrent(
            id=as_int(raw.get("id")),
            quality=TorrentQuality(
                label=as_str(raw.get("label")),
                type=as_str(kind.get("description")) or as_str(kind.get("value")),
                resolution=int(resolution) if resolution.isascii() and resolution.isdigit() else 0,
                encoder=as_str(codec.get("label")) or as_str(codec.get("value")),
            ),
            leechers=as_int(raw.get("leechers")),
            seeders=as_int(raw.get("seeders")),
            downloads=as_int(raw.get("completed_times")),
            total_size=as_int(raw.get("size")),
            # The official client reads only `updated_at`; the OpenAPI has both.
            uploaded=timestamp(raw.get("created_at")) or timestamp(raw.get("updated_at")),
            hash=as_str(raw.get("hash")).lower(),
            magnet=as_str(raw.get("magnet"))
            if as_str(raw.get("magnet")).startswith("magnet:")
            else "",
        )
