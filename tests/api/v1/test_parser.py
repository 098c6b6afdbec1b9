"""The v1 parser on the documented shapes (built from the OpenAPI examples) and on garbage."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api.errors import MalformedResponseError
from app.api.media import MediaResolver
from app.api.v1.parse import V1Parser
from app.core import (
    Franchise,
    Quality,
    ScheduleDay,
    Season,
    Team,
    Title,
    TitleKind,
    TitleStatus,
    YouTubeVideo,
)
from tests.api.v1.openapi_examples import example, live, schema, spec

MEDIA = "https://anilibria.top"


@pytest.fixture
def parser() -> V1Parser:
    return V1Parser(MediaResolver(MEDIA))


def release_example() -> dict[str, Any]:
    """A fresh copy each time: the examples come from the (cached) spec and must stay intact."""
    release = copy.deepcopy(example(schema("models.anime.releases.v1.release")))
    episode = copy.deepcopy(example(schema("models.anime.releases.v1.release.episode")))
    episode["hls_1080"] = "https://cache.libria.fun/videos/media/ts/7439/12/1080/a.m3u8"
    episode["hls_480"] = "javascript:alert(1)"
    release["episodes"] = [episode, {**episode, "ordinal": 3}]
    release["genres"] = [copy.deepcopy(example(schema("models.anime.genres.v1.genre")))]
    release["torrents"] = [copy.deepcopy(example(schema("models.anime.torrents.v1.torrent")))]
    release["publish_day"] = {"value": 7, "description": "Воскресенье"}
    return release


def test_a_documented_release_becomes_a_title(parser: V1Parser) -> None:
    title = parser.title(release_example())
    assert (title.id, title.code) == (7439, "sword-art-online-alicization")
    assert title.names.ru == "Мастера Меча Онлайн: Алисизация"
    assert title.names.en == "Sword Art Online: Alicization"
    assert title.type.kind is TitleKind.TV and title.type.episodes == 36
    assert title.season.season is Season.WINTER and title.season.year == 2018
    assert title.season.week_day == 6  # Sunday
    assert title.status is TitleStatus.FINISHED
    assert title.updated == 1577660799  # fresh_at 2019-12-29T23:06:39+00:00
    assert title.genres == ("Комедия",)
    assert title.in_favorites == 25557
    assert title.poster.original.startswith(MEDIA + "/")
    assert [e.number for e in title.player.episodes] == [3.0, 12.5]  # sorted by number
    episode = title.player.episodes[1]
    assert episode.hls.get(Quality.FHD).startswith("https://cache.libria.fun/")
    assert episode.hls.get(Quality.SD) == ""  # an odd link is dropped, never passed on
    assert episode.skips.opening == (6, 125) and episode.duration == 1432
    torrent = title.torrents.items[0]
    assert torrent.hash == "8a8fb94b1bd22b44a116336bab6bf209d0ac3a90"
    assert torrent.total_size == 7356495551


def test_pages_and_schedules(parser: V1Parser) -> None:
    page = parser.title_page(
        {"data": [release_example()],
         "meta": {"pagination": {"total": 31, "count": 1, "per_page": 15, "current_page": 3,
                                 "total_pages": 3}}}
    )  # fmt: skip
    assert page.page == 3 and page.pages == 3 and page.last and page.total == 31
    assert [t.id for t in page.items] == [7439]
    days = parser.schedule([{"release": release_example()}, {"release": None}, "x"])
    assert days == [ScheduleDay(6, (parser.title(release_example()),))]


@pytest.mark.parametrize(
    ("method", "payload"),
    [("title", p) for p in (None, 1, "x", [], {}, {"id": "abc"})]
    + [("titles", p) for p in (None, 1, "x", {})]
    + [("title_page", p) for p in (None, [], {}, {"data": {}})]
    + [("schedule", p) for p in (None, 1, {})],
)
def test_a_wrong_top_level_is_a_malformed_response(
    parser: V1Parser, method: str, payload: object
) -> None:
    with pytest.raises(MalformedResponseError):
        getattr(parser, method)(payload)


def test_releases_without_an_id_are_left_out(parser: V1Parser) -> None:
    assert parser.titles([{"alias": "no-id"}, release_example()])[0].id == 7439
    assert len(parser.titles([{"alias": "no-id"}])) == 0


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                              max_size=5),
    max_leaves=12,
)  # fmt: skip


@st.composite
def mutated_releases(draw: st.DrawFn) -> dict[str, Any]:
    """The documented release, or its live shape, with some fields (top level or nested)
    replaced by anything."""
    release = live(release_example()) if draw(st.booleans()) else release_example()
    for _ in range(draw(st.integers(0, 6))):
        target: dict[str, Any] = release
        key = draw(st.sampled_from(sorted(target)))
        if isinstance(target[key], dict) and target[key] and draw(st.booleans()):
            target, key = target[key], draw(st.sampled_from(sorted(target[key])))
        target[key] = draw(json_values)
    return release


payloads = st.one_of(
    json_values,
    mutated_releases(),
    st.lists(mutated_releases(), max_size=3),
    st.builds(lambda items: {"data": items, "meta": {"pagination": {"current_page": 1}}},
              st.lists(mutated_releases(), max_size=3)),
    st.lists(st.builds(lambda r: {"release": r}, mutated_releases()), max_size=3),
)  # fmt: skip


# 4 x 2,500 = 10,000 payloads; one parser method per test keeps each well inside the timeout.
FUZZ = settings(max_examples=2_500, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@pytest.mark.timeout(900)  # thousands of payloads: minutes on a busy machine, not a hang
@pytest.mark.parametrize("method", ["title", "titles", "title_page", "schedule"])
def test_any_payload_gives_models_or_a_malformed_response(method: str) -> None:
    parser = V1Parser(MediaResolver(MEDIA))

    @FUZZ
    @given(payloads)
    def check(payload: Any) -> None:
        try:
            result = getattr(parser, method)(payload)
        except MalformedResponseError:
            return
        items = result.items if hasattr(result, "items") else result
        for item in items if isinstance(items, list) else [items]:
            assert isinstance(item, Title | ScheduleDay)

    check()


def mutated(documented: Any) -> st.SearchStrategy[Any]:
    """A documented answer with some of its first item's fields replaced by anything."""

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        answer = copy.deepcopy(documented)
        items = answer["data"] if isinstance(answer, dict) and "data" in answer else answer
        if isinstance(items, list) and items and isinstance(items[0], dict):
            item = items[0]
            for _ in range(draw(st.integers(0, 5))):
                key = draw(st.sampled_from(sorted(item)))
                item[key] = draw(json_values)
        return answer

    return build()


OTHER_ANSWERS = {
    "franchises": ("/anime/franchises/release/{releaseId}", Franchise),
    "videos": ("/media/videos", YouTubeVideo),
    "team": ("/teams/users", Team),
    "genres": ("/anime/catalog/references/genres", str),
    "years": ("/anime/catalog/references/years", int),
}
OTHER_FUZZ = settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@pytest.mark.timeout(900)
@pytest.mark.parametrize("method", sorted(OTHER_ANSWERS))
def test_other_answers_give_models_or_a_malformed_response(method: str) -> None:
    """5 x 500 more payloads for the franchise, video, team and reference parsers."""
    parser = V1Parser(MediaResolver(MEDIA))
    path, kind = OTHER_ANSWERS[method]
    answer = spec()["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    documented = example(answer["schema"])

    @OTHER_FUZZ
    @given(st.one_of(json_values, mutated(documented)))
    def check(payload: Any) -> None:
        try:
            result = getattr(parser, method)(payload)
        except MalformedResponseError:
            return
        items = list(result) if isinstance(result, list | dict) else [result]
        assert all(isinstance(item, kind) for item in items)

    check()
