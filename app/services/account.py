"""The viewer's AniLibria account: signing in (a one-time code confirmed on another device, or a
login and password), who is signed in, signing out. The token is kept by a `TokenKeeper` (the
system keyring, else a file only the user can read) under the API's origin, and never logged.

Every keeper and network call happens off the UI thread (keyring calls can block on D-Bus)."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from app.core.account import (
    AccountError,
    CodeNotConfirmed,
    Profile,
    SessionExpired,
    SignInCode,
    SignInRefused,
)
from app.core.api_base import account_origin as origin
from app.services.api import ApiService
from app.services.settings import SettingsStore

if TYPE_CHECKING:
    from app.api.backend import Backend
    from app.api.v1.account import AccountApi

log = logging.getLogger(__name__)
POLL_EVERY_S = 2.0  # how often a shown code is asked about: the phone confirms within seconds


class TokenKeeper(Protocol):
    def load(self, account_key: str) -> str | None: ...
    def save(self, account_key: str, token: str) -> None: ...
    def delete(self, account_key: str) -> None: ...


class AccountService(QObject):
    changed = Signal()  # signed in or out: `profile` says who
    expired = Signal()  # the service no longer accepts the token: sign in again

    def __init__(
        self,
        api: ApiService,
        tokens: TokenKeeper,
        settings: SettingsStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._tokens = tokens
        self._settings = settings
        self._token: str | None = None
        self.profile: Profile | None = None

    def __repr__(self) -> str:  # never the token
        who = self.profile.login if self.profile else "nobody"
        return f"<AccountService {who} at {origin(self._api.base_url)}>"

    @property
    def available(self) -> bool:
        """The API spoken has accounts (v1; v2 has none)."""
        return self._account_api() is not None

    @property
    def signed_in(self) -> bool:
        return self.profile is not None

    @property
    def account_key(self) -> str | None:
        """Whose data this is (the API's origin) while someone is signed in, else None."""
        return origin(self._api.base_url) if self.signed_in else None

    def session(self) -> tuple[AccountApi, str] | None:
        """The account API and the token, for one request; None when nobody is signed in.
        The token is passed straight to the API call: never kept, logged or shown."""
        account = self._account_api()
        if self._token is None or account is None:
            return None
        return account, self._token

    async def session_expired(self) -> None:
        """A request was refused (401/403): forget the sign-in and tell the viewer."""
        if self._token is None:
            return
        log.info("the service no longer accepts the sign-in")
        await self._forget()
        self.expired.emit()
        self.changed.emit()

    def catalogue(self) -> Backend | None:
        """The catalogue of the server signed in to (the sync fetches the titles the account's
        timecodes name only by episode); None before the API has started."""
        try:
            return self._api.backend
        except RuntimeError:
            return None

    def _account_api(self) -> AccountApi | None:
        try:
            return self._api.backend.account
        except RuntimeError:  # no backend yet (before start): nothing to sign in to
            return None

    def _require(self) -> AccountApi:
        account = self._account_api()
        if account is None:
            raise AccountError("this API has no accounts (only v1 has)")
        return account

    def device_id(self) -> str:
        device = str(self._settings.get("device_id"))
        if not device:
            device = str(uuid.uuid4())
            self._settings.set("device_id", device)
        return device

    # ----- signing in -----

    async def restore(self) -> Profile | None:
        """Who was signed in at the last run, if the service still accepts the token."""
        if self._account_api() is None:
            return None
        key = origin(self._api.base_url)
        token = await asyncio.to_thread(lambda: self._tokens.load(key))
        if token is None:
            return None
        return await self._open(token)

    async def request_code(self) -> SignInCode:
        return await self._require().request_code(self.device_id())

    async def wait_for_confirmation(self, code: SignInCode) -> Profile:
        """Asks until the code is confirmed on another device; SignInRefused once it expired."""
        account = self._require()
        while True:
            try:
                token = await account.login_with_code(code.code, code.device_id)
            except CodeNotConfirmed:
                if time.time() >= code.expires_at:
                    raise SignInRefused("the code expired before it was confirmed") from None
                await asyncio.sleep(POLL_EVERY_S)
                continue
            return await self._signed_in(token)

    async def sign_in(self, login: str, password: str) -> Profile:
        token = await self._require().login(login, password)
        return await self._signed_in(token)

    async def _signed_in(self, token: str) -> Profile:
        key = origin(self._api.base_url)
        # A closure, not arguments: thread pools may log what they are handed.
        await asyncio.to_thread(lambda: self._tokens.save(key, token))
        profile = await self._open(token)
        if profile is None:
            raise SignInRefused("the service did not accept its own sign-in")
        return profile

    async def _open(self, token: str) -> Profile | None:
        try:
            profile = await self._require().profile(token)
        except SessionExpired:
            log.info("the saved sign-in is no longer accepted")
            await self._forget()
            self.expired.emit()
            return None
        self._token, self.profile = token, profile
        log.info("signed in as %s", profile.login or profile.id)
        self.changed.emit()
        return profile

    async def switched(self) -> Profile | None:
        """Another API: its sign-in (kept under its own origin), if any, replaces this one."""
        self._token, self.profile = None, None
        self.changed.emit()
        return await self.restore()

    # ----- signing out -----

    async def sign_out(self) -> None:
        """Tells the service (when it can be reached) and forgets the token here either way."""
        token = self._token or await asyncio.to_thread(
            self._tokens.load, origin(self._api.base_url)
        )
        account = self._account_api()
        if token and account is not None:
            try:
                await account.logout(token)
            except AccountError:
                pass  # an expired token is signed out already
            except Exception as error:  # offline: the token is forgotten here all the same
                log.info("could not tell the service about signing out: %s", type(error).__name__)
        await self._forget()
        self.changed.emit()

    async def _forget(self) -> None:
        self._token, self.profile = None, None
        await asyncio.to_thread(self._tokens.delete, origin(self._api.base_url))
