"""The demo's AniLibria accounts: users, the bearer tokens handed out, one-time sign-in codes, and
each user's favourites, collections and watch timecodes. Plain state; the HTTP side is in
`account_routes`."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from app.demo.methods import MethodError

OTP_LIFETIME_S = 120  # the service's `remaining_time` for a fresh code
COLLECTIONS = ("PLANNED", "WATCHED", "WATCHING", "POSTPONED", "ABANDONED")


@dataclass
class DemoTimecode:
    time: float
    is_watched: bool
    updated_at: float


@dataclass
class DemoUser:
    id: int
    login: str
    password: str
    nickname: str
    email: str
    created_at: str = "2019-03-31T20:43:52+00:00"
    favorites: list[int] = field(default_factory=list)  # in the order they were added
    collections: dict[int, str] = field(default_factory=dict)  # release id -> collection
    timecodes: dict[str, DemoTimecode] = field(default_factory=dict)  # episode uuid -> where


@dataclass
class DemoOtp:
    code: int
    device_id: str
    expires: float  # time.time() seconds
    user_id: int | None = None  # set once a signed-in device accepts the code


def _users() -> dict[int, DemoUser]:
    users = (
        DemoUser(1001, "demo", "demo", "Демо", "demo@example.org"),
        DemoUser(1002, "phone", "phone", "", "phone@example.org"),  # no nickname: the login shows
    )
    return {user.id: user for user in users}


class Accounts:
    """All the demo's account state; one instance per server, so every test starts clean."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.users = _users()
        self.otp_lifetime = float(OTP_LIFETIME_S)
        self._tokens: dict[str, int] = {}
        self._otps: dict[int, DemoOtp] = {}
        # Paths of the requests that carried an Authorization header: tests check that a
        # client sends its token to the account endpoints only, never to posters or video.
        self.authorized_paths: list[str] = []

    # ----- users and tokens -----

    def by_login(self, login: str) -> DemoUser | None:
        return next((u for u in self.users.values() if u.login == login), None)

    def issue_token(self, user: DemoUser) -> str:
        token = secrets.token_urlsafe(32)  # unguessable, and nothing of the user in it
        self._tokens[token] = user.id
        return token

    def user_for(self, token: str) -> DemoUser | None:
        user_id = self._tokens.get(token)
        return None if user_id is None else self.users.get(user_id)

    def revoke(self, token: str) -> None:
        self._tokens.pop(token, None)

    def password_login(self, login: str, password: str) -> str | None:
        user = self.by_login(login)
        if user is None or not secrets.compare_digest(user.password, password):
            return None
        return self.issue_token(user)

    # ----- one-time codes -----

    def new_code(self, device_id: str) -> DemoOtp:
        self._drop_expired()
        code = secrets.randbelow(900_000) + 100_000
        while code in self._otps:
            code = secrets.randbelow(900_000) + 100_000
        otp = DemoOtp(code, device_id, self.clock() + self.otp_lifetime)
        self._otps[code] = otp
        return otp

    def live_code(self, code: int) -> DemoOtp | None:
        self._drop_expired()
        return self._otps.get(code)

    def accept(self, code: int, user: DemoUser) -> bool:
        otp = self.live_code(code)
        if otp is None:
            return False
        otp.user_id = user.id
        return True

    def take_confirmed(self, otp: DemoOtp) -> str:
        """The token for a confirmed code; the code is spent."""
        del self._otps[otp.code]
        return self.issue_token(self.users[otp.user_id or 0])

    def _drop_expired(self) -> None:
        now = self.clock()
        for code in [c for c, otp in self._otps.items() if otp.expires <= now]:
            del self._otps[code]

    # ----- the control API (as the phone would) -----

    async def control_confirm(self, request: web.Request) -> Any:
        """`POST /demo/otp-confirm?code=N&login=demo`: that user accepts the code."""
        user = self.by_login(request.query.get("login", "demo"))
        if user is None:
            raise MethodError(404, "no such demo user")
        if not self.accept(int(request.query.get("code", "")), user):
            raise MethodError(404, "no such code (or it expired)")
        return {"confirmed": True, "login": user.login}

    @web.middleware
    async def middleware(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        if "Authorization" in request.headers:
            self.authorized_paths.append(request.path)
        response: web.StreamResponse = await handler(request)
        return response
