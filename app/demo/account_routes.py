"""The demo's v1 account endpoints (`/api/v1/accounts/...`): sign-in by password or by a one-time
code confirmed on another device, sign-out, and the signed-in user's profile, favourites,
collections and timecodes. Shapes follow what the service's own clients read (see comments)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import orjson
from aiohttp import web

from app.demo.accounts import COLLECTIONS, Accounts, DemoTimecode, DemoUser
from app.demo.catalog import Catalog
from app.demo.v1_routes import V1Error, invalid, not_found
from app.demo.v1_wire import LIVE

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
UNAUTHENTICATED = {"message": "Unauthenticated."}  # what the service's framework answers


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


async def _body(request: web.Request) -> Any:
    try:
        return orjson.loads(await request.read())
    except orjson.JSONDecodeError:
        raise invalid("body", "Тело запроса должно быть JSON") from None


def _field(body: Any, name: str, kind: type, where: str = "") -> Any:
    value = body.get(name) if isinstance(body, dict) else None
    if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
        key = f"{where}{name}"
        raise invalid(key, f"Поле {key} обязательно и должно быть верного типа")
    return value


def _code(body: Any) -> int:
    """The code as the bodies take it (an integer); a string of digits is accepted too."""
    value = body.get("code") if isinstance(body, dict) else None
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise invalid("code", "Поле code обязательно и должно быть числом")


def _items(body: Any) -> list[Any]:
    if not isinstance(body, list) or not body:
        raise invalid("body", "Тело запроса должно быть непустым списком")
    return body


class AccountRoutes:
    def __init__(
        self, accounts: Accounts, catalog: Catalog, default_shape: Callable[[], str]
    ) -> None:
        self.accounts = accounts
        self.catalog = catalog
        self.default_shape = default_shape

    def table(self) -> list[tuple[str, str, Handler]]:
        me = "users/me/"
        return [
            ("POST", "otp/get", self._wrap(self.otp_get)),
            ("POST", "otp/accept", self._wrap(self.otp_accept)),
            ("POST", "otp/login", self._wrap(self.otp_login)),
            ("POST", "users/auth/login", self._wrap(self.login)),
            ("POST", "users/auth/logout", self._wrap(self.logout)),
            ("GET", me + "profile", self._wrap(self.profile)),
            ("GET", me + "favorites/ids", self._wrap(self.favorites)),
            ("POST", me + "favorites", self._wrap(self.favorites)),
            ("DELETE", me + "favorites", self._wrap(self.favorites)),
            ("GET", me + "collections/ids", self._wrap(self.collections)),
            ("POST", me + "collections", self._wrap(self.collections)),
            ("DELETE", me + "collections", self._wrap(self.collections)),
            ("GET", me + "views/timecodes", self._wrap(self.timecodes)),
            ("POST", me + "views/timecodes", self._wrap(self.timecodes)),
            ("DELETE", me + "views/timecodes", self._wrap(self.timecodes)),
        ]

    @staticmethod
    def _wrap(handler: Callable[[web.Request], Awaitable[Any]]) -> Handler:
        async def run(request: web.Request) -> web.StreamResponse:
            try:
                data = await handler(request)
            except V1Error as error:
                return web.json_response(error.body, status=error.status)
            return web.Response(body=orjson.dumps(data), content_type="application/json")

        return run

    def _live(self, request: web.Request) -> bool:
        return request.query.get("shape", self.default_shape()) == LIVE

    def _user(self, request: web.Request, documented_status: int = 403) -> DemoUser:
        """The bearer's user. The description says 403 for the `me` endpoints; the service's
        framework answers 401 "Unauthenticated." (the live shape)."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        user = self.accounts.user_for(token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            status = 401 if self._live(request) else documented_status
            raise V1Error(status, dict(UNAUTHENTICATED))
        return user

    # ----- signing in and out -----

    async def otp_get(self, request: web.Request) -> Any:
        device_id = _field(await _body(request), "device_id", str)
        if not device_id.strip() or len(device_id) > 255:
            raise invalid("device_id", "Поле device_id должно быть непустой строкой")
        otp = self.accounts.new_code(device_id)
        # The description's model has the code as a string ("058701") while its request bodies
        # take an integer; no public client reads this answer. Live: the integer the bodies
        # take back; "openapi": the described string.
        code: int | str = otp.code if self._live(request) else f"{otp.code:06d}"
        remaining = max(0, round(otp.expires - self.accounts.clock()))
        return {
            "otp": {"code": code, "user_id": None, "device_id": otp.device_id,
                    "expired_at": _iso(otp.expires)},
            "remaining_time": remaining,
        }  # fmt: skip

    async def otp_accept(self, request: web.Request) -> Any:
        user = self._user(request, 401)
        if not self.accounts.accept(_code(await _body(request)), user):
            raise not_found("Код не найден или истёк")
        return {}

    async def otp_login(self, request: web.Request) -> Any:
        body = await _body(request)
        code, device_id = _code(body), _field(body, "device_id", str)
        otp = self.accounts.live_code(code)
        if otp is None or otp.device_id != device_id:
            raise not_found("Код не найден или истёк")
        if otp.user_id is None:
            raise V1Error(401, {"message": "Код ещё не подтверждён"})
        return {"token": self.accounts.take_confirmed(otp)}

    async def login(self, request: web.Request) -> Any:
        body = await _body(request)
        login, password = _field(body, "login", str), _field(body, "password", str)
        token = self.accounts.password_login(login, password)
        if token is None:
            raise V1Error(401, {"message": "Неверный логин или пароль"})
        return {"token": token}

    async def logout(self, request: web.Request) -> Any:
        self._user(request, 401)
        _, _, token = request.headers["Authorization"].partition(" ")
        self.accounts.revoke(token.strip())
        return {"token": None}

    # ----- the signed-in user's data -----

    async def profile(self, request: web.Request) -> Any:
        user = self._user(request)
        # The desktop client reads nickname (falling back to login) and avatar.preview.
        empty = {"preview": None, "thumbnail": None}
        return {
            "id": user.id, "login": user.login, "email": user.email,
            "nickname": user.nickname or None,
            "avatar": {**empty, "optimized": dict(empty)},
            "torrents": {"passkey": f"demo{user.id}", "uploaded": 0, "downloaded": 0},
            "is_banned": False, "created_at": user.created_at, "is_with_ads": False,
        }  # fmt: skip

    def _release_ids(self, items: list[Any]) -> list[int]:
        ids = []
        for index, item in enumerate(items):
            release_id = _field(item, "release_id", int, f"{index}.")
            if release_id not in self.catalog.titles:
                raise invalid(f"{index}.release_id", f"Релиз {release_id} не найден")
            ids.append(release_id)
        return ids

    async def favorites(self, request: web.Request) -> Any:
        """GET: the ids (a bare array); POST/DELETE `[{release_id}]`: the ids after the change."""
        user = self._user(request)
        if request.method != "GET":
            ids = self._release_ids(_items(await _body(request)))
            if request.method == "POST":
                user.favorites += [i for i in dict.fromkeys(ids) if i not in user.favorites]
            else:
                user.favorites = [i for i in user.favorites if i not in ids]
        return list(user.favorites)

    async def collections(self, request: web.Request) -> Any:
        """`[[release_id, "PLANNED"], ...]`, as the description and the desktop client agree."""
        user = self._user(request)
        if request.method != "GET":
            items = _items(await _body(request))
            ids = self._release_ids(items)
            if request.method == "DELETE":
                for release_id in ids:
                    user.collections.pop(release_id, None)
            else:
                for index, (release_id, item) in enumerate(zip(ids, items, strict=True)):
                    kind = _field(item, "type_of_collection", str, f"{index}.")
                    if kind not in COLLECTIONS:
                        raise invalid(f"{index}.type_of_collection", "Неизвестная коллекция")
                    user.collections[release_id] = kind
        return [[release_id, kind] for release_id, kind in user.collections.items()]

    async def timecodes(self, request: web.Request) -> Any:
        """`[[episode_uuid, time, is_watched], ...]`: three-item arrays, no update time on the
        wire (the description, and the desktop client reading exactly three)."""
        user = self._user(request)
        if request.method != "GET":
            items = _items(await _body(request))
            episode_ids = [self._episode_id(item, index) for index, item in enumerate(items)]
            if request.method == "DELETE":
                for episode_id in episode_ids:
                    user.timecodes.pop(episode_id, None)
            else:
                for index, (episode_id, item) in enumerate(zip(episode_ids, items, strict=True)):
                    user.timecodes[episode_id] = self._timecode(item, index)
        return [[k, t.time, t.is_watched] for k, t in user.timecodes.items()]

    @staticmethod
    def _episode_id(item: Any, index: int) -> str:
        value: str = _field(item, "release_episode_id", str, f"{index}.")
        if not _UUID.fullmatch(value):
            raise invalid(f"{index}.release_episode_id", "Поле должно быть UUID")
        return value.lower()

    def _timecode(self, item: Any, index: int) -> DemoTimecode:
        raw = item.get("time")
        if isinstance(raw, bool) or not isinstance(raw, int | float) or raw < 0:
            raise invalid(f"{index}.time", "Поле time должно быть неотрицательным числом")
        watched = _field(item, "is_watched", bool, f"{index}.")
        return DemoTimecode(float(raw), watched, self.accounts.clock())


def register(
    app: web.Application, accounts: Accounts, catalog: Catalog, default_shape: Callable[[], str]
) -> None:
    """Adds the account routes; call before the generic `/api/v1/{tail}` route."""
    app.middlewares.append(accounts.middleware)
    for method, path, handler in AccountRoutes(accounts, catalog, default_shape).table():
        app.router.add_route(method, f"/api/v1/accounts/{path}", handler)
