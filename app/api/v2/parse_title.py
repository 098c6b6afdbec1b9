"""A v2 title object: names, facts, poster, team, season and description, with its player and
torrents read by their own modules."""

from __future__ import annotations

from typing import Any

from app.api.coerce import as_base64, as_bool, as_dict, as_int, as_str, as_strs
from app.api.v2.parse_fields import Resolve, first_int
from app.api.v2.parse_player import player
from app.api.v2.parse_torrents import torrents
from app.core import (
    Blocked,
    Description,
    Names,
    Poster,
    Season,
    SeasonInfo,
    Team,
    Title,
    TitleKind,
    TitleStatus,
    TitleType,
)

_STATUSES = {status.value: status for status in TitleStatus}
_KINDS = {kind.value: kind for kind in TitleKind}
_SEASONS = {season.value: season for season in Season}


def title(data: dict[str, Any], resolve: Resolve, description_form: str) -> Title:
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
        poster=_poster(get("poster"), get("posters"), resolve),
        updated=as_int(get("updated")),
        last_change=as_int(get("last_change")),
        type=_type(get("type")),
        genres=as_strs(get("genres")),
        team=team(get("team")),
        season=_season(season_raw, data),
        description=_description(get("description"), description_form),
        in_favorites=as_int(get("in_favorites")),
        blocked=_blocked(get("blocked")),
        player=player(get("player"), resolve),
        torrents=torrents(get("torrents"), resolve),
    )


def team(raw: object) -> Team:
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


def _poster(single: object, sized: object, resolve: Resolve) -> Poster:
    one = as_dict(single)
    sizes = as_dict(sized)
    if not one and not sizes:
        return Poster()
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


def _description(raw: object, form: str) -> Description:
    if type(raw) is str:  # the form asked for (description_type), sent alone
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
        episode_minutes=as_int(length) if type(length) is int else first_int(as_str(length)),
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
