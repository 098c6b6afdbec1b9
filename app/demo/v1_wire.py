"""Demo records -> AniLibria v1 JSON: by default in the shapes the live service sends, or (`live`
false) in those its OpenAPI description documents.

Written by hand from the description and from public witnesses of the live answers (not from the
client's parser), like the v2 side: a server that shared the client's code would hide its bugs.
The live differences (README, "v1: the live service and its description") are marked "live:".
"""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from app.demo.catalog import GENRES, HOSTILE_TITLE_ID
from app.demo.records import DemoEpisode, DemoTitle, DemoTorrent, DemoVideo

KINDS = {0: ("MOVIE", "Фильм"), 1: ("TV", "ТВ"), 2: ("OVA", "OVA"), 3: ("ONA", "ONA"),
         4: ("SPECIAL", "Спешл"), 5: ("WEB", "WEB")}  # fmt: skip
SEASONS = {1: ("winter", "Зима"), 2: ("spring", "Весна"), 3: ("summer", "Лето"),
           4: ("autumn", "Осень")}  # fmt: skip
DAYS = ["Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"]
AGE_RATINGS = [
    ("R0_PLUS", "0+", False), ("R6_PLUS", "6+", False), ("R12_PLUS", "12+", False),
    ("R16_PLUS", "16+", False), ("R18_PLUS", "18+", True),
]  # fmt: skip
ROLES = {  # the demo's v2 team roles as v1 team roles
    "voice": ("voicing", "Озвучка"),
    "translator": ("translating", "Перевод"),
    "editing": ("editing", "Редактура"),
    "decor": ("decorating", "Оформление"),
    "timing": ("timing", "Тайминг"),
}
HLS = {"hls_480": "-sd", "hls_720": "", "hls_1080": "-hd"}
# live: the service appends its viewer flags to every HLS link.
LIVE_HLS_QUERY = "?isWithAds=1&countryIso=RU&isAuthorized=0"
LIVE, OPENAPI = "live", "openapi"
SHAPES = (LIVE, OPENAPI)


