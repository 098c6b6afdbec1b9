"""`AccountApi`: the viewer's AniLibria account over v1 (`/accounts/...`): sign-in by a one-time
code or by password, sign-out, profile, favourites, collections and timecodes, and the release an
episode of a timecode belongs to (a public read: the timecodes name only the episode).

The token is the caller's: it is passed per call and sent only as a per-request header on the
API's own relative paths, never as a default header of the shared pool (which also fetches
posters and video from other hosts), never through a redirect, and only over https or to a
loopback host. Refusals of the account kind raise `AccountError` subclasses; outages and 5xx
raise the usual `NetworkError`/`ServerError`.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import orjson

from app.api.http_client import HttpClient, decoded, network_errors, with_retries
from app.api.v1.client import error_from_body
from app.core.account import (
    AccountError,
    CodeNotConfirmed,
    Collection,
    Profile,
    SessionExpired,
    SignInCode,
    SignInRefused,
    Timecode,
)

log = logging.getLogger(__name__)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
ME = "accounts/users/me/"
# The service's episode ids are UUIDs: nothing else goes into a URL path.
EPISODE_ID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
Failure = Callable[[int, str], Exception | None]  # (status, server's message) -> error to raise


def _message(payload: object) -> str:
    """The service's own words (`message`, or the per-field `errors`), or ""."""
    if not isinstance(payload, dict):
        return ""
    errors = payload.get("errors")
    texts = (
        [t for ts in errors.values() if isinstance(ts, list) for t in ts if isinstance(t, str)]
        if isinstance(errors, dict)
        else []
    )
    message = payload.get("message")
    return "; ".join(texts) or (message if isinstance(message, str) else "")


def _session_failure(status: int, message: str) -> Exception | None:
    if status in (401, 403):
        return SessionExpired(message or "the session has expired: sign in again")
    if status in (404, 422):
        return AccountError(message or "the service refused the request")
    return None


def _public_failure(status: int, message: str) -> Exception | None:
    """A public read sends no token: a 401/403 there is a refusal, not the session's end."""
    if status in (401, 403, 404, 422):
        return AccountError(message or "the service knows no such episode")
    return None


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    return None


