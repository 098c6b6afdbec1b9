"""The demo's AniLibria v1 endpoints (`/api/v1/...`) over the same catalogue as its v2 side."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.demo.catalog import Catalog
from app.demo.records import DemoTitle
from app.demo.search import score
from app.demo.v1_wire import (
    AGE_RATINGS,
    KINDS,
    ROLES,
    SEASONS,
    episode_id,
    episode_with_release_json,
    full_release_json,
    genre_id,
    image,
    latest_release_json,
    listed_release_json,
    pagination,
    poster_path,
    release_json,
    torrent_json,
    video_json,
)

SORT_KEYS: dict[str, Callable[[DemoTitle], int]] = {
    "FRESH_AT": lambda t: t.updated, "RATING": lambda t: t.in_favorites, "YEAR": lambda t: t.year,
}  # fmt: skip
SORTINGS = {
    f"{name}_{order}": (key, order == "DESC")
    for name, key in SORT_KEYS.items()
    for order in ("DESC", "ASC")
}
FRANCHISE_SIZE = 3  # the demo groups consecutive titles into franchises of three


class V1Error(Exception):
    """An error answer: HTTP status and the JSON body the service sends with it."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body)
        self.status = status
        self.body = body


def invalid(field: str, message: str) -> V1Error:
    return V1Error(422, {"message": message, "errors": {field: [message]}})


def not_found(message: str) -> V1Error:
    return V1Error(404, {"message": message})


@dataclass(frozen=True, slots=True)
class V1Context:
    catalog: Catalog
    stream_origin: str  # scheme://host[:port] the episodes' absolute HLS links point at
    live: bool = True  # the live service's shapes; False: the OpenAPI description's


