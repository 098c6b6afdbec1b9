"""The demo's v1 account endpoints over raw HTTP: sign-in by code and by password, sign-out, and
each user's favourites, collections and timecodes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from app.demo import DemoServer

EPISODE_A = "68d4d5c5-e3d5-419f-a21c-c511b6b251f5"
EPISODE_B = "9c5f39e1-56dd-4d44-950a-e1a4201426a4"


@pytest.fixture
async def http(demo: DemoServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=demo.api_base_v1 + "/accounts/") as client:
        yield client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def _login(http: httpx.AsyncClient, login: str) -> str:
    answer = await http.post("users/auth/login", json={"login": login, "password": login})
    assert answer.status_code == 200
    token: str = answer.json()["token"]
    return token


async def test_code_flow_confirmed_by_the_phone(http: httpx.AsyncClient) -> None:
    got = await http.post("otp/get", json={"device_id": "desk-1"})
    assert got.status_code == 200
    otp = got.json()["otp"]
    assert got.json()["remaining_time"] == 120
    assert otp["device_id"] == "desk-1" and otp["expired_at"].endswith("+00:00")
    code = otp["code"]
    assert isinstance(code, int) and 100_000 <= code <= 999_999

    waiting = await http.post("otp/login", json={"code": code, "device_id": "desk-1"})
    assert waiting.status_code == 401 and waiting.json()["message"]

    phone = await _login(http, "phone")
    assert (await http.post("otp/accept", json={"code": code})).status_code == 401
    accepted = await http.post("otp/accept", json={"code": code}, headers=_bearer(phone))
    assert accepted.status_code == 200

    other_device = await http.post("otp/login", json={"code": code, "device_id": "desk-2"})
    assert other_device.status_code == 404
    signed = await http.post("otp/login", json={"code": code, "device_id": "desk-1"})
    assert signed.status_code == 200
    profile = await http.get("users/me/profile", headers=_bearer(signed.json()["token"]))
    assert profile.json()["login"] == "phone"
    # The code is spent.
    again = await http.post("otp/login", json={"code": code, "device_id": "desk-1"})
    assert again.status_code == 404


async def test_confirm_control_and_expiry(demo: DemoServer, http: httpx.AsyncClient) -> None:
    code = (await http.post("otp/get", json={"device_id": "d"})).json()["otp"]["code"]
    async with httpx.AsyncClient() as raw:
        confirmed = await raw.post(f"{demo.origin}/demo/otp-confirm?code={code}&login=demo")
        assert confirmed.status_code == 200
        unknown = await raw.post(f"{demo.origin}/demo/otp-confirm?code=1&login=demo")
        assert unknown.status_code == 404
    token = (await http.post("otp/login", json={"code": str(code), "device_id": "d"})).json()
    assert (await http.get("users/me/profile", headers=_bearer(token["token"]))).json()["id"]

    demo.accounts.otp_lifetime = 0
    stale = (await http.post("otp/get", json={"device_id": "d"})).json()["otp"]["code"]
    assert (await http.post("otp/login", json={"code": stale, "device_id": "d"})).status_code == 404


async def test_openapi_shape_sends_the_code_as_a_string(http: httpx.AsyncClient) -> None:
    got = await http.post("otp/get?shape=openapi", json={"device_id": "d"})
    assert isinstance(got.json()["otp"]["code"], str) and len(got.json()["otp"]["code"]) == 6
    assert (await http.get("users/me/profile?shape=openapi")).status_code == 403


async def test_password_login_errors_and_logout(http: httpx.AsyncClient) -> None:
    wrong = await http.post("users/auth/login", json={"login": "demo", "password": "nope"})
    assert wrong.status_code == 401 and wrong.json()["message"]
    missing = await http.post("users/auth/login", json={"login": "demo"})
    assert missing.status_code == 422 and "password" in missing.json()["errors"]
    broken = await http.post("users/auth/login", content=b"{not json")
    assert broken.status_code == 422 and broken.json()["message"]

    token = await _login(http, "demo")
    profile = (await http.get("users/me/profile", headers=_bearer(token))).json()
    assert profile["login"] == "demo" and profile["nickname"] == "Демо"
    assert "preview" in profile["avatar"]
    out = await http.post("users/auth/logout", headers=_bearer(token))
    assert out.status_code == 200 and out.json() == {"token": None}
    after = await http.get("users/me/profile", headers=_bearer(token))
    assert after.status_code == 401 and after.json() == {"message": "Unauthenticated."}
    assert (await http.post("users/auth/logout", headers=_bearer(token))).status_code == 401
    assert (await http.get("users/me/favorites/ids")).status_code == 401
    assert (await http.get("users/me/favorites/ids", headers=_bearer("forged"))).status_code == 401


async def _send(
    http: httpx.AsyncClient, method: str, path: str, token: str, body: Any
) -> httpx.Response:
    return await http.request(method, path, json=body, headers=_bearer(token))


async def test_favorites_per_user(demo: DemoServer, http: httpx.AsyncClient) -> None:
    demo_token, phone_token = await _login(http, "demo"), await _login(http, "phone")
    a, b = sorted(demo.catalog.titles)[:2]
    added = await _send(http, "POST", "users/me/favorites", demo_token, [{"release_id": a}])
    assert added.json() == [a]
    await _send(http, "POST", "users/me/favorites", demo_token, [{"release_id": b}])
    ids = await http.get("users/me/favorites/ids", headers=_bearer(demo_token))
    assert ids.json() == [a, b]
    assert (await http.get("users/me/favorites/ids", headers=_bearer(phone_token))).json() == []
    removed = await _send(http, "DELETE", "users/me/favorites", demo_token, [{"release_id": a}])
    assert removed.json() == [b]
    bad = await _send(http, "POST", "users/me/favorites", demo_token, [{"release_id": "x"}])
    assert bad.status_code == 422 and "0.release_id" in bad.json()["errors"]
    unknown = await _send(http, "POST", "users/me/favorites", demo_token, [{"release_id": 1}])
    assert unknown.status_code == 422


async def test_collections_per_user(demo: DemoServer, http: httpx.AsyncClient) -> None:
    demo_token, phone_token = await _login(http, "demo"), await _login(http, "phone")
    a, b = sorted(demo.catalog.titles)[:2]
    body = [
        {"release_id": a, "type_of_collection": "WATCHING"},
        {"release_id": b, "type_of_collection": "PLANNED"},
    ]
    assert (await _send(http, "POST", "users/me/collections", demo_token, body)).status_code == 200
    moved = [{"release_id": a, "type_of_collection": "WATCHED"}]
    await _send(http, "POST", "users/me/collections", demo_token, moved)
    listed = await http.get("users/me/collections/ids", headers=_bearer(demo_token))
    assert listed.json() == [[a, "WATCHED"], [b, "PLANNED"]]
    phone = await http.get("users/me/collections/ids", headers=_bearer(phone_token))
    assert phone.json() == []
    left = await _send(http, "DELETE", "users/me/collections", demo_token, [{"release_id": a}])
    assert left.json() == [[b, "PLANNED"]]
    odd = [{"release_id": a, "type_of_collection": "LOVED"}]
    refused = await _send(http, "POST", "users/me/collections", demo_token, odd)
    assert refused.status_code == 422 and "0.type_of_collection" in refused.json()["errors"]


async def test_timecodes_per_user(http: httpx.AsyncClient) -> None:
    demo_token, phone_token = await _login(http, "demo"), await _login(http, "phone")
    body = [
        {"release_episode_id": EPISODE_A, "time": 743.5, "is_watched": False},
        {"release_episode_id": EPISODE_B, "time": 1400, "is_watched": True},
    ]
    saved = await _send(http, "POST", "users/me/views/timecodes", demo_token, body)
    assert saved.json() == [[EPISODE_A, 743.5, False], [EPISODE_B, 1400.0, True]]
    listed = await http.get("users/me/views/timecodes", headers=_bearer(phone_token))
    assert listed.json() == []
    gone = [{"release_episode_id": EPISODE_A}]
    left = await _send(http, "DELETE", "users/me/views/timecodes", demo_token, gone)
    assert left.json() == [[EPISODE_B, 1400.0, True]]
    bad = [{"release_episode_id": "not-a-uuid", "time": 1, "is_watched": True}]
    refused = await _send(http, "POST", "users/me/views/timecodes", demo_token, bad)
    assert refused.status_code == 422
    no_time = [{"release_episode_id": EPISODE_A, "is_watched": True}]
    refused = await _send(http, "POST", "users/me/views/timecodes", demo_token, no_time)
    assert refused.status_code == 422 and "0.time" in refused.json()["errors"]


async def test_catalogue_endpoints_still_answer(demo: DemoServer, http: httpx.AsyncClient) -> None:
    async with httpx.AsyncClient() as raw:
        latest = await raw.get(f"{demo.api_base_v1}/anime/releases/latest")
    assert latest.status_code == 200
    # Account paths the demo does not serve still ask for a signed-in user.
    assert (await http.get("users/me/favorites/references/genres")).status_code == 401