def _int(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return None


class AccountApi:
    def __init__(self, client: HttpClient, *, retries: int = 2, retry_backoff: float = 0.3) -> None:
        self._client = client
        self._retries = retries
        self._backoff = retry_backoff
        parts = urlsplit(client.base_url)
        # A token or password in clear text only to this machine (the demo); else https only.
        self._secure = parts.scheme == "https" or (
            parts.scheme == "http" and (parts.hostname or "") in LOOPBACK_HOSTS
        )

    def __repr__(self) -> str:
        return f"AccountApi({self._client.base_url!r})"

    # ----- plumbing -----

    async def _call(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        body: object = None,
        failure: Failure = _session_failure,
    ) -> Any:
        """One request to `<base>/<path>` (relative: the API's own host). Raises `failure`'s
        error for a refused status, else the generic one for the status."""
        if not self._secure:
            raise AccountError("signing in needs an https server address")
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token is not None:
            if not token or not token.isprintable() or " " in token:
                raise SessionExpired("no valid session: sign in again")
            headers["Authorization"] = f"Bearer {token}"
        content = orjson.dumps(body) if body is not None else None
        with network_errors(path):
            async with self._client.pool() as http:
                response = await http.request(
                    method, path, content=content, headers=headers, follow_redirects=False
                )
        status = response.status_code
        log.debug("%s %s -> %d", method, path, status)  # the path only: never a header or body
        if 300 <= status < 400:
            raise AccountError(f"{path}: the server redirected an account request (HTTP {status})")
        if status >= 400:
            try:
                payload = orjson.loads(response.content)
            except orjson.JSONDecodeError:  # a proxy's error page: the status says it all
                payload = None
            error = failure(status, _message(payload))
            raise error if error is not None else error_from_body(status, payload)
        return decoded(response, path, error_from_body) if response.content else None

    async def _retried(self, method: str, path: str, token: str, body: object = None) -> Any:
        """For reads and idempotent set operations: applying one twice changes nothing."""
        return await with_retries(
            lambda: self._call(method, path, token=token, body=body),
            retries=self._retries,
            backoff=self._backoff,
            what=path,
        )

    # ----- signing in and out (never retried: a second try is not the same request) -----

    async def request_code(self, device_id: str) -> SignInCode:
        """A code for the viewer to confirm on another device; then `login_with_code`."""
        data = await self._call("POST", "accounts/otp/get", body={"device_id": device_id})
        otp = data.get("otp") if isinstance(data, dict) else None
        # The description's model says a string ("058701"); its request bodies take an integer.
        code = _int(otp.get("code")) if isinstance(otp, dict) else None
        if otp is None or code is None:
            raise AccountError("the service sent no sign-in code")
        remaining = _number(data.get("remaining_time"))
        expires = time.time() + remaining if remaining is not None else None
        if expires is None:  # then the server's clock: its `expired_at`
            expires = _number(otp.get("expired_at")) or time.time() + 120
        device = otp.get("device_id")
        return SignInCode(code, device if isinstance(device, str) else device_id, expires)

    async def login_with_code(self, code: int, device_id: str) -> str:
        def failure(status: int, message: str) -> Exception | None:
            if status == 401:
                return CodeNotConfirmed(message or "the code is not confirmed yet")
            if status in (404, 422):
                return SignInRefused(message or "the code is unknown or expired")
            return None

        body = {"code": code, "device_id": device_id}
        return self._token(
            await self._call("POST", "accounts/otp/login", body=body, failure=failure)
        )

    async def login(self, login: str, password: str) -> str:
        def failure(status: int, message: str) -> Exception | None:
            if status in (401, 422):
                return SignInRefused(message or "wrong login or password")
            return None

        body = {"login": login, "password": password}
        data = await self._call("POST", "accounts/users/auth/login", body=body, failure=failure)
        return self._token(data)

    @staticmethod
    def _token(data: object) -> str:
        token = data.get("token") if isinstance(data, dict) else None
        if not isinstance(token, str) or not token:
            raise AccountError("the service sent no session token")
        return token

    async def logout(self, token: str) -> None:
        """Ends the session on the server; a session already gone raises `SessionExpired`."""
        await self._call("POST", "accounts/users/auth/logout", token=token)

    # ----- the signed-in user's data -----

    async def profile(self, token: str) -> Profile:
        data = await self._retried("GET", ME + "profile", token)
        user_id = _int(data.get("id")) if isinstance(data, dict) else None
        if not isinstance(data, dict) or user_id is None:
            raise AccountError("the service sent no profile")
        login, nickname = data.get("login"), data.get("nickname")
        return Profile(
            id=user_id,
            login=login if isinstance(login, str) else "",
            nickname=nickname if isinstance(nickname, str) else "",  # null when never set
            avatar=self._avatar(data.get("avatar")),
        )

    def _avatar(self, avatar: object) -> str:
        # An image object {preview, thumbnail, optimized: {...}}; the desktop client reads
        # `preview`. A bare path is accepted too.
        if isinstance(avatar, dict):
            optimized = avatar.get("optimized")
            inner = optimized.get("preview") if isinstance(optimized, dict) else None
            avatar = avatar.get("preview") or avatar.get("thumbnail") or inner
        return self._client.media_url(avatar) if isinstance(avatar, str) else ""

    async def favorite_ids(self, token: str) -> list[int]:
        return _ids(await self._retried("GET", ME + "favorites/ids", token))

    async def add_favorites(self, token: str, ids: Iterable[int]) -> list[int]:
        """Returns the favourites after the change (the service answers with them)."""
        body = [{"release_id": int(i)} for i in ids]
        return _ids(await self._retried("POST", ME + "favorites", token, body)) if body else []

    async def remove_favorites(self, token: str, ids: Iterable[int]) -> list[int]:
        body = [{"release_id": int(i)} for i in ids]
        return _ids(await self._retried("DELETE", ME + "favorites", token, body)) if body else []

    async def collections(self, token: str) -> dict[int, Collection]:
        return _collections(await self._retried("GET", ME + "collections/ids", token))

    async def set_collection(self, token: str, release_id: int, collection: Collection) -> None:
        body = [{"release_id": int(release_id), "type_of_collection": Collection(collection).value}]
        await self._retried("POST", ME + "collections", token, body)

    async def remove_from_collections(self, token: str, ids: Iterable[int]) -> None:
        body = [{"release_id": int(i)} for i in ids]
        if body:
            await self._retried("DELETE", ME + "collections", token, body)

    async def timecodes(self, token: str) -> list[Timecode]:
        return _timecodes(await self._retried("GET", ME + "views/timecodes", token))

    async def update_timecodes(self, token: str, timecodes: Iterable[Timecode]) -> None:
        body = [
            {"release_episode_id": t.release_episode_id, "time": t.time, "is_watched": t.is_watched}
            for t in timecodes
        ]
        if body:
            await self._retried("POST", ME + "views/timecodes", token, body)

    async def delete_timecodes(self, token: str, episode_ids: Iterable[str]) -> None:
        body = [{"release_episode_id": str(e)} for e in episode_ids]
        if body:
            await self._retried("DELETE", ME + "views/timecodes", token, body)

    async def episode_release(self, episode_id: str) -> int:
        """The id of the release an episode belongs to (`anime/releases/episodes/{id}`: public,
        sent without the token). Raises ValueError for an id that is not a UUID, without asking;
        AccountError when the service knows no such episode or names no release."""
        if not isinstance(episode_id, str) or not EPISODE_ID.fullmatch(episode_id):
            raise ValueError(f"not an episode id: {str(episode_id)[:40]!r}")
        path = f"anime/releases/episodes/{episode_id}"
        data = await with_retries(
            lambda: self._call("GET", path, failure=_public_failure),
            retries=self._retries,
            backoff=self._backoff,
            what=path,
        )
        release_id = _release_of(data)
        if release_id is None:
            raise AccountError(f"{path}: the service named no release")
        return release_id


def _ids(data: object) -> list[int]:
    """A bare array of ids (both witnesses); `{release_id}` objects accepted too."""
    items = data if isinstance(data, list) else []
    found = (_int(i.get("release_id") if isinstance(i, dict) else i) for i in items)
    return [i for i in found if i is not None]


def _release_of(episode: object) -> int | None:
    """The episode's `release` object (the description, and the clients that read this answer)
    by its `id`; a flat `release_id` is read too."""
    if not isinstance(episode, dict):
        return None
    release = episode.get("release")
    found = _int(episode.get("release_id"))
    if found is None and isinstance(release, dict):
        found = _int(release.get("id"))
    return found if found is not None and found > 0 else None


def _collections(data: object) -> dict[int, Collection]:
    """`[[release_id, "WATCHING"], ...]` (the description; the desktop client reads the first two
    items of each array); `{release_id, type_of_collection}` objects accepted too. A list name
    this app does not know is left out."""
    found: dict[int, Collection] = {}
    for item in data if isinstance(data, list) else []:
        if isinstance(item, list) and len(item) >= 2:
            release_id, kind = _int(item[0]), item[1]
        elif isinstance(item, dict):
            release_id, kind = _int(item.get("release_id")), item.get("type_of_collection")
        else:
            continue
        if release_id is not None and isinstance(kind, str) and kind in Collection.__members__:
            found[release_id] = Collection(kind)
    return found


def _timecodes(data: object) -> list[Timecode]:
    """`[[episode_uuid, time, is_watched], ...]` (the description, and the desktop client that
    reads exactly three items); a fourth item or an object's `updated_at` is the update time
    when a server sends one."""
    found: list[Timecode] = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, list) and len(item) >= 3:
            episode, at, watched = item[0], item[1], item[2]
            updated = item[3] if len(item) > 3 else None
        elif isinstance(item, dict):
            episode, at = item.get("release_episode_id"), item.get("time")
            watched, updated = item.get("is_watched"), item.get("updated_at")
        else:
            continue
        seconds = None if isinstance(at, str) else _number(at)
        if not isinstance(episode, str) or not episode or seconds is None:
            continue
        found.append(Timecode(episode, seconds, watched is True, _number(updated) or 0.0))
    return found
