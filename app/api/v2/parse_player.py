"""A v2 title's player: stream hosts and the playlist of episodes."""

from __future__ import annotations

from typing import Any

from app.api.coerce import as_dict, as_int, as_number, as_pair, as_str
from app.api.v2.parse_fields import Resolve, episode_range
from app.core import DownloadLinks, Episode, Player, Skips, StreamHosts, StreamLinks

_NO_LINKS = StreamLinks()
_NO_DOWNLOADS = DownloadLinks()
_NO_SKIPS = Skips()


def player(raw: object, resolve: Resolve) -> Player:
    data = as_dict(raw)
    if not data:
        return Player()
    hosts = as_dict(data.get("hosts"))
    hls_host = as_str(hosts.get("hls")) or as_str(data.get("host"))
    return Player(
        alternative_player=resolve(data.get("alternative_player")),
        hosts=StreamHosts(hls=hls_host, mp4=as_str(hosts.get("mp4"))),
        episodes_range=episode_range(data.get("series")),
        episodes=_episodes(data.get("playlist"), resolve),
    )


def _episodes(raw: object, resolve: Resolve) -> tuple[Episode, ...]:
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
        parsed = episode(item, key, resolve)
        if parsed is not None:
            episodes[parsed.number] = parsed
    return tuple(episodes[number] for number in sorted(episodes))


def episode(data: dict[str, Any], key: object, resolve: Resolve) -> Episode | None:
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
        resolve(preview) if preview else "",
        links,
        mp4,
        skips,
    )
