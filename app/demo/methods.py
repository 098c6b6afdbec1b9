"""The v2 REST methods over the demo catalogue: query parameters in, JSON-able data out."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.demo.catalog import Catalog
from app.demo.filtering import apply_filter, apply_remove
from app.demo.records import DemoTitle
from app.demo.search import score
from app.demo.wire import WireOptions, title_json, video_json

TITLE_PARAMS = {"filter", "remove", "include", "description_type", "playlist_type"}
LIST_PARAMS = {"limit", "since", "after"}
ALLOWED: dict[str, set[str]] = {
    "getTitle": {"id", "code", "torrent_id"} | TITLE_PARAMS,
    "getTitles": {"id_list", "code_list", "torrent_id_list"} | TITLE_PARAMS,
    "getUpdates": TITLE_PARAMS | LIST_PARAMS,
    "getChanges": (TITLE_PARAMS - {"playlist_type"}) | LIST_PARAMS,
    "getSchedule": TITLE_PARAMS | {"days"},
    "getRandomTitle": set(TITLE_PARAMS),
    "getYouTube": {"filter", "remove"} | LIST_PARAMS,
    "getFeed": TITLE_PARAMS | LIST_PARAMS,
    "getYears": set(),
    "getGenres": {"sorting_type"},
    "getCachingNodes": set(),
    "getTeam": set(),
    "getSeedStats": {"users", "filter", "remove", "limit", "after", "sort_by", "order"},
    "searchTitles": {
        "search", "year", "season_code", "genres", "voice", "translator", "editing", "decor",
        "timing", "limit", "after",
    } | TITLE_PARAMS,
}  # fmt: skip
TEAM_ROLES = ("voice", "translator", "editing", "decor", "timing")
INCLUDES = {"raw_poster", "raw_torrent", "torrent_meta"}


class MethodError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Context:
    catalog: Catalog
    shape: str
    hls_host: str
    caching_nodes: Mapping[str, int]
    poster_bytes: Callable[[DemoTitle], bytes]


def _list(params: Mapping[str, str], name: str) -> list[str]:
    return [part.strip() for part in params.get(name, "").split(",") if part.strip()]


def _int(params: Mapping[str, str], name: str, default: int | None = None) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise MethodError(400, f"Parameter {name} must be an integer, got {value!r}") from None


def _ints(params: Mapping[str, str], name: str) -> list[int]:
    try:
        return [int(part) for part in _list(params, name)]
    except ValueError:
        raise MethodError(400, f"Parameter {name} must be a list of integers") from None


def _options(ctx: Context, params: Mapping[str, str]) -> WireOptions:
    description_type = params.get("description_type", "plain")
    if description_type not in ("plain", "html", "no_view_order"):
        raise MethodError(400, f"Unknown description_type: {description_type}")
    playlist_type = params.get("playlist_type", "object")
    if playlist_type not in ("object", "array"):
        raise MethodError(400, f"Unknown playlist_type: {playlist_type}")
    include = set(_list(params, "include"))
    unknown = include - INCLUDES
    if unknown:
        raise MethodError(400, f"Unknown include: {', '.join(sorted(unknown))}")
    return WireOptions(
        shape=ctx.shape,
        hls_host=ctx.hls_host,
        mp4_host=ctx.hls_host,
        description_type=description_type,
        playlist_type=playlist_type,
        raw_poster="raw_poster" in include,
        raw_torrent="raw_torrent" in include,
        torrent_meta="torrent_meta" in include,
    )


def _shape_title(ctx: Context, title: DemoTitle, params: Mapping[str, str]) -> Any:
    options = _options(ctx, params)
    poster = ctx.poster_bytes(title) if options.raw_poster else None
    return _project(title_json(title, options, poster), params)


def _project(data: Any, params: Mapping[str, str]) -> Any:
    filters, removes = _list(params, "filter"), _list(params, "remove")
    if filters:
        data = apply_filter(data, filters)
    if removes:
        data = apply_remove(data, removes)
    return data


def _page(items: list[Any], params: Mapping[str, str]) -> list[Any]:
    after = _int(params, "after", 0) or 0
    limit = _int(params, "limit", 5)
    if after < 0:
        raise MethodError(400, "Parameter after must not be negative")
    items = items[after:]
    if limit is not None and limit >= 0:
        items = items[:limit]
    return items


def _visible(catalog: Catalog) -> list[DemoTitle]:
    return [t for t in catalog.titles.values() if t.status != 3]


def get_title(ctx: Context, params: Mapping[str, str]) -> Any:
    title_id = _int(params, "id")
    code = params.get("code")
    torrent_id = _int(params, "torrent_id")
    title: DemoTitle | None = None
    if title_id is not None:
        title = ctx.catalog.titles.get(title_id)
        wanted = str(title_id)
    elif code:
        title = ctx.catalog.by_code(code)
        wanted = code
    elif torrent_id is not None:
        found = ctx.catalog.torrent(torrent_id)
        title = found[0] if found else None
        wanted = f"torrent {torrent_id}"
    else:
        raise MethodError(400, "One of id, code or torrent_id is required")
    if title is None:
        raise MethodError(404, f'Title "{wanted}" not found!')
    return _shape_title(ctx, title, params)


def get_titles(ctx: Context, params: Mapping[str, str]) -> Any:
    found: list[DemoTitle] = []
    for title_id in _ints(params, "id_list"):
        if title_id in ctx.catalog.titles:
            found.append(ctx.catalog.titles[title_id])
    for code in _list(params, "code_list"):
        title = ctx.catalog.by_code(code)
        if title is not None:
            found.append(title)
    for torrent_id in _ints(params, "torrent_id_list"):
        pair = ctx.catalog.torrent(torrent_id)
        if pair is not None:
            found.append(pair[0])
    if not found:
        raise MethodError(404, "Titles not found!")
    return [_shape_title(ctx, title, params) for title in found]


def _by_time(ctx: Context, params: Mapping[str, str], key: str) -> Any:
    since = _int(params, "since")
    titles = sorted(_visible(ctx.catalog), key=lambda t: -getattr(t, key))
    if since is not None:
        titles = [t for t in titles if getattr(t, key) > since]
    return [_shape_title(ctx, title, params) for title in _page(titles, params)]


def get_updates(ctx: Context, params: Mapping[str, str]) -> Any:
    return _by_time(ctx, params, "updated")


def get_changes(ctx: Context, params: Mapping[str, str]) -> Any:
    return _by_time(ctx, params, "last_change")


def get_schedule(ctx: Context, params: Mapping[str, str]) -> Any:
    days = _ints(params, "days") or list(range(7))
    if any(not 0 <= day <= 6 for day in days):
        raise MethodError(400, "Days are numbered 0 (Monday) to 6 (Sunday)")
    ongoing = sorted((t for t in _visible(ctx.catalog) if t.status == 1), key=lambda t: -t.updated)
    return [
        {
            "day": day,
            "list": [_shape_title(ctx, t, params) for t in ongoing if t.week_day == day],
        }
        for day in sorted(set(days))
    ]


def get_random_title(ctx: Context, params: Mapping[str, str]) -> Any:
    return _shape_title(ctx, random.choice(_visible(ctx.catalog)), params)


def get_youtube(ctx: Context, params: Mapping[str, str]) -> Any:
    since = _int(params, "since")
    videos = sorted(ctx.catalog.videos, key=lambda v: -v.timestamp)
    if since is not None:
        videos = [v for v in videos if v.timestamp > since]
    return [_project(video_json(v, ctx.shape), params) for v in _page(videos, params)]


def get_feed(ctx: Context, params: Mapping[str, str]) -> Any:
    since = _int(params, "since") or 0
    entries: list[tuple[int, str, Any]] = [
        (t.updated, "title", t) for t in _visible(ctx.catalog) if t.updated > since
    ]
    entries += [(v.timestamp, "youtube", v) for v in ctx.catalog.videos if v.timestamp > since]
    entries.sort(key=lambda entry: -entry[0])
    feed = []
    for _, kind, item in _page(entries, params):
        if kind == "title":
            feed.append({"title": _shape_title(ctx, item, params)})
        else:
            feed.append({"youtube": _project(video_json(item, ctx.shape), params)})
    return feed


def get_years(ctx: Context, params: Mapping[str, str]) -> Any:
    return ctx.catalog.years()


def get_genres(ctx: Context, params: Mapping[str, str]) -> Any:
    sorting = _int(params, "sorting_type", 0)
    if sorting not in (0, 1):
        raise MethodError(400, "sorting_type is 0 (alphabet) or 1 (rating)")
    return ctx.catalog.genres(by_rating=sorting == 1)


def get_caching_nodes(ctx: Context, params: Mapping[str, str]) -> Any:
    return dict(ctx.caching_nodes)


def get_team(ctx: Context, params: Mapping[str, str]) -> Any:
    return {"team": ctx.catalog.team()}


def get_seed_stats(ctx: Context, params: Mapping[str, str]) -> Any:
    stats = ctx.catalog.seed_stats
    users = set(_list(params, "users"))
    if users:
        stats = [s for s in stats if s.user in users]
    sort_by = params.get("sort_by")
    if sort_by is not None:
        if sort_by not in ("downloaded", "uploaded", "user"):
            raise MethodError(400, f"Unknown sort_by: {sort_by}")
        descending = _int(params, "order", 0) == 0
        stats = sorted(stats, key=lambda s: getattr(s, sort_by), reverse=descending)
    rows = [{"downloaded": s.downloaded, "uploaded": s.uploaded, "user": s.user} for s in stats]
    return [_project(row, params) for row in _page(rows, params)]


def search_titles(ctx: Context, params: Mapping[str, str]) -> Any:
    titles = _visible(ctx.catalog)
    years = set(_ints(params, "year"))
    if years:
        titles = [t for t in titles if t.year in years]
    seasons = set(_ints(params, "season_code"))
    if seasons:
        titles = [t for t in titles if t.season in seasons]
    genres = {g.lower() for g in _list(params, "genres")}
    if genres:  # every asked genre must be present: filters narrow
        titles = [t for t in titles if genres <= {g.lower() for g in t.genres}]
    for role in TEAM_ROLES:
        names = {n.lower() for n in _list(params, role)}
        if names:
            titles = [t for t in titles if names & {n.lower() for n in t.team.get(role, [])}]
    queries = _list(params, "search")
    if queries:
        scored = [(max(score(t, q) for q in queries), t) for t in titles]
        titles = [t for s, t in sorted(scored, key=lambda p: (-p[0], -p[1].updated)) if s > 0]
    else:
        titles.sort(key=lambda t: -t.updated)
    return [_shape_title(ctx, title, params) for title in _page(titles, params)]


METHODS: dict[str, Callable[[Context, Mapping[str, str]], Any]] = {
    "getTitle": get_title,
    "getTitles": get_titles,
    "getUpdates": get_updates,
    "getChanges": get_changes,
    "getSchedule": get_schedule,
    "getRandomTitle": get_random_title,
    "getYouTube": get_youtube,
    "getFeed": get_feed,
    "getYears": get_years,
    "getGenres": get_genres,
    "getCachingNodes": get_caching_nodes,
    "getTeam": get_team,
    "getSeedStats": get_seed_stats,
    "searchTitles": search_titles,
}


def call(method: str, ctx: Context, params: Mapping[str, str]) -> Any:
    if method not in METHODS:
        raise MethodError(404, f"Unknown method: {method}")
    unknown = sorted(set(params) - ALLOWED[method])
    if unknown:
        raise MethodError(412, f"Unknown parameters: {', '.join(unknown)}")
    return METHODS[method](ctx, params)