def iso(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat()


def genre_id(name: str) -> int:
    return GENRES.index(name) + 1 if name in GENRES else 0


def image(path: str | None, live: bool = False) -> dict[str, Any]:
    """An image object for `<stem>.jpg`: the original, a small thumbnail and webp copies of
    both. live: the full-size key is `src` (posters, episode stills); documented: `preview`."""
    key = "src" if live else "preview"
    if path is None:
        return {key: None, "thumbnail": None, "optimized": None}
    stem = path.removesuffix(".jpg")
    return {
        key: f"{stem}.jpg",
        "thumbnail": f"{stem}-thumb.jpg",
        "optimized": {key: f"{stem}-opt.webp", "thumbnail": f"{stem}-opt-thumb.webp"},
    }


def age_rating(title: DemoTitle) -> dict[str, Any]:
    value, label, adult = AGE_RATINGS[title.id % len(AGE_RATINGS)]
    return {"value": value, "label": label, "is_adult": adult, "description": label}


def plain_text(html: str) -> str:
    """live: descriptions are text, paragraphs apart by `\r\n`."""
    text = re.sub(r"<br\s*/?>|</p>", "\n", re.sub(r"<a\b[^>]*>.*?</a>", "", html))
    lines = (line.strip() for line in re.sub(r"<[^>]+>", "", text).split("\n"))
    return "\r\n".join(line for line in lines if line)


def poster_path(title: DemoTitle) -> str:
    return f"/storage/releases/posters/{title.id}/{title.poster_token}.jpg"


def episodes_unknown(title: DemoTitle) -> bool:
    """live: an ongoing title whose total is not announced (every third ongoing one here)."""
    return title.status == 1 and title.id % 3 == 0


def release_json(title: DemoTitle, live: bool = True) -> dict[str, Any]:
    """The short release object of lists (latest, catalogue, search, schedule)."""
    kind, kind_label = KINDS.get(title.kind, ("TV", "ТВ"))
    season, season_label = SEASONS.get(title.season, ("winter", "Зима"))
    created = title.episodes[0].created if title.episodes else title.updated
    data = {
        "id": title.id,
        "type": {"value": kind, "description": kind_label},
        "year": title.year,
        "name": {"main": title.name_ru, "english": title.name_en, "alternative": title.name_alt},
        "alias": title.code,
        "season": {"value": season, "description": season_label},
        "poster": image(poster_path(title), live),
        "fresh_at": iso(title.updated),
        "created_at": iso(created),
        "updated_at": iso(title.last_change),
        "is_ongoing": title.status == 1,
        "age_rating": age_rating(title),
        "publish_day": {"value": title.week_day + 1, "description": DAYS[title.week_day]},
        "description": title.description_html,
        "notification": title.announce,
        "episodes_total": title.expected_episodes,
        "external_player": title.alternative_player,
        "is_in_production": title.status == 1,
        "is_blocked_by_geo": title.blocked,
        "is_blocked_by_copyrights": False,
        "added_in_users_favorites": title.in_favorites,
        "average_duration_of_episode": title.length,
        "added_in_planned_collection": title.in_favorites // 7,
        "added_in_watched_collection": title.in_favorites // 3,
        "added_in_watching_collection": title.in_favorites // 5,
        "added_in_postponed_collection": title.in_favorites // 11,
        "added_in_abandoned_collection": title.in_favorites // 13,
    }
    if live:  # live: no collection counters; `episodes_are_unknown` with a null total; text
        if title.id != HOSTILE_TITLE_ID:  # that one sends its hostile markup as it is
            data["description"] = plain_text(title.description_html)
        for key in [k for k in data if k.endswith("_collection")]:
            del data[key]
        unknown = episodes_unknown(title)
        data["episodes_are_unknown"] = unknown
        if unknown:
            data["episodes_total"] = None
    return data


def genres_json(title: DemoTitle) -> list[dict[str, Any]]:
    """Genre images say `preview` on the live service too: its image objects disagree."""
    return [
        {
            "id": genre_id(name),
            "name": name,
            "image": image(f"/storage/anime/genres/images/{genre_id(name)}/g.jpg"),
            "total_releases": 0,
        }
        for name in title.genres
    ]


def latest_release_json(title: DemoTitle, stream_origin: str, live: bool) -> dict[str, Any]:
    """A release of `/anime/releases/latest`: with its genres and only its newest episode."""
    data = release_json(title, live)
    data["genres"] = genres_json(title)
    data["latest_episode"] = (
        episode_json(title, title.episodes[-1], stream_origin, live) if title.episodes else None
    )
    return data


def full_release_json(title: DemoTitle, stream_origin: str, live: bool) -> dict[str, Any]:
    """One release with its genres, team, episodes and torrents."""
    data = release_json(title, live)
    data["genres"] = genres_json(title)
    data["members"] = [
        {
            "id": f"{role}-{nickname}",
            "role": {"value": ROLES[role][0], "description": ROLES[role][1]},
            "user": None,
            "nickname": nickname,
        }
        for role, names in title.team.items()
        if role in ROLES
        for nickname in names
    ]
    data["episodes"] = [episode_json(title, e, stream_origin, live) for e in title.episodes]
    data["torrents"] = [torrent_json(t) for t in title.torrents]
    data["sponsor"] = None
    return data


def episode_id(title: DemoTitle, episode: DemoEpisode) -> str:
    """A UUID, as the live service's episode ids are (stable: made from title and number)."""
    return str(uuid.UUID(hashlib.md5(f"{title.id}:{episode.number}".encode()).hexdigest()))


def episode_with_release_json(
    title: DemoTitle, episode: DemoEpisode, stream_origin: str, live: bool
) -> dict[str, Any]:
    """`/anime/releases/episodes/{id}`: the episode, and its release (with the release's episodes)
    as `release`, as documented and as the clients that read this answer expect."""
    release = release_json(title, live)
    release["episodes"] = [episode_json(title, e, stream_origin, live) for e in title.episodes]
    return {**episode_json(title, episode, stream_origin, live), "release": release}


def episode_json(
    title: DemoTitle, episode: DemoEpisode, stream_origin: str, live: bool
) -> dict[str, Any]:
    path = f"/videos/ts/{title.id}/{episode.number:04d}"
    skip = {"start": episode.opening[0], "stop": episode.opening[1]} if episode.opening else None
    preview = f"/storage/releases/episodes/previews/{title.id}/{episode.number}/p.jpg"
    query = LIVE_HLS_QUERY if live else ""
    links: dict[str, str | None] = {
        key: f"{stream_origin}{path}{suffix}/playlist.m3u8{query}" for key, suffix in HLS.items()
    }
    if live and title.id % 10 == 9 and title.year < 2010:
        links["hls_1080"] = None  # live: older releases have no 1080p, and say so with null
    return {
        "id": episode_id(title, episode),
        "name": episode.name,
        "ordinal": episode.number,
        "ending": None,
        "opening": skip,
        "preview": image(preview, live),
        **links,
        "duration": 30,
        "rutube_id": None,
        "youtube_id": None,
        "updated_at": iso(episode.created),
        "sort_order": episode.number,
        "name_english": None,
    }


def listed_release_json(title: DemoTitle, live: bool) -> dict[str, Any]:
    """A release of the catalogue's pages: with its genres."""
    return {**release_json(title, live), "genres": genres_json(title)}


def torrent_json(torrent: DemoTorrent) -> dict[str, Any]:
    codec = "HEVC" if torrent.encoder == "h265" else "AVC"
    label = f"[{torrent.quality_type} {torrent.resolution}p]"
    return {
        "id": torrent.torrent_id,
        "hash": torrent.info_hash,
        "size": torrent.total_size,
        "type": {"value": torrent.quality_type, "description": torrent.quality_type},
        "color": {"value": "8bit", "description": "8-bit"},
        "codec": {
            "value": codec,
            "label": codec,
            "description": codec,
            "label_color": "#FFF",
            "label_is_visible": codec == "HEVC",
        },
        "label": f"{torrent.name} {label}",
        "quality": {"value": f"{torrent.resolution}p", "description": f"{torrent.resolution}p"},
        "magnet": f"magnet:?xt=urn:btih:{torrent.info_hash}",
        "filename": f"{torrent.torrent_id}.torrent",
        "seeders": torrent.seeders,
        "bitrate": 0,
        "leechers": torrent.leechers,
        "sort_order": torrent.torrent_id,
        "updated_at": iso(torrent.uploaded),
        "is_hardsub": False,
        "description": f"{torrent.first}-{torrent.last}",
        "created_at": iso(torrent.uploaded),
        "completed_times": torrent.downloads,
        "torrent_members": [],
    }


def video_json(video: DemoVideo) -> dict[str, Any]:
    preview = f"/storage/media/videos/previews/{video.id}/v.jpg"
    return {
        "id": video.id,
        "url": f"https://www.youtube.com/watch?v={video.youtube_id}",
        "title": video.title,
        "views": video.views,
        "image": image(preview),  # `preview` on the live service too (official iOS client)
        "comments": video.comments,
        "video_id": video.youtube_id,
        "created_at": iso(video.timestamp),
        "updated_at": iso(video.timestamp),
        "is_announce": False,
        "origin": {
            "id": "demo-channel",
            "url": "https://www.youtube.com/@anilibria",
            "type": {"value": "YOUTUBE", "description": "YouTube"},
            "title": "AniLibria",
            "description": "",
            "is_announce": False,
        },
    }


def pagination(total: int, page: int, limit: int, count: int, live: bool) -> dict[str, Any]:
    """`meta`: the description documents the fields flat; live: nested under `pagination`."""
    pages = max(1, -(-total // limit))
    fields = {
        "total": total,
        "count": count,
        "per_page": limit,
        "current_page": page,
        "total_pages": pages,
        "links": {
            "previous": f"?page={page - 1}" if page > 1 else None,
            "next": f"?page={page + 1}" if page < pages else None,
        },
    }
    return {"pagination": fields} if live else fields
