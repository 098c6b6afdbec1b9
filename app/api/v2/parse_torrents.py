"""A v2 title's torrents: qualities, sizes, hashes and the files inside."""

from __future__ import annotations

import re
from typing import Any

from app.api.coerce import as_base64, as_bool, as_dict, as_int, as_str, as_strs
from app.api.v2.parse_fields import Resolve, episode_range, first_int
from app.core import Torrent, TorrentFile, TorrentMetadata, TorrentQuality, Torrents

_ANY_RESOLUTION = re.compile(r"\b(\d{3,4})p\b")


def torrents(raw: object, resolve: Resolve) -> Torrents:
    data = as_dict(raw)
    if not data:
        return Torrents()
    items = data.get("list")
    parsed = (
        tuple(_torrent(item, resolve) for item in items if type(item) is dict)
        if type(items) is list
        else ()
    )
    return Torrents(episode_range(data.get("series")), parsed)


def _torrent(data: dict[str, Any], resolve: Resolve) -> Torrent:
    get = data.get
    metadata_raw = as_dict(get("metadata"))
    torrent_hash = as_str(get("hash")) or as_str(metadata_raw.get("hash"))
    return Torrent(
        id=as_int(get("torrent_id")),
        episodes=episode_range(get("series")),
        quality=_quality(get("quality"), as_bool(get("hevc"))),
        leechers=as_int(get("leechers")),
        seeders=as_int(get("seeders")),
        downloads=as_int(get("downloads")),
        total_size=as_int(get("total_size")),
        url=resolve(get("url")),
        uploaded=as_int(get("uploaded_timestamp")),
        hash=torrent_hash.lower() if _is_info_hash(torrent_hash) else "",
        magnet=as_str(get("magnet")) if as_str(get("magnet")).startswith("magnet:?") else "",
        raw=as_base64(get("raw_base64_file")),
        metadata=_metadata(metadata_raw) if metadata_raw else None,
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
        else first_int(as_str(resolution_raw)),
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
