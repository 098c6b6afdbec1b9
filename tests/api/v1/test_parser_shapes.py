"""The v1 parser on both spellings of every image object and every envelope: the live service's
(`src`, bare arrays, `meta.pagination`) and its OpenAPI description's (`preview`, `{"data"}`,
flat `meta`)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from app.api.media import MediaResolver
from app.api.v1.parse import V1Parser
from tests.api.v1.openapi_examples import example, live, schema, spec

MEDIA = "https://anilibria.top"
SPELLINGS = ["src", "preview"]


@pytest.fixture
def parser() -> V1Parser:
    return V1Parser(MediaResolver(MEDIA))


def image(key: str, stem: str) -> dict[str, Any]:
    return {
        key: f"{stem}.jpg",
        "thumbnail": f"{stem}-small.jpg",
        "optimized": {key: f"{stem}.webp", "thumbnail": f"{stem}-small.webp"},
    }


def release(key: str) -> dict[str, Any]:
    data = copy.deepcopy(example(schema("models.anime.releases.v1.release")))
    episode = copy.deepcopy(example(schema("models.anime.releases.v1.release.episode")))
    episode["preview"] = image(key, "/storage/releases/episodes/previews/7439/1/e")
    data["poster"] = image(key, "/storage/releases/posters/7439/p")
    data["episodes"] = [episode]
    return data


@pytest.mark.parametrize("key", SPELLINGS)
def test_a_poster_in_either_spelling_has_every_size(parser: V1Parser, key: str) -> None:
    poster = parser.title(release(key)).poster
    assert poster.original == f"{MEDIA}/storage/releases/posters/7439/p.jpg"  # the title page
    assert poster.medium == f"{MEDIA}/storage/releases/posters/7439/p.webp"  # cards
    assert poster.small == f"{MEDIA}/storage/releases/posters/7439/p-small.webp"


@pytest.mark.parametrize("key", SPELLINGS)
def test_an_episode_still_in_either_spelling(parser: V1Parser, key: str) -> None:
    episode = parser.title(release(key)).player.episodes[0]
    assert episode.preview == f"{MEDIA}/storage/releases/episodes/previews/7439/1/e.webp"


@pytest.mark.parametrize("key", SPELLINGS)
def test_a_video_picture_in_either_spelling(parser: V1Parser, key: str) -> None:
    video = copy.deepcopy(example(schema("models.media.videos.v1.video.content")))
    video["image"] = image(key, "/storage/media/videos/previews/57/v")
    (found,) = parser.videos([video])
    assert found.image == f"{MEDIA}/storage/media/videos/previews/57/v.webp"


@pytest.mark.parametrize(
    ("poster", "original", "medium"),
    [
        ({"src": "/a.jpg"}, "/a.jpg", "/a.jpg"),  # no optimized copies: the original everywhere
        ({"optimized": {"src": "/o.webp"}}, "/o.webp", "/o.webp"),
        ({"thumbnail": "/t.jpg"}, "/t.jpg", "/t.jpg"),  # the thumbnail only as a last resort
        ({"src": None, "preview": "/p.jpg", "optimized": None}, "/p.jpg", "/p.jpg"),
        ({"src": "/s.jpg", "optimized": {"preview": "/o.webp"}}, "/s.jpg", "/o.webp"),  # mixed
        ({"src": "javascript:alert(1)", "preview": "/p.jpg"}, "/p.jpg", "/p.jpg"),
        (None, "", ""),
        ("poster.jpg", "", ""),
    ],
)
def test_partial_and_odd_image_objects(
    parser: V1Parser, poster: object, original: str, medium: str
) -> None:
    data = release("src")
    data["poster"] = poster
    data["episodes"][0]["preview"] = poster
    title = parser.title(data)
    found = title.poster
    assert found.original == (MEDIA + original if original else "")
    assert found.medium == (MEDIA + medium if medium else "")
    assert title.player.episodes[0].preview == found.medium  # stills choose like cards


def documented_answer(path: str) -> Any:
    content = spec()["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    return example(content["schema"])


ENVELOPES = [
    ("titles", "/anime/releases/latest"),
    ("titles", "/app/search/releases"),
    ("schedule", "/anime/schedule/week"),
    ("franchises", "/anime/franchises/release/{releaseId}"),
    ("videos", "/media/videos"),
    ("team", "/teams/users"),
    ("genres", "/anime/catalog/references/genres"),
]


@pytest.mark.parametrize(("method", "path"), ENVELOPES, ids=[e[1] for e in ENVELOPES])
def test_lists_bare_or_wrapped_give_the_same(parser: V1Parser, method: str, path: str) -> None:
    documented = documented_answer(path)
    items = documented["data"] if isinstance(documented, dict) else documented
    if method == "schedule":
        for entry in items:
            entry["release"]["publish_day"] = {"value": 2}
    bare, wrapped = getattr(parser, method)(items), getattr(parser, method)({"data": items})
    assert bare == wrapped and bare
    assert getattr(parser, method)(live(documented, path)) == bare


@pytest.mark.parametrize("nested", [True, False], ids=["meta.pagination", "flat meta"])
def test_pages_read_their_counters_nested_or_flat(parser: V1Parser, nested: bool) -> None:
    counters = {"total": 31, "count": 1, "per_page": 15, "current_page": 2, "total_pages": 3}
    meta = {"pagination": counters} if nested else counters
    page = parser.title_page({"data": [release("src")], "meta": meta})
    assert (page.page, page.pages, page.total, page.last) == (2, 3, 31, False)


def test_the_live_release_fields(parser: V1Parser) -> None:
    data = live(release("src"))
    data.update(episodes_total=None, episodes_are_unknown=True, is_ongoing=True)
    data["age_rating"] = {"value": "R16_PLUS"}  # what the official client reads
    data["episodes"][0].update(name_english="Prologue", hls_1080=None, hls_480=None)
    title = parser.title(data)
    assert title.type.episodes_unknown and title.type.episodes == 0
    assert title.age_rating == "16+"
    episode = title.player.episodes[0]
    assert episode.name_en == "Prologue" and episode.hls.fhd == episode.hls.sd == ""
    assert not any(key.endswith("_collection") for key in data)  # and nothing missed them


def test_a_torrent_with_only_its_update_time(parser: V1Parser) -> None:
    data = release("src")
    torrent = copy.deepcopy(example(schema("models.anime.torrents.v1.torrent")))
    del torrent["created_at"]
    data["torrents"] = [torrent]
    assert parser.title(data).torrents.items[0].uploaded == 1632327638  # 2021-09-22T16:20:38Z


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("Первый абзац.\r\nВторой абзац.", "Первый абзац.<br>Второй абзац."),  # live: text
        ("One.\nTwo.", "One.<br>Two."),
        ("<p>One.</p>\n<p>Two.</p>", "<p>One.</p>\n<p>Two.</p>"),  # markup breaks its own lines
        ("One.<br>\r\nTwo.", "One.<br>\r\nTwo."),
        ("Just one line.", "Just one line."),
        (None, ""),
    ],
)
def test_descriptions_keep_their_paragraphs(parser: V1Parser, sent: object, shown: str) -> None:
    data = release("src")
    data["description"] = sent
    assert parser.title(data).description.html == shown


def test_an_episode_keeps_the_services_id() -> None:
    """Timecodes are keyed by the episode's id (a UUID on the live service)."""
    episode_id = "f3c9a7e2-5b1d-4c6e-9a8f-2d7b3e1c4a5b"
    raw = {"id": 1, "alias": "x", "episodes": [{"id": episode_id, "ordinal": 1}]}
    title = V1Parser(MediaResolver("https://anilibria.top")).title(raw)
    assert title.player.episodes[0].id == episode_id
