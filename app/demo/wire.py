"""Demo records -> AniLibria v2 JSON, in the 2.8 shape (`/v2/`) or the 2.13 shape (`/v2.13/`)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

from app.demo.catalog import KIND_NAMES, SEASON_NAMES, STATUS_NAMES
from app.demo.records import DemoEpisode, DemoTitle, DemoTorrent, DemoVideo

SHAPE_28 = "2.8"
SHAPE_213 = "2.13"
VERSIONS = {SHAPE_28: "2.8.3", SHAPE_213: "2.13.18"}
HLS_QUALITIES = {"fhd": 1080, "hd": 720, "sd": 480}


@dataclass(frozen=True, slots=True)
class WireOptions:
    shape: str = SHAPE_28
    hls_host: str = "127.0.0.1"  # host[:port] the player should stream from
    mp4_host: str = "127.0.0.1"
    description_type: str = "plain"
    playlist_type: str = "object"
    raw_poster: bool = False
    raw_torrent: bool = False
    torrent_meta: bool = False


def episode_hls_path(title_id: int, episode: int, quality: str, shape: str) -> str:
    if shape == SHAPE_213:
        digest = hashlib.md5(f"{title_id}/{episode}/{quality}".encode()).hexdigest()
        return f"/videos/media/ts/{title_id}/{episode}/{HLS_QUALITIES[quality]}/{digest}.m3u8"
    suffix = {"fhd": "-hd", "hd": "", "sd": "-sd"}[quality]
    return f"/videos/ts/{title_id}/{episode:04d}{suffix}/playlist.m3u8"


def poster_path(title: DemoTitle, shape: str) -> str:
    if shape == SHAPE_213:
        return f"/storage/releases/posters/{title.id}/{title.poster_token}.jpg"
    return f"/upload/release/350x500/{title.id}.jpg"


def torrent_path(torrent: DemoTorrent, shape: str) -> str:
    if shape == SHAPE_213:
        return f"/public/torrent/download.php?id={torrent.torrent_id}"
    return f"/upload/torrents/{torrent.torrent_id}.torrent"


def _series(first: int, last: int) -> dict[str, Any]:
    if not last:
        return {"first": None, "last": None, "string": None}
    return {
        "first": first,
        "last": last,
        "string": f"{first}-{last}" if first != last else str(last),
    }


def title_json(
    title: DemoTitle, options: WireOptions, poster: bytes | None = None
) -> dict[str, Any]:
    new = options.shape == SHAPE_213
    data: dict[str, Any] = {
        "id": title.id,
        "code": title.code,
        "names": {"ru": title.name_ru, "en": title.name_en, "alternative": title.name_alt},
        "announce": title.announce,
        "status": {"string": STATUS_NAMES[title.status], "code": title.status},
    }
    # 2.13 sends the poster in three sizes under another key.
    data["posters" if new else "poster"] = _poster_json(title, options, poster)
    data["updated"] = title.updated
    data["last_change"] = title.last_change
    data["type"] = _type_json(title, new)
    data["genres"] = list(title.genres)
    data["team"] = {role: list(names) for role, names in title.team.items()}
    data["season"] = _season_json(title, new)
    data["description"] = {
        "html": title.description_html,
        "plain": title.description_plain,
        "no_view_order": title.description_no_view_order,
    }.get(options.description_type, title.description_plain)
    data["in_favorites"] = title.in_favorites
    data["blocked"] = {"blocked": title.blocked, "bakanim": title.bakanim}
    data["player"] = player_json(title, options)
    data["torrents"] = torrents_json(title, options)
    return data


def _poster_json(title: DemoTitle, options: WireOptions, poster: bytes | None) -> dict[str, Any]:
    raw_poster = base64.b64encode(poster).decode() if options.raw_poster and poster else None
    if options.shape == SHAPE_213:
        one = {"url": poster_path(title, options.shape), "raw_base64_file": raw_poster}
        return {"small": one, "medium": one, "original": one}
    return {
        "url": poster_path(title, options.shape),
        "updated_timestamp": title.last_change,
        "raw_base64_file": raw_poster,
    }


def _type_json(title: DemoTitle, new: bool) -> dict[str, Any]:
    kind_name = KIND_NAMES[title.kind]
    if title.kind == 0:
        full = f"{kind_name}, {title.length} мин."
    else:
        full = f"{kind_name} ({title.expected_episodes} эп.), {title.length} мин."
    return {
        "full_string": full,
        "code": title.kind,
        "string": kind_name,
        "series": title.expected_episodes if title.kind != 0 else None,
        "length": title.length if new else f"{title.length} мин",
    }


def _season_json(title: DemoTitle, new: bool) -> dict[str, Any]:
    if new:
        return {
            "string": SEASON_NAMES[title.season],
            "code": title.season,
            "year": title.year,
            "week_day": title.week_day,
        }
    return {
        "season_string": SEASON_NAMES[title.season],
        "season_code": title.season,
        "year": title.year,
        "week_day": title.week_day,
    }


def player_json(title: DemoTitle, options: WireOptions) -> dict[str, Any]:
    new = options.shape == SHAPE_213
    episodes = [episode_json(title, e, options) for e in title.episodes]
    playlist: Any
    if options.playlist_type == "array":
        playlist = episodes
    else:
        playlist = {str(e.number): item for e, item in zip(title.episodes, episodes, strict=True)}
    last = title.episodes[-1].number if title.episodes else 0
    player: dict[str, Any] = {
        "alternative_player": title.alternative_player,
    }
    if new:
        player["host"] = options.hls_host
    else:
        player["hosts"] = {"hls": options.hls_host, "mp4": options.mp4_host}
    player["series"] = _series(1, last)
    player["playlist"] = playlist
    return player


def episode_json(title: DemoTitle, episode: DemoEpisode, options: WireOptions) -> dict[str, Any]:
    hls = {q: episode_hls_path(title.id, episode.number, q, options.shape) for q in HLS_QUALITIES}
    if options.shape == SHAPE_213:
        return {
            "serie": episode.number,
            "created_timestamp": episode.created,
            "preview": f"/storage/releases/episodes/previews/{title.id}/{episode.number}/p.jpg",
            "skips": {"opening": list(episode.opening or ()), "ending": []},
            "hls": hls,
        }
    token = hashlib.md5(f"{title.id}:{episode.number}".encode()).hexdigest()[:22]
    stem = (title.name_en or title.code).replace(" ", "_")
    return {
        "id": episode.number,
        "hls": hls,
        "mp4": {
            "hd": f"/get/{token}/{episode.created}/mp4/{title.id}/{episode.number:04d}.mp4",
            "sd": f"/get/{token}/{episode.created}/mp4/{title.id}/{episode.number:04d}-sd.mp4",
            "download": {"hd": f"?download={stem}-hd.mp4", "sd": f"?download={stem}-sd.mp4"},
        },
    }


def torrents_json(title: DemoTitle, options: WireOptions) -> dict[str, Any]:
    last = max((t.last for t in title.torrents), default=0)
    return {
        "series": _series(1, last),
        "list": [torrent_json(t, options) for t in title.torrents],
    }


def torrent_json(torrent: DemoTorrent, options: WireOptions) -> dict[str, Any]:
    new = options.shape == SHAPE_213
    label = f"{torrent.quality_type} {torrent.resolution}p"
    if torrent.encoder == "h265":
        label += " HEVC"
    data: dict[str, Any] = {
        "torrent_id": torrent.torrent_id,
        "series": _series(torrent.first, torrent.last),
        "leechers": torrent.leechers,
        "seeders": torrent.seeders,
        "downloads": torrent.downloads,
    }
    if new:
        data["quality"] = {
            "string": label,
            "type": torrent.quality_type,
            "resolution": f"{torrent.resolution}p",
            "encoder": torrent.encoder,
            "lq_audio": torrent.lq_audio or None,
        }
    else:
        data["quality"] = label
        data["hevc"] = torrent.encoder == "h265"
    data["total_size"] = torrent.total_size
    data["url"] = torrent_path(torrent, options.shape)
    data["uploaded_timestamp"] = torrent.uploaded
    if new:
        data["hash"] = torrent.info_hash
    data["raw_base64_file"] = (
        base64.b64encode(torrent.torrent_file).decode() if options.raw_torrent else None
    )
    data["metadata"] = _metadata(torrent) if options.torrent_meta else None
    return data


def _metadata(torrent: DemoTorrent) -> dict[str, Any]:
    offset = 0
    files = []
    for item in torrent.files:
        files.append({"file": item.name, "size": item.size, "offset": offset})
        offset += item.size
    return {
        "hash": torrent.info_hash,
        "name": torrent.name,
        "announce": list(torrent.announce),
        "created_timestamp": torrent.uploaded,
        "files_list": files,
    }


def video_json(video: DemoVideo, shape: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": video.id,
        "title": video.title,
        "image": f"/storage/media/videos/previews/{video.id}.jpg",
        "youtube_id": video.youtube_id,
    }
    if shape == SHAPE_213:
        data["comments"] = video.comments
        data["views"] = video.views
    data["timestamp"] = video.timestamp
    return data
