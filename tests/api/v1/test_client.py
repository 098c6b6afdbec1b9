"""The v1 client against the demo server's v1 side, over real sockets: every endpoint the app
uses, the documented shapes, pagination, error bodies and conditional GETs."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from app.api import (
    ApiError,
    MalformedResponseError,
    NetworkError,
    NotFoundError,
    ServerError,
)
from app.api.errors import AuthRequiredError, InvalidRequestError
from app.api.v1.client import CatalogFilter, V1Client
from app.core import Season, TitleStatus
from app.demo import DemoServer
from app.demo.server import Fault
from tests.api.v1.openapi_examples import UNWRAPPED, example, live, spec

# ----- documented shapes -----


def response_schema(path: str) -> dict[str, Any]:
    answer = spec()["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    return answer["schema"]


def missing_keys(documented: Any, actual: Any, where: str = "") -> list[str]:
    """Keys the documented example has and the answer lacks (first list item compared)."""
    if isinstance(documented, dict) and isinstance(actual, dict):
        missing = [f"{where}.{key}" for key in documented if key not in actual]
        for key, value in documented.items():
            if key in actual and actual[key] is not None:
                missing += missing_keys(value, actual[key], f"{where}.{key}")
        return missing
    if isinstance(documented, list) and isinstance(actual, list) and documented and actual:
        return missing_keys(documented[0], actual[0], f"{where}[0]")
    return []


SHAPES = [
    ("/anime/releases/latest", "anime/releases/latest?limit=2"),
    ("/anime/releases/random", "anime/releases/random?limit=2"),
    ("/anime/releases/list", "anime/releases/list?ids=9000,9001"),
    ("/anime/catalog/releases", "anime/catalog/releases?limit=3"),
    ("/app/search/releases", "app/search/releases?query=legend"),
    ("/anime/schedule/week", "anime/schedule/week"),
    ("/anime/franchises/release/{releaseId}", "anime/franchises/release/9001"),
    ("/media/videos", "media/videos?limit=2"),
    ("/teams/users", "teams/users"),
    ("/anime/catalog/references/genres", "anime/catalog/references/genres"),
    ("/anime/catalog/references/years", "anime/catalog/references/years"),
    ("/anime/torrents", "anime/torrents?limit=2"),
]


async def answer_of(v1: V1Client, path: str, shape: str) -> Any:
    route, _, query = path.partition("?")
    params = dict(part.split("=") for part in query.split("&")) if query else {}
    answer = (await v1.get_json(route, {**params, "shape": shape})).data
    assert answer, f"{path} answered nothing"
    return answer


@pytest.mark.parametrize(("documented", "path"), SHAPES, ids=[s[0] for s in SHAPES])
async def test_answers_have_the_documented_shape(v1: V1Client, documented: str, path: str) -> None:
    answer = await answer_of(v1, path, "openapi")
    assert missing_keys(example(response_schema(documented)), answer) == []


@pytest.mark.parametrize(("documented", "path"), SHAPES, ids=[s[0] for s in SHAPES])
async def test_answers_have_the_live_shape(v1: V1Client, documented: str, path: str) -> None:
    """By default the demo answers as the live service does: the documented example with the
    known differences applied must be covered, and nothing of the documented-only spelling."""
    answer = await answer_of(v1, path, "live")
    expected = live(example(response_schema(documented)), documented)
    assert missing_keys(expected, answer) == []
    if documented in UNWRAPPED:
        assert isinstance(answer, list)  # a bare array, where the description wraps it
    text = str(answer)
    assert "_collection" not in text  # the collection counters are not sent
    if "'poster'" in text:
        assert "'src'" in text


@pytest.mark.parametrize("shape", ["openapi", "live"])
async def test_a_full_release_has_the_shape(v1: V1Client, shape: str) -> None:
    documented = example(response_schema("/anime/releases/{aliasOrId}"))
    documented = documented[0] if isinstance(documented, list) else documented
    expected = documented if shape == "openapi" else live(documented)
    answer = await answer_of(v1, "anime/releases/9001", shape)
    assert missing_keys(expected, answer) == []


# ----- endpoints -----


async def test_latest_releases_are_newest_first_with_playable_episodes(v1: V1Client) -> None:
    titles = await v1.latest(5)
    assert len(titles) == 5
    assert [t.updated for t in titles] == sorted((t.updated for t in titles), reverse=True)
    first = titles[0]
    assert first.code and first.names.ru and first.poster.small.startswith("http://127.0.0.1")
    assert len(first.player.episodes) == 1  # the newest one only
    episode = first.player.episodes[-1]
    assert episode.hls.hd.startswith("http://") and "/playlist.m3u8?isWithAds=1&" in episode.hls.hd
    assert first.age_rating.endswith("+")


async def test_release_by_alias_and_by_id_agree(v1: V1Client, demo: DemoServer) -> None:
    demo_title = demo.catalog.titles[9001]
    by_alias = await v1.release(demo_title.code)
    by_id = await v1.release(9001)
    assert by_alias == by_id
    assert by_id.names.ru == demo_title.name_ru
    assert [e.number for e in by_id.player.episodes] == [e.number for e in demo_title.episodes]
    assert by_id.team.voice == tuple(demo_title.team["voice"])
    assert set(by_id.genres) == set(demo_title.genres)
    opened = [e for e in by_id.player.episodes if e.skips.opening]
    assert opened, "the demo marks openings: they must come through as skips"
    assert by_id.torrents.items and by_id.torrents.items[0].magnet.startswith("magnet:")


async def test_catalogue_pages_follow_meta_pagination(v1: V1Client) -> None:
    winter = CatalogFilter(seasons=("winter",))
    first = await v1.catalog(winter, page=1, limit=7)
    second = await v1.catalog(winter, page=2, limit=7)
    assert first.page == 1 and second.page == 2 and first.pages == second.pages > 2
    assert not {t.id for t in first.items} & {t.id for t in second.items}
    assert all(t.season.season is Season.WINTER for t in first.items + second.items)
    last = await v1.catalog(winter, page=first.pages, limit=7)
    assert last.last and 0 < len(last.items) <= 7
    assert first.total == 7 * (first.pages - 1) + len(last.items)


async def test_catalogue_filters_narrow(v1: V1Client) -> None:
    genres = await v1.genre_ids()
    genre = "Драма"
    page = await v1.catalog(
        CatalogFilter(genre_ids=(genres[genre],), from_year=2010, to_year=2015), limit=50
    )
    assert page.items
    for title in page.items:
        assert genre in title.genres or not title.genres  # list answers omit genres
        assert 2010 <= title.season.year <= 2015


async def test_search_finds_by_name(v1: V1Client, demo: DemoServer) -> None:
    wanted = demo.catalog.titles[9005]
    found = await v1.search_releases(wanted.name_en or wanted.name_ru)
    assert found and found[0].id == 9005


async def test_schedule_groups_ongoing_titles_by_week_day(v1: V1Client, demo: DemoServer) -> None:
    days = await v1.schedule()
    assert [d.day for d in days] == sorted(d.day for d in days)
    for day in days:
        for title in day.titles:
            assert title.status is TitleStatus.ONGOING
            assert demo.catalog.titles[title.id].week_day == day.day


async def test_franchise_lists_related_seasons_in_order(v1: V1Client) -> None:
    franchises = await v1.franchises(9001)
    assert len(franchises) == 1
    assert [t.id for t in franchises[0].titles] == [9000, 9001, 9002]
    assert franchises[0].name


async def test_references_videos_and_team(v1: V1Client, demo: DemoServer) -> None:
    assert await v1.years() == demo.catalog.years()
    assert set(await v1.genre_ids()) == {g for t in demo.catalog.titles.values() for g in t.genres}
    videos = await v1.videos(3)
    assert len(videos) == 3 and all(v.url.startswith("https://youtu.be/") for v in videos)
    team = await v1.team()
    assert team.voice and team.timing == tuple(demo.catalog.team()["timing"])


async def test_random_release(v1: V1Client) -> None:
    titles = await v1.random(3)
    assert len(titles) == 3 and len({t.id for t in titles}) == 3


# ----- errors -----


async def test_unknown_release_is_not_found_with_the_servers_message(v1: V1Client) -> None:
    with pytest.raises(NotFoundError) as caught:
        await v1.release("no-such-release")
    assert caught.value.code == 404 and caught.value.message == "Релиз не найден"


async def test_refused_parameters_are_422_with_the_field_messages(v1: V1Client) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await v1.catalog(CatalogFilter(sorting="SIDEWAYS"))
    assert caught.value.code == 422 and caught.value.message == "Неизвестная сортировка"


async def test_sign_in_only_methods_are_401(v1: V1Client) -> None:
    with pytest.raises(AuthRequiredError) as caught:
        await v1.get_json("accounts/users/me/profile")
    assert caught.value.code == 401 and caught.value.message == "Unauthenticated."


async def test_server_errors_are_retried_then_reported(v1: V1Client, demo: DemoServer) -> None:
    demo.faults.append(Fault(method="anime/releases/latest", status=503, message="down", count=1))
    assert await v1.latest(2)  # one failure, then the retry succeeds
    demo.faults.append(Fault(method="anime/releases/latest", status=500, message="boom", count=5))
    with pytest.raises(ServerError) as caught:
        await v1.latest(2)
    assert caught.value.message == "boom"


async def test_malformed_json_is_reported_not_retried(v1: V1Client, demo: DemoServer) -> None:
    demo.faults.append(Fault(method="anime/schedule/week", malformed=True, count=1))
    with pytest.raises(MalformedResponseError):
        await v1.schedule()
    assert await v1.schedule()  # the next answer is fine again


async def test_wrong_shape_is_malformed(v1: V1Client) -> None:
    with pytest.raises(MalformedResponseError):
        v1.parser.titles({"unexpected": True})


async def test_hostile_alias_is_refused_before_any_request(v1: V1Client, demo: DemoServer) -> None:
    before = demo.request_count
    for alias in ("../accounts/users/me", "a/b", "", ".."):
        with pytest.raises(ValueError, match="not a release alias"):
            await v1.release(alias)
    assert demo.request_count == before


async def test_unreachable_server_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with V1Client(f"http://127.0.0.1:{port}/api/v1", retries=0) as client:
        with pytest.raises(NetworkError) as caught:
            await client.latest()
    assert isinstance(caught.value, ApiError) and "cannot reach" in caught.value.message


async def test_conditional_get_says_not_modified(v1: V1Client, demo: DemoServer) -> None:
    first = await v1.get_json("anime/releases/latest", {"limit": "5"})
    assert first.etag and first.data
    again = await v1.get_json("anime/releases/latest", {"limit": "5"}, etag=first.etag)
    assert again.data is None and again.etag == first.etag
    await demo.push_episode(9003)
    changed = await v1.get_json("anime/releases/latest", {"limit": "5"}, etag=first.etag)
    assert changed.data and changed.etag != first.etag
