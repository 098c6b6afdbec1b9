"""Signing in and out of the account, over an account API in memory (same methods as the real
one) and a token keeper in memory: codes, expiry, expired sessions, sign-out offline."""

from __future__ import annotations

import time

import pytest

from app.core.account import (
    CodeNotConfirmed,
    Profile,
    SessionExpired,
    SignInCode,
    SignInRefused,
)
from app.services import account as account_module
from app.services.account import AccountService, origin
from app.services.settings import SettingsStore
from tests.unit.account_fakes import Keeper
from tests.unit.fakes import FakeApiService, FakeBackend

TOKEN = "s3cr3t-token-for-tests-0123456789"


class FakeAccountApi:
    """Accepts `TOKEN`; a code is confirmed after `confirm_after` asks, or never."""

    def __init__(self) -> None:
        self.confirm_after = 2
        self.asked = 0
        self.valid = {TOKEN}
        self.logged_out: list[str] = []
        self.offline = False

    async def request_code(self, device_id: str) -> SignInCode:
        return SignInCode(54233, device_id, time.time() + 120)

    async def login_with_code(self, code: int, device_id: str) -> str:
        self.asked += 1
        if self.asked < self.confirm_after:
            raise CodeNotConfirmed("not yet")
        return TOKEN

    async def login(self, login: str, password: str) -> str:
        if (login, password) != ("demo", "demo"):
            raise SignInRefused("wrong login or password")
        return TOKEN

    async def logout(self, token: str) -> None:
        if self.offline:
            raise OSError("no network")
        self.logged_out.append(token)
        self.valid.discard(token)

    async def profile(self, token: str) -> Profile:
        if token not in self.valid:
            raise SessionExpired("sign in again")
        return Profile(id=7, login="demo", nickname="Демо")


@pytest.fixture
def remote() -> FakeAccountApi:
    return FakeAccountApi()


@pytest.fixture
def keeper() -> Keeper:
    return Keeper()


@pytest.fixture
def account(
    api: FakeApiService, backend: FakeBackend, remote: FakeAccountApi, keeper: Keeper,
    settings: SettingsStore,
) -> AccountService:  # fmt: skip
    backend.account = remote
    return AccountService(api, keeper, settings)


async def test_a_code_confirmed_elsewhere_signs_in(
    account: AccountService, keeper: Keeper, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(account_module, "POLL_EVERY_S", 0.01)
    changes: list[bool] = []
    account.changed.connect(lambda: changes.append(account.signed_in))
    code = await account.request_code()
    assert code.device_id == account.device_id()  # stable: asked once, kept in the settings
    profile = await account.wait_for_confirmation(code)
    assert profile.shown_name == "Демо" and account.signed_in and changes == [True]
    assert list(keeper.kept.values()) == [TOKEN]


async def test_a_code_nobody_confirms_expires(
    account: AccountService, remote: FakeAccountApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(account_module, "POLL_EVERY_S", 0.01)
    remote.confirm_after = 10**9
    code = SignInCode(1, account.device_id(), time.time() + 0.05)
    with pytest.raises(SignInRefused, match="expired"):
        await account.wait_for_confirmation(code)
    assert not account.signed_in


async def test_password_sign_in_and_refusal(account: AccountService, keeper: Keeper) -> None:
    with pytest.raises(SignInRefused):
        await account.sign_in("demo", "wrong")
    assert keeper.kept == {} and not account.signed_in
    await account.sign_in("demo", "demo")
    assert account.signed_in


async def test_the_sign_in_is_restored_and_an_expired_one_is_forgotten(
    account: AccountService, api: FakeApiService, remote: FakeAccountApi, keeper: Keeper
) -> None:
    keeper.save(origin(api.base_url), TOKEN)
    assert await account.restore() is not None
    remote.valid.clear()  # the service no longer accepts it (signed out on the site)
    expired: list[bool] = []
    account.expired.connect(lambda: expired.append(True))
    assert await account.restore() is None
    assert expired == [True] and keeper.kept == {} and not account.signed_in


async def test_sign_out_forgets_the_token_even_offline(
    account: AccountService, remote: FakeAccountApi, keeper: Keeper
) -> None:
    await account.sign_in("demo", "demo")
    remote.offline = True
    await account.sign_out()
    assert keeper.kept == {} and not account.signed_in
    remote.offline = False
    await account.sign_in("demo", "demo")
    await account.sign_out()
    assert remote.logged_out == [TOKEN]


async def test_no_token_in_what_the_service_shows(account: AccountService) -> None:
    await account.sign_in("demo", "demo")
    assert TOKEN not in repr(account) and "demo" in repr(account)


async def test_tokens_are_kept_per_api_origin() -> None:
    assert origin("https://anilibria.top/api/v1") == "https://anilibria.top"
    assert origin("http://127.0.0.1:8765/api/v1") != origin("https://anilibria.top/api/v1")
