"""The v1 client on both shapes the demo serves (the live service's, the default, and its OpenAPI
description's): what a viewer sees must not depend on which spelling the server used."""

from __future__ import annotations

import io

import httpx
from PIL import Image

from app.api.v1.client import CatalogFilter, V1Client
from app.core import Quality, Title
from app.core.stream_urls import allowed_domains, check_stream_url
from app.demo import DemoServer
from app.demo.v1_wire import LIVE_HLS_QUERY


async def every_kind_of_list(v1: V1Client) -> dict[str, list[Title]]:
    franchises = await v1.franchises(9001)
    return {
        "latest": await v1.latest(10),
        "catalogue": (await v1.catalog(CatalogFilter(), limit=10)).items,
        "release": [await v1.release(9003)],
        "releases": (await v1.releases([9000, 9001, 9002])).items,
        "search": await v1.search_releases("a"),
        "schedule": [t for day in await v1.schedule() for t in day.titles],
        "franchise": list(franchises[0].titles) if franchises else [],
        "random": await v1.random(5),
    }


async def test_every_release_has_a_full_size_poster(v1_any: V1Client) -> None:
    for where, titles in (await every_kind_of_list(v1_any)).items():
        assert titles, f"{where}: nothing came back"
        for title in titles:
            poster = title.poster
            assert poster.original and poster.medium and poster.small, (where, poster)
            # The original for the title page, the webp copy for cards, the thumbnail for nothing
            # else than a fallback.
            assert poster.original.endswith(f"/{title.id}/" + poster.original.rsplit("/", 1)[1])
            assert poster.original.endswith(".jpg") and "-thumb" not in poster.original
            assert poster.medium.endswith("-opt.webp"), (where, poster.medium)
            assert poster.small.endswith("-thumb.webp"), (where, poster.small)


async def test_posters_and_stills_are_served_at_their_sizes(v1_any: V1Client) -> None:
    title = await v1_any.release(9003)
    episode = title.player.episodes[0]
    assert episode.preview.endswith("-opt.webp")
    async with httpx.AsyncClient() as http:
        sizes = {}
        for name, url in (
            ("original", title.poster.original),
            ("card", title.poster.medium),
            ("thumbnail", title.poster.small),
            ("still", episode.preview),
        ):
            answer = await http.get(url)
            assert answer.status_code == 200, url
            sizes[name] = Image.open(io.BytesIO(answer.content)).size
    assert sizes == {
        "original": (350, 500), "card": (350, 500), "thumbnail": (70, 100), "still": (320, 180),
    }  # fmt: skip


async def test_videos_have_pictures(v1_any: V1Client) -> None:
    videos = await v1_any.videos(3)
    assert videos and all(v.image.endswith("-opt.webp") for v in videos)


async def test_live_links_keep_their_query_through_the_players_check(
    v1: V1Client, demo: DemoServer
) -> None:
    title = await v1.release(9003)
    domains = allowed_domains(demo.api_base_v1)
    for episode in title.player.episodes:
        for quality in Quality:
            link = episode.hls.get(quality)
            assert link.endswith("/playlist.m3u8" + LIVE_HLS_QUERY)
            assert check_stream_url(link, demo.api_base_v1, domains) == link


async def test_a_missing_quality_is_null_and_the_others_play(v1: V1Client) -> None:
    title = await v1.release(9009)  # an old release: the live service has no 1080p for it
    assert title.player.episodes
    for episode in title.player.episodes:
        assert episode.hls.fhd == "" and episode.hls.hd and episode.hls.sd
        assert episode.hls.available() == (Quality.HD, Quality.SD)


async def test_unknown_episode_totals_are_unknown_not_zero(
    v1_any: V1Client, demo: DemoServer
) -> None:
    title = await v1_any.release(9003)  # ongoing, every third ongoing title has no known total
    assert demo.catalog.titles[9003].status == 1
    if demo.config.v1_shape == "live":
        assert title.type.episodes_unknown and title.type.episodes == 0
    else:  # the description has no such flag: the total it gives stands
        assert not title.type.episodes_unknown
        assert title.type.episodes == demo.catalog.titles[9003].expected_episodes
    known = await v1_any.release(9001)
    assert not known.type.episodes_unknown and known.type.episodes > 0
