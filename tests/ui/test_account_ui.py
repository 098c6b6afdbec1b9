"""The account in the window: the rail's entry on v1 only, signing in by a code confirmed "as the
phone would" and by password, who is signed in, signing out, an expired session told."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from PySide6.QtCore import QCoreApplication

from app.api.backend import ApiKind
from app.demo import DemoServerThread
from app.services.context import AppServices
from app.ui.main_window import MainWindow
from app.ui.sign_in_dialog import SignInDialog
from tests.ui.conftest import until

translate = QCoreApplication.translate


async def post(url: str, **options: object) -> None:
    """A request from elsewhere (the phone, the site), off the loop the window runs on."""
    response = await asyncio.to_thread(httpx.post, url, **options)  # type: ignore[arg-type]
    response.raise_for_status()


async def confirm_as_the_phone(demo: DemoServerThread, code: str, login: str = "demo") -> None:
    origin = demo.api_base_v1.split("/api/v1")[0]
    await post(f"{origin}/demo/otp-confirm", params={"code": code, "login": login})


def open_dialog(window: MainWindow) -> SignInDialog:
    window.rail.account_button.click()
    dialog = window.account_entry.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


@pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
async def test_sign_in_by_code_then_out(
    window: MainWindow, services: AppServices, demo_thread: DemoServerThread
) -> None:
    button = window.rail.account_button
    assert button.isVisible()
    assert button.text() == translate("AccountEntry", "Sign in to AniLibria")
    dialog = open_dialog(window)
    await until(lambda: dialog.code_label.text().isdigit())
    assert dialog.time_left.text()  # how long the code lives is shown
    await confirm_as_the_phone(demo_thread, dialog.code_label.text())
    await until(lambda: services.account.signed_in, within=15)
    await until(lambda: window.account_entry.dialog is None)  # closed by itself
    profile = services.account.profile
    assert profile is not None and button.text() == profile.shown_name
    window.account_entry.sign_out_action.trigger()
    await until(lambda: not services.account.signed_in)
    assert button.text() == translate("AccountEntry", "Sign in to AniLibria")


@pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
async def test_sign_in_by_password_and_a_wrong_one(
    window: MainWindow, services: AppServices
) -> None:
    dialog = open_dialog(window)
    dialog.tabs.setCurrentIndex(1)
    dialog.login_field.setText("demo")
    dialog.password_field.setText("wrong")
    dialog.sign_in_button.click()
    await until(lambda: dialog.message.text() != "")
    assert dialog.message.text() == translate("SignInDialog", "Wrong login or password.")
    assert not services.account.signed_in and dialog.password_field.text() == ""
    dialog.password_field.setText("demo")
    dialog.sign_in_button.click()
    await until(lambda: services.account.signed_in)
    await until(lambda: window.account_entry.dialog is None)


@pytest.mark.parametrize("api_kind", [ApiKind.V2], ids=["v2"])
async def test_v2_offers_no_account(window: MainWindow, services: AppServices) -> None:
    assert not services.account.available
    assert not window.rail.account_button.isVisible()


@pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
async def test_an_expired_session_is_told_and_offers_to_sign_in(
    window: MainWindow, services: AppServices, demo_thread: DemoServerThread
) -> None:
    await services.account.sign_in("demo", "demo")
    origin = demo_thread.api_base_v1
    token = services.account._token
    assert token is not None
    # Signed out on the site: this token is refused from now on.
    await post(f"{origin}/accounts/users/auth/logout", headers={"Authorization": f"Bearer {token}"})
    assert await services.account.restore() is None  # the token is refused now
    banner = window.banners.warning
    assert banner.isVisible()
    assert banner.label.text() == translate("AccountEntry", "The session expired — sign in again.")
    banner.button.click()
    assert window.account_entry.dialog is not None


@pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
async def test_a_list_chosen_on_the_title_page_reaches_the_account(
    window: MainWindow, services: AppServices
) -> None:
    from app.core.account import Collection

    services.start_listening()  # what the app does once its first page is up: the sync runs
    await services.account.sign_in("demo", "demo")
    title = await services.catalog.title(id=9001)
    window.open_title(title)
    chooser = window.title_page.view.list_chooser
    await until(lambda: chooser.isVisible())
    chooser.list_menu.collection_actions[Collection.WATCHING].trigger()
    assert services.lists.collection_of(title.id) is Collection.WATCHING  # shown at once
    assert chooser.text() == translate("Labels", "Watching") or "Смотрю" in chooser.text()

    async def on_the_server() -> Collection | None:
        session = services.account.session()
        assert session is not None
        account_api, token = session
        return (await account_api.collections(token)).get(title.id)

    found: list[Collection | None] = []

    async def check() -> bool:
        found.append(await on_the_server())
        return found[-1] is Collection.WATCHING

    for _ in range(100):
        if await check():
            break
        await asyncio.sleep(0.1)
    assert found[-1] is Collection.WATCHING


@pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
async def test_the_token_and_password_reach_no_log_line(
    window: MainWindow, services: AppServices, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    with caplog.at_level(logging.DEBUG):
        services.start_listening()
        await services.account.sign_in("demo", "demo")
        session = services.account.session()
        assert session is not None
        token = session[1]
        await services.sync.sync_now()
        await services.account.sign_out()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "signed in" in logged  # the log was recorded at all
    assert token not in logged and "Bearer" not in logged
    assert token not in repr(services.account)