def _int(query: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = query.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise invalid(name, f"Поле {name} должно быть числом") from None
    if not low <= value <= high:
        raise invalid(name, f"Поле {name} должно быть между {low} и {high}")
    return value


def _csv(query: Mapping[str, str], name: str) -> list[str]:
    return [part.strip() for part in query.get(name, "").split(",") if part.strip()]


def _visible(catalog: Catalog) -> list[DemoTitle]:
    return [t for t in catalog.titles.values() if t.status != 3]


def _paged(
    ctx: V1Context, items: list[Any], query: Mapping[str, str], render: Callable[[Any], Any]
) -> Any:
    page = _int(query, "page", 1, 1, 100_000)
    limit = _int(query, "limit", 15, 1, 50)
    chunk = items[(page - 1) * limit : page * limit]
    return {
        "data": [render(item) for item in chunk],
        "meta": pagination(len(items), page, limit, len(chunk), ctx.live),
    }


def _listed(ctx: V1Context, items: list[Any]) -> Any:
    """live: a bare array where the description wraps the list in `{"data": [...]}`."""
    return items if ctx.live else {"data": items}


def _by_fresh(catalog: Catalog) -> list[DemoTitle]:
    return sorted(_visible(catalog), key=lambda t: -t.updated)


def latest(ctx: V1Context, query: Mapping[str, str]) -> Any:
    limit = _int(query, "limit", 14, 1, 50)
    return [
        latest_release_json(t, ctx.stream_origin, ctx.live) for t in _by_fresh(ctx.catalog)[:limit]
    ]


def random_releases(ctx: V1Context, query: Mapping[str, str]) -> Any:
    limit = _int(query, "limit", 1, 1, 50)
    titles = _visible(ctx.catalog)
    return [release_json(t, ctx.live) for t in random.sample(titles, min(limit, len(titles)))]


def release_list(ctx: V1Context, query: Mapping[str, str]) -> Any:
    ids, aliases = _csv(query, "ids"), set(_csv(query, "aliases"))
    if not ids and not aliases:
        raise invalid("ids", "Поле ids обязательно, если не указано aliases")
    if any(not (raw.isascii() and raw.isdigit()) for raw in ids):
        raise invalid("ids", "Поле ids должно быть списком чисел")
    wanted = {int(raw) for raw in ids}
    found = [t for t in _visible(ctx.catalog) if t.id in wanted or t.code in aliases]
    return _paged(ctx, found, query, lambda t: full_release_json(t, ctx.stream_origin, ctx.live))


def release(ctx: V1Context, alias_or_id: str) -> Any:
    title = (
        ctx.catalog.titles.get(int(alias_or_id))
        if alias_or_id.isascii() and alias_or_id.isdigit()
        else ctx.catalog.by_code(alias_or_id)
    )
    if title is None or title.status == 3:
        raise not_found("Релиз не найден")
    return full_release_json(title, ctx.stream_origin, ctx.live)


def episode(ctx: V1Context, wanted: str) -> Any:
    """One episode by its id, with its release; 404 for an id no visible release has."""
    wanted = wanted.lower()
    for title in _visible(ctx.catalog):
        for item in title.episodes:
            if episode_id(title, item) == wanted:
                return episode_with_release_json(title, item, ctx.stream_origin, ctx.live)
    raise not_found("Эпизод не найден")


def catalog_releases(ctx: V1Context, query: Mapping[str, str]) -> Any:
    titles = _visible(ctx.catalog)
    genres = _csv(query, "f[genres]")
    if any(not (g.isascii() and g.isdigit()) for g in genres):
        raise invalid("f.genres", "Поле f.genres должно быть списком идентификаторов")
    wanted_genres = {int(g) for g in genres}
    if wanted_genres:  # every asked genre must be present: filters narrow
        titles = [t for t in titles if wanted_genres <= {genre_id(g) for g in t.genres}]
    types = set(_csv(query, "f[types]"))
    if types:
        titles = [t for t in titles if KINDS.get(t.kind, ("TV", ""))[0] in types]
    seasons = set(_csv(query, "f[seasons]"))
    if seasons - {value for value, _ in SEASONS.values()}:
        raise invalid("f.seasons", "Неизвестный сезон")
    if seasons:
        titles = [t for t in titles if SEASONS.get(t.season, ("", ""))[0] in seasons]
    low = _int(query, "f[years][from_year]", 0, 0, 3000)
    high = _int(query, "f[years][to_year]", 3000, 0, 3000)
    titles = [t for t in titles if low <= t.year <= high]
    ratings = set(_csv(query, "f[age_ratings]"))
    if ratings:
        titles = [t for t in titles if AGE_RATINGS[t.id % len(AGE_RATINGS)][0] in ratings]
    sorting = query.get("f[sorting]", "FRESH_AT_DESC")
    if sorting not in SORTINGS:
        raise invalid("f.sorting", "Неизвестная сортировка")
    key, descending = SORTINGS[sorting]
    titles.sort(key=key, reverse=descending)
    text = query.get("f[search]", "").strip()
    if text:
        scored = [(score(t, text), t) for t in titles]
        titles = [t for s, t in sorted(scored, key=lambda pair: -pair[0]) if s > 0]
    return _paged(ctx, titles, query, lambda t: listed_release_json(t, ctx.live))


def search(ctx: V1Context, query: Mapping[str, str]) -> Any:
    text = query.get("query", "").strip()
    if not text:
        raise invalid("query", "Поле query обязательно для заполнения")
    scored = [(score(t, text), t) for t in _visible(ctx.catalog)]
    ranked = sorted((pair for pair in scored if pair[0] > 0), key=lambda p: (-p[0], -p[1].updated))
    return [release_json(t, ctx.live) for _, t in ranked[:20]]


def schedule_week(ctx: V1Context, query: Mapping[str, str]) -> Any:
    ongoing = [t for t in _by_fresh(ctx.catalog) if t.status == 1]
    return _listed(
        ctx,
        [
            {
                "release": release_json(t, ctx.live),
                "full_season_is_released": False,
                "published_release_episode": None,
                "next_release_episode_number": (t.episodes[-1].number + 1 if t.episodes else 1),
            }
            for t in ongoing
        ],
    )


def franchises_of(ctx: V1Context, release_id: str) -> Any:
    if not (release_id.isascii() and release_id.isdigit()):
        raise not_found("Релиз не найден")
    ordered = sorted(t.id for t in _visible(ctx.catalog))
    title_id = int(release_id)
    if title_id not in ordered:
        return _listed(ctx, [])
    index = ordered.index(title_id)
    start = index - index % FRANCHISE_SIZE
    members = [ctx.catalog.titles[i] for i in ordered[start : start + FRANCHISE_SIZE]]
    if len(members) < 2:
        return _listed(ctx, [])
    head = members[0]
    return _listed(
        ctx,
        [
            {
                "id": f"franchise-{head.id}",
                "name": head.name_ru.split(":")[0],
                "name_english": (head.name_en or "").split(":")[0],
                # Franchise images say `preview` on the live service too (official client).
                "image": image(poster_path(head)),
                "rating": None,
                "last_year": max(t.year for t in members),
                "first_year": min(t.year for t in members),
                "total_releases": len(members),
                "total_episodes": sum(len(t.episodes) for t in members),
                "total_duration": "",
                "total_duration_in_seconds": 0,
                "franchise_releases": [
                    {
                        "id": f"franchise-{head.id}-{t.id}",
                        "sort_order": order,
                        "release_id": t.id,
                        "franchise_id": f"franchise-{head.id}",
                        "release": release_json(t, ctx.live),
                    }
                    for order, t in enumerate(members, start=1)
                ],
            }
        ],
    )


def videos(ctx: V1Context, query: Mapping[str, str]) -> Any:
    limit = _int(query, "limit", 10, 1, 100)
    ordered = sorted(ctx.catalog.videos, key=lambda v: -v.timestamp)
    return _listed(ctx, [video_json(v) for v in ordered[:limit]])


def torrents(ctx: V1Context, query: Mapping[str, str]) -> Any:
    pairs = [(t, torrent) for t in _visible(ctx.catalog) for torrent in t.torrents]
    pairs.sort(key=lambda pair: -pair[1].uploaded)
    return _paged(
        ctx,
        pairs,
        query,
        lambda pair: {**torrent_json(pair[1]), "release": release_json(pair[0], ctx.live)},
    )


def team_users(ctx: V1Context, query: Mapping[str, str]) -> Any:
    users: list[dict[str, Any]] = []
    for role, names in ctx.catalog.team().items():
        role_id, role_title = ROLES[role]
        for nickname in names:
            users.append(
                {
                    "id": f"{role_id}-{nickname}",
                    "nickname": nickname,
                    "is_intern": False,
                    "sort_order": len(users),
                    "is_vacation": False,
                    "team": {
                        "id": role_id,
                        "title": role_title,
                        "sort_order": 0,
                        "description": "",
                    },
                    "user": None,
                    "roles": [{"id": role_id, "title": role_title, "color": "", "sort_order": 0}],
                }
            )
    return users


REFERENCES: dict[str, Callable[[Catalog], Any]] = {
    "genres": lambda c: [
        {"id": genre_id(name), "name": name, "image": None, "total_releases": 0}
        for name in sorted({g for t in c.titles.values() for g in t.genres})
    ],
    "years": lambda c: c.years(),
    "seasons": lambda c: [{"value": v, "description": d} for v, d in SEASONS.values()],
    "types": lambda c: [{"value": v, "description": d} for v, d in KINDS.values()],
    "sorting": lambda c: [{"value": v, "label": v, "description": v} for v in SORTINGS],
    "age-ratings": lambda c: [
        {"value": v, "label": label, "description": label} for v, label, _ in AGE_RATINGS
    ],
    "publish-statuses": lambda c: [{"value": "IS_ONGOING", "description": "Онгоинг"}],
    "production-statuses": lambda c: [{"value": "IS_IN_PRODUCTION", "description": "Выходит"}],
}
ROUTES: dict[str, Callable[[V1Context, Mapping[str, str]], Any]] = {
    "anime/releases/latest": latest,
    "anime/releases/random": random_releases,
    "anime/releases/list": release_list,
    "anime/catalog/releases": catalog_releases,
    "app/search/releases": search,
    "anime/schedule/week": schedule_week,
    "media/videos": videos,
    "anime/torrents": torrents,
    "teams/users": team_users,
    "anime/genres": lambda ctx, q: REFERENCES["genres"](ctx.catalog),
}


def handle(ctx: V1Context, path: str, query: Mapping[str, str]) -> Any:
    """The answer to GET /api/v1/<path>; raises V1Error for error answers."""
    path = path.strip("/")
    if path in ROUTES:
        return ROUTES[path](ctx, query)
    head, _, last = path.rpartition("/")
    if head == "anime/catalog/references" and last in REFERENCES:
        return REFERENCES[last](ctx.catalog)
    if head == "anime/franchises/release":
        return franchises_of(ctx, last)
    if head == "anime/releases/episodes" and last:
        return episode(ctx, last)
    if head == "anime/releases" and last:
        return release(ctx, last)
    if path.startswith("accounts/"):
        raise V1Error(401, {"message": "Unauthenticated."})
    raise not_found(f"Маршрут {path} не найден")


__all__ = ["V1Context", "V1Error", "handle"]
