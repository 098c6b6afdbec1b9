"""AniLibria v2 JSON (both the 2.8 and the 2.13 shapes) -> core models.

The parser never trusts the payload: nulls and wrong types become empty values; only a payload whose
top level is not what the method returns raises `MalformedResponseError`.
"""

from __future__ import annotations

import re
from typing import Any

from app.api.coerce import (
    as_base64,
    as_bool,
    as_dict,
    as_int,
    as_number,
    as_pair,
    as_str,
    as_strs,
)
from app.api.errors import MalformedResponseError
from app.api.media import MediaResolver
from app.core import (
    Blocked,
    CachingNode,
    Description,
    DownloadLinks,
    Episode,
    EpisodeRange,
    Names,
    Player,
    Poster,
    ScheduleDay,
    Season,
    SeasonInfo,
    SeedStat,
    Skips,
    StreamHosts,
    StreamLinks,
    Team,
    Title,
    TitleKind,
    TitleStatus,
    TitleType,
    Torrent,
    TorrentFile,
    TorrentMetadata,
    TorrentQuality,
    Torrents,
    YouTubeVideo,
)
from app.core.media import FeedItem

_STATUSES = {status.value: status for status in TitleStatus}
_KINDS = {kind.value: kind for kind in TitleKind}
_SEASONS = {season.value: season for season in Season}
_DESCRIPTION_FORMS = ("plain", "html", "no_view_order")
_LEADING_NUMBER = re.compile(r"\s*\d{1,9}")
_ANY_RESOLUTION = re.compile(r"\b(\d{3,4})p\b")
_NO_LINKS = StreamLinks()
_NO_DOWNLOADS = DownloadLinks()
_NO_SKIPS = Skips()


def _first_int(text: str) -> int:
    """The leading number of strings like "25 мин" or "1080p"."""
    match = _LEADING_NUMBER.match(text)
    return int(match.group()) if match else 0


def _range(raw: object) -> EpisodeRange:
    data = as_dict(raw)
    if not data:
        return EpisodeRange()
    return EpisodeRange(
        as_int(data.get("first")), as_int(data.get("last")), as_str(data.get("string"))
    )


