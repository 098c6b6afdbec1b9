"""`AccountApi` against the demo's account endpoints: every call, every error it maps, and where
the token goes (the API's own paths only, never to media, never in clear text to the world)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import httpx
import pytest

from app.api.backend import Feature
from app.api.v1.account import AccountApi, _collections, _ids, _timecodes
from app.api.v1.backend import V1Backend
from app.core.account import (
    AccountError,
    CodeNotConfirmed,
    Collection,
    SessionExpired,
    SignInRefused,
    Timecode,
)
from app.demo import DemoServer

EPISODE_A = "68d4d5c5-e3d5-419f-a21c-c511b6b251f5"
EPISODE_B = "9c5f39e1-56dd-4d44-950a-e1a4201426a4"


@pytest.fixture
async def backend(demo: DemoServer) -> AsyncIterator[V1Backend]:
    async with V1Backend(demo.api_base_v1, retry_backoff=0.01) as client:
        yield client


@pytest.fixture
def account(backend: V1Backend) -> AccountApi:
    assert Feature.ACCOUNTS in backend.features
    return backend.account


async def _confirm(demo: DemoServer, code: int, login: str = "demo") -> None:
    async with httpx.AsyncClient() as raw:
        answer = await raw.post(f"{demo.origin}/demo/otp-confirm?code={code}&login={login}")
    assert answer.status_code == 200


async def test_sign_in_by_code(demo: DemoServer, account: AccountApi) -> None:
    issued = await account.request_code("desk-1")
    assert issued.device_id == "desk-1"
    assert time.time() + 100 < issued.expires_at <= time.time() + 121
    with pytest.raises(CodeNotConfirmed):
        await account.login_with_code(issued.code, "desk-1")
    await _confirm(demo, issued.code, "phone")
    with pytest.raises(SignInRefused):
        await account.login_with_code(issued.code, "another-device")
    token = await account.login_with_code(issued.code, "desk-1")
    assert (await account.profile(token)).login == "phone"
    with pytest.raises(SignInRefused):  # spent
        await account.login_with_code(issued.code, "desk-1")


async def test_expired_code_is_refused(demo: DemoServer, account: AccountApi) -> None:
    demo.accounts.otp_lifetime = 0
    issued = await account.request_code("desk-1")
    with pytest.raises(SignInRefused):
        await account.login_with_code(issued.code, "desk-1")


async def test_openapi_shape_code_as_string(demo: DemoServer, account: AccountApi) -> None:
    demo.config.v1_shape = "openapi"
    issued = await account.request_code("desk-1")
    assert 100_000 <= issued.code <= 999_999


async def test_password_login_profile_and_logout(account: AccountApi) -> None:
    with pytest.raises(SignInRefused) as wrong:
        await account.login("demo", "not-the-password")
    assert "not-the-password" not in str(wrong.value)
    with pytest.raises(SignInRefused):
        await account.login("", "")
    token = await account.login("demo", "demo")
    profile = await account.profile(token)
    assert (profile.login, profile.nickname, profile.shown_name) == ("demo", "Демо", "Демо")
    assert profile.avatar == ""
    phone = await account.profile(await account.login("phone", "phone"))
    assert phone.nickname == "" and phone.shown_name == "phone"
    await account.logout(token)
    with pytest.raises(SessionExpired) as expired:
        await account.profile(token)
    assert token not in str(expired.value) and token not in repr(account)
    with pytest.raises(SessionExpired):
        await account.logout(token)


async def test_every_authenticated_call_maps_a_dead_token(account: AccountApi) -> None:
    calls = [
        account.profile("forged"),
        account.favorite_ids("forged"),
        account.add_favorites("forged", [1]),
        account.remove_favorites("forged", [1]),
        account.collections("forged"),
        account.set_collection("forged", 1, Collection.PLANNED),
        account.remove_from_collections("forged", [1]),
        account.timecodes("forged"),
        account.update_timecodes("forged", [Timecode(EPISODE_A, 1.0)]),
        account.delete_timecodes("forged", [EPISODE_A]),
    ]
    for call in calls:
        with pytest.raises(SessionExpired):
            await call
    with pytest.raises(SessionExpired):
        await account.profile("")  # nothing sent at all
    with pytest.raises(SessionExpired):
        await account.profile("two\nlines")


async def test_documented_403_is_a_dead_session(demo: DemoServer, account: AccountApi) -> None:
    demo.config.v1_shape = "openapi"
    with pytest.raises(SessionExpired):
        await account.favorite_ids("forged")


async def test_favorites_and_collections(demo: DemoServer, account: AccountApi) -> None:
    token, other = await account.login("demo", "demo"), await account.login("phone", "phone")
    a, b, c = sorted(demo.catalog.titles)[:3]
    assert await account.add_favorites(token, [a, b]) == [a, b]
    assert await account.remove_favorites(token, [a]) == [b]
    assert await account.favorite_ids(token) == [b]
    assert await account.favorite_ids(other) == []
    with pytest.raises(AccountError):  # not a release the service knows
        await account.add_favorites(token, [1])

    await account.set_collection(token, a, Collection.WATCHING)
    await account.set_collection(token, b, Collection.PLANNED)
    await account.set_collection(token, a, Collection.WATCHED)
    await account.set_collection(token, c, Collection.ABANDONED)
    await account.remove_from_collections(token, [c])
    assert await account.collections(token) == {a: Collection.WATCHED, b: Collection.PLANNED}
    assert await account.collections(other) == {}


async def test_timecodes(account: AccountApi) -> None:
    token, other = await account.login("demo", "demo"), await account.login("phone", "phone")
    await account.update_timecodes(
        token, [Timecode(EPISODE_A, 743.5), Timecode(EPISODE_B, 1400, is_watched=True)]
    )
    got = await account.timecodes(token)
    assert [(t.release_episode_id, t.time, t.is_watched) for t in got] == [
        (EPISODE_A, 743.5, False),
        (EPISODE_B, 1400.0, True),
    ]
    assert await account.timecodes(other) == []
    await account.delete_timecodes(token, [EPISODE_A])
    assert [t.release_episode_id for t in await account.timecodes(token)] == [EPISODE_B]
    with pytest.raises(AccountError):
        await account.update_timecodes(token, [Timecode("not-a-uuid", 1.0)])


async def test_media_requests_carry_no_token(demo: DemoServer, backend: V1Backend) -> None:
    token = await backend.account.login("demo", "demo")
    await backend.account.favorite_ids(token)
    title = next(iter(demo.catalog.titles.values()))
    poster = f"{demo.origin}/upload/release/350x500/{title.id}.jpg"
    assert await backend.fetch_media(poster)
    await backend.latest(1)
    seen = demo.accounts.authorized_paths
    assert "/api/v1/accounts/users/me/favorites/ids" in seen
    assert not any("/upload/" in p or "/anime/" in p for p in seen), seen
    assert "Authorization" not in (backend._http.headers if backend._http else {})


async def test_no_token_over_plain_http_to_the_world() -> None:
    async with V1Backend("http://api.example.org/api/v1") as remote:
        with pytest.raises(AccountError, match="https"):
            await remote.account.profile("secret-token")
        with pytest.raises(AccountError, match="https"):
            await remote.account.login("demo", "secret-password")
    for base in ("https://api.example.org/api/v1", "http://localhost:1/api/v1", "http://[::1]:1/x"):
        assert AccountApi(V1Backend(base))._secure


async def test_redirect_is_not_followed() -> None:
    """A redirecting server must not get the token sent on to where it points."""
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(302, headers={"Location": "http://evil.example/steal"})

    transport = httpx.MockTransport(handler)
    async with V1Backend("http://127.0.0.1:9/api/v1", transport=transport) as client:
        with pytest.raises(AccountError, match="redirect"):
            await client.account.profile("tok")
    assert len(calls) == 1 and calls[0].url.host == "127.0.0.1"


def test_both_spellings_are_read() -> None:
    """Arrays (the description, the desktop client) and objects (a possible other spelling)."""
    assert _ids([3, "4", {"release_id": 5}, None, True]) == [3, 4, 5]
    assert _collections(
        [
            [1, "PLANNED", "extra"],
            {"release_id": 2, "type_of_collection": "WATCHED"},
            [3, "LOVED"],
            [4],
        ]
    ) == {1: Collection.PLANNED, 2: Collection.WATCHED}
    stamped = [EPISODE_A, 10, True, "2025-01-01T00:00:00+00:00"]
    as_object = {"release_episode_id": EPISODE_B, "time": 5.5, "is_watched": False, "updated_at": 7}
    assert _timecodes([stamped, as_object, [EPISODE_A, "x", True], ["", 1, True]]) == [
        Timecode(EPISODE_A, 10.0, True, 1735689600.0),
        Timecode(EPISODE_B, 5.5, False, 7.0),
    ]
