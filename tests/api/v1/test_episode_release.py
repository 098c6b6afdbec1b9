"""`AccountApi.episode_release` against the demo's `/anime/releases/episodes/{id}`: the release an
episode of a timecode belongs to, in both shapes, without the token; an unknown episode is
refused, and an id that is not the service's kind is never sent at all."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from app.api.v1.account import _release_of
from app.api.v1.backend import V1Backend
from app.core.account import AccountError, SessionExpired
from app.demo import DemoServer
from tests.api.v1.openapi_examples import example, live
from tests.api.v1.test_client import missing_keys, response_schema

UNKNOWN = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
async def backend(demo: DemoServer) -> AsyncIterator[V1Backend]:
    async with V1Backend(demo.api_base_v1, retry_backoff=0.01) as client:
        yield client


@pytest.mark.parametrize("shape", ["live", "openapi"])
async def test_an_episode_names_its_release(
    demo: DemoServer, backend: V1Backend, shape: str
) -> None:
    demo.config.v1_shape = shape
    await backend.account.login("demo", "demo")  # signed in: the lookup still goes without it
    for title_id in (9001, 9014):
        last = (await backend.release(title_id)).player.episodes[-1]
        assert await backend.account.episode_release(last.id) == title_id
        assert await backend.account.episode_release(last.id.upper()) == title_id
    assert not any("/anime/" in path for path in demo.accounts.authorized_paths)


@pytest.mark.parametrize("shape", ["live", "openapi"])
async def test_the_answer_has_the_shape(demo: DemoServer, backend: V1Backend, shape: str) -> None:
    documented = example(response_schema("/anime/releases/episodes/{releaseEpisodeId}"))
    expected = documented if shape == "openapi" else live(documented)
    episode = (await backend.release(9001)).player.episodes[0]
    answer = await backend.get_json(f"anime/releases/episodes/{episode.id}", {"shape": shape})
    assert missing_keys(expected, answer.data) == []
    assert answer.data["id"] == episode.id and answer.data["release"]["id"] == 9001


async def test_an_unknown_episode_is_refused(demo: DemoServer, backend: V1Backend) -> None:
    before = demo.request_count
    with pytest.raises(AccountError):
        await backend.account.episode_release(UNKNOWN)
    assert demo.request_count == before + 1  # asked once: a 404 is final
    async with httpx.AsyncClient() as raw:
        answer = await raw.get(f"{demo.api_base_v1}/anime/releases/episodes/{UNKNOWN}")
    assert answer.status_code == 404 and answer.json() == {"message": "Эпизод не найден"}


@pytest.mark.parametrize(
    "hostile",
    [
        "../../accounts/users/me/profile",
        f"{UNKNOWN}/../../9001",
        f"{UNKNOWN}\n",
        f"{UNKNOWN}?shape=openapi",
        "%2e%2e%2f9001",
        "",
        "9001",
        f"{{{UNKNOWN}}}",
        f"urn:uuid:{UNKNOWN}",
    ],
)
async def test_an_id_not_shaped_as_the_services_is_never_sent(
    demo: DemoServer, backend: V1Backend, hostile: str
) -> None:
    before = demo.request_count
    with pytest.raises(ValueError, match="not an episode id"):
        await backend.account.episode_release(hostile)
    assert demo.request_count == before


async def test_a_refused_public_read_is_not_the_end_of_the_session() -> None:
    """A 401 on this public read says nothing of the sign-in: it must not sign the viewer out."""

    def handler(request: httpx.Request) -> httpx.Response:
        assert "Authorization" not in request.headers
        return httpx.Response(401, json={"message": "Unauthenticated."})

    transport = httpx.MockTransport(handler)
    async with V1Backend("http://127.0.0.1:9/api/v1", transport=transport) as client:
        with pytest.raises(AccountError) as refused:
            await client.account.episode_release(UNKNOWN)
    assert not isinstance(refused.value, SessionExpired)


def test_both_spellings_of_the_release_are_read() -> None:
    """`release.id` (the description; clients that read this answer), a flat `release_id` too."""
    assert _release_of({"id": UNKNOWN, "release": {"id": 9001}}) == 9001
    assert _release_of({"id": UNKNOWN, "release_id": 9002}) == 9002
    assert _release_of({"release_id": "9003", "release": {"id": 9003}}) == 9003
    for malformed in (
        None, [], {"release": None}, {"release": {"id": "x"}}, {"release_id": True},
        {"release": {"id": -4}}, {"release_id": 0}, "9001",
    ):  # fmt: skip
        assert _release_of(malformed) is None