class V2Parser:
    """Parses v2 payloads; relative media paths resolve against `media`."""

    __slots__ = ("_description_type", "_media")

    def __init__(self, media: MediaResolver, description_type: str = "plain") -> None:
        self._media = media
        self._description_type = (
            description_type if description_type in _DESCRIPTION_FORMS else "plain"
        )

    def resolve_media(self, path: str) -> str:
        return self._media.resolve(path)

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
        return _team(raw.get("team", raw))

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

    # ----- parts -----

    def _title(self, data: dict[str, Any]) -> Title:
        get = data.get
        status = as_dict(get("status"))
        season_raw = as_dict(get("season"))
        return Title(
            id=as_int(get("id")),
            code=as_str(get("code")),
            names=_names(get("names")),
            announce=as_str(get("announce")),
            status=_STATUSES.get(as_int(status.get("code")), TitleStatus.UNKNOWN),
            status_label=as_str(status.get("string")),
            poster=self._poster(get("poster"), get("posters")),
            updated=as_int(get("updated")),
            last_change=as_int(get("last_change")),
            type=_type(get("type")),
            genres=as_strs(get("genres")),
            team=_team(get("team")),
            season=_season(season_raw, data),
            description=self._description(get("description")),
            in_favorites=as_int(get("in_favorites")),
            blocked=_blocked(get("blocked")),
            player=self.player(get("player")),
            torrents=self.torrents(get("torrents")),
        )

    def _poster(self, single: object, sized: object) -> Poster:
        one = as_dict(single)
        sizes = as_dict(sized)
        if not one and not sizes:
            return Poster()
        resolve = self._media.resolve
        fallback = resolve(one.get("url"))
        small = as_dict(sizes.get("small"))
        medium = as_dict(sizes.get("medium"))
        original = as_dict(sizes.get("original"))
        small_url = resolve(small.get("url"))
        medium_url = resolve(medium.get("url"))
        original_url = resolve(original.get("url"))
        raw = None
        for candidate in (one, original, medium, small):
            raw = as_base64(candidate.get("raw_base64_file"))
            if raw is not None:
                break
        return Poster(
            small=small_url or medium_url or fallback or original_url,
            medium=medium_url or fallback or original_url or small_url,
            original=original_url or fallback or medium_url or small_url,
            updated=as_int(one.get("updated_timestamp")),
            raw=raw,
        )

    def _description(self, raw: object) -> Description:
        if type(raw) is str:
            form = self._description_type
            if form == "html":
                return Description(html=raw)
            if form == "no_view_order":
                return Description(no_view_order=raw)
            return Description(plain=raw)
        data = as_dict(raw)
        if not data:
            return Description()
        return Description(
            plain=as_str(data.get("plain")),
            html=as_str(data.get("html")),
            no_view_order=as_str(data.get("no_view_order")),
        )

    def player(self, raw: object) -> Player:
        data = as_dict(raw)
        if not data:
            return Player()
        hosts = as_dict(data.get("hosts"))
        hls_host = as_str(hosts.get("hls")) or as_str(data.get("host"))
        return Player(
            alternative_player=self._media.resolve(data.get("alternative_player")),
            hosts=StreamHosts(hls=hls_host, mp4=as_str(hosts.get("mp4"))),
            episodes_range=_range(data.get("series")),
            episodes=self._episodes(data.get("playlist")),
        )

    def _episodes(self, raw: object) -> tuple[Episode, ...]:
        # playlist_type=object gives {"1": {...}}; playlist_type=array gives [{...}, ...].
        if type(raw) is dict:
            pairs: Any = raw.items()
        elif type(raw) is list:
            pairs = ((None, item) for item in raw)
        else:
            return ()
        episodes: dict[float, Episode] = {}
        for key, item in pairs:
            if type(item) is not dict:
                continue
            episode = self.episode(item, key)
            if episode is not None:
                episodes[episode.number] = episode
        return tuple(episodes[number] for number in sorted(episodes))

    def episode(self, data: dict[str, Any], key: object = None) -> Episode | None:
        # The hot path of big title lists: type checks are inlined and empty parts shared.
        get = data.get
        number: float | None = get("serie")  # 2.13 names it serie, 2.8 id
        if type(number) is not int:
            number = get("id") if number is None else number
            if type(number) is not int:
                number = as_number(number)
                if number is None:
                    number = as_number(key)
                if number is None:
                    return None
        hls = get("hls")
        if type(hls) is dict:
            fhd, hd, sd = hls.get("fhd"), hls.get("hd"), hls.get("sd")
            links = StreamLinks(
                fhd if type(fhd) is str else "",
                hd if type(hd) is str else "",
                sd if type(sd) is str else "",
            )
        else:
            links = _NO_LINKS
        mp4_raw = get("mp4")
        mp4 = _NO_DOWNLOADS
        if type(mp4_raw) is dict:
            download = as_dict(mp4_raw.get("download"))
            mp4 = DownloadLinks(
                as_str(mp4_raw.get("hd")),
                as_str(mp4_raw.get("sd")),
                as_str(download.get("hd")),
                as_str(download.get("sd")),
            )
        skips_raw = get("skips")
        skips = _NO_SKIPS
        if type(skips_raw) is dict:
            opening, ending = as_pair(skips_raw.get("opening")), as_pair(skips_raw.get("ending"))
            if opening or ending:
                skips = Skips(opening, ending)
        name, preview = get("name"), get("preview")
        return Episode(
            float(number),
            name if type(name) is str else "",
            as_int(get("created_timestamp")),
            self._media.resolve(preview) if preview else "",
            links,
            mp4,
            skips,
        )

    def torrents(self, raw: object) -> Torrents:
        data = as_dict(raw)
        if not data:
            return Torrents()
        items = data.get("list")
        parsed = (
            tuple(self._torrent(item) for item in items if type(item) is dict)
            if type(items) is list
            else ()
        )
        return Torrents(_range(data.get("series")), parsed)

    def _torrent(self, data: dict[str, Any]) -> Torrent:
        get = data.get
        metadata_raw = as_dict(get("metadata"))
        torrent_hash = as_str(get("hash")) or as_str(metadata_raw.get("hash"))
        return Torrent(
            id=as_int(get("torrent_id")),
            episodes=_range(get("series")),
            quality=_quality(get("quality"), as_bool(get("hevc"))),
            leechers=as_int(get("leechers")),
            seeders=as_int(get("seeders")),
            downloads=as_int(get("downloads")),
            total_size=as_int(get("total_size")),
            url=self._media.resolve(get("url")),
            uploaded=as_int(get("uploaded_timestamp")),
            hash=torrent_hash.lower() if _is_info_hash(torrent_hash) else "",
            magnet=as_str(get("magnet")) if as_str(get("magnet")).startswith("magnet:?") else "",
            raw=as_base64(get("raw_base64_file")),
            metadata=_metadata(metadata_raw) if metadata_raw else None,
        )

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


def _names(raw: object) -> Names:
    data = as_dict(raw)
    if not data:
        return Names()
    alternative = data.get("alternative")
    if type(alternative) is list:  # some servers send a list of alternative names
        alternative = ", ".join(as_strs(alternative))
    return Names(as_str(data.get("ru")), as_str(data.get("en")), as_str(alternative))


def _type(raw: object) -> TitleType:
    data = as_dict(raw)
    if not data:
        return TitleType()
    code = data.get("code")
    length = data.get("length")
    return TitleType(
        kind=_KINDS.get(code, TitleKind.UNKNOWN) if type(code) is int else TitleKind.UNKNOWN,
        label=as_str(data.get("string")),
        full_label=as_str(data.get("full_string")),
        episodes=as_int(data.get("series")),
        episode_minutes=as_int(length) if type(length) is int else _first_int(as_str(length)),
    )


def _team(raw: object) -> Team:
    data = as_dict(raw)
    if not data:
        return Team()
    return Team(
        voice=as_strs(data.get("voice")),
        translator=as_strs(data.get("translator")),
        editing=as_strs(data.get("editing")),
        decor=as_strs(data.get("decor")),
        timing=as_strs(data.get("timing")),
    )


def _season(data: dict[str, Any], title: dict[str, Any]) -> SeasonInfo:
    get = data.get
    code = get("code", get("season_code"))
    week_day = get("week_day", title.get("week_day"))
    return SeasonInfo(
        season=_SEASONS.get(code, Season.UNKNOWN) if type(code) is int else Season.UNKNOWN,
        label=as_str(get("string", get("season_string"))),
        year=as_int(get("year", title.get("year"))),
        week_day=week_day if type(week_day) is int and 0 <= week_day <= 6 else None,
    )


def _blocked(raw: object) -> Blocked:
    data = as_dict(raw)
    if not data:
        return Blocked()
    return Blocked(
        geo=as_bool(data.get("blocked")),
        copyright=as_bool(data.get("bakanim")) or as_bool(data.get("copyrights")),
    )


def _quality(raw: object, hevc: bool) -> TorrentQuality:
    if type(raw) is str:  # 2.8 servers sent the label alone
        label: str = raw
        parts = label.split()
        found = _ANY_RESOLUTION.search(label)
        resolution = int(found.group(1)) if found else 0
        return TorrentQuality(
            label=label,
            type=parts[0] if parts else "",
            resolution=resolution,
            hevc=hevc,
        )
    data = as_dict(raw)
    if not data and not hevc:
        return TorrentQuality()
    resolution_raw = data.get("resolution")
    encoder = as_str(data.get("encoder"))
    return TorrentQuality(
        label=as_str(data.get("string")),
        type=as_str(data.get("type")),
        resolution=as_int(resolution_raw)
        if type(resolution_raw) is int
        else _first_int(as_str(resolution_raw)),
        encoder=encoder,
        lq_audio=as_bool(data.get("lq_audio")),
        hevc=hevc or encoder.lower() in ("h265", "hevc"),
    )


def _metadata(data: dict[str, Any]) -> TorrentMetadata:
    files = data.get("files_list")
    parsed: tuple[TorrentFile, ...] = ()
    if type(files) is list:
        parsed = tuple(
            TorrentFile(as_str(f.get("file")), as_int(f.get("size")), as_int(f.get("offset")))
            for f in files
            if type(f) is dict and as_str(f.get("file"))
        )
    return TorrentMetadata(
        name=as_str(data.get("name")),
        announce=as_strs(data.get("announce")),
        created=as_int(data.get("created_timestamp")),
        files=parsed,
    )


def _is_info_hash(text: str) -> bool:
    return len(text) in (40, 64) and all(c in "0123456789abcdefABCDEF" for c in text)
