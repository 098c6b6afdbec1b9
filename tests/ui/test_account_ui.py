"""The account in the window: the rail's entry on v1 only, signing in by a code confirmed "as the
phone would" and by password, who is signed in, signing out, an expired session told."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

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
    # `changed` comes once the token is deleted too, a moment after `signed_in` turned False
    await until(lambda: button.text() == translate("AccountEntry", "Sign in to AniLibria"))


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


async def account_favourites(services: AppServices) -> set[int]:
    session = services.account.session()
    assert session is not None
    account_api, token = session
    return set(await account_api.favorite_ids(token))


async def sign_in_with_favourites_here(window: MainWindow, services: AppServices) -> QMessageBox:
    """Two favourites starred before signing in; the question box once the first sync is done."""
    from app.core import Title

    for release_id in (9101, 9102):
        await services.favourites.set_favourite(Title(id=release_id, code=f"t{release_id}"), True)
    services.start_listening()  # what the app does once its first page is up: the sync runs
    await services.account.sign_in("demo", "demo")
    await until(lambda: window.merge_question.box is not None, within=15)
    box = window.merge_question.box
    assert box is not None and box.isVisible() and box.parent() is window
    return box


@pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
async def test_the_first_sign_in_asks_about_this_computers_favourites_and_add_sends_them(
    window: MainWindow, services: AppServices
) -> None:
    box = await sign_in_with_favourites_here(window, services)
    assert box.text() == "Добавить избранное с этого компьютера (2) в аккаунт?"
    assert box.informativeText() == (
        "Если нет, оно останется на этом компьютере и вернётся после выхода из аккаунта."
    )
    assert not services.library.is_favourite(9101)  # the account's are shown meanwhile
    shown_buttons = [b.text() for b in box.buttons() if b.isVisible()]
    assert sorted(shown_buttons) == ["Добавить", "Не добавлять"]
    add = window.merge_question.add_button
    assert add is not None
    add.click()
    await until(lambda: window.merge_question.box is None)
    await until(lambda: services.library.is_favourite(9101) and services.library.is_favourite(9102))
    found: list[set[int]] = []
    for _ in range(100):
        found.append(await account_favourites(services))
        if {9101, 9102} <= found[-1]:
            break
        await asyncio.sleep(0.1)
    assert {9101, 9102} <= found[-1]


@pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
async def test_the_question_closed_unanswered_decides_nothing(
    window: MainWindow, services: AppServices
) -> None:
    box = await sign_in_with_favourites_here(window, services)
    QTest.keyClick(box, Qt.Key.Key_Escape)  # the window's close button does the same
    await until(lambda: window.merge_question.box is None)
    key = services.account.account_key
    assert key is not None
    asked = await services.library.outbox(lambda o: o.merge_question(key, set()))
    assert asked == 2  # not recorded: asked again at the next sign-in or start
    assert await account_favourites(services) == set()


@pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
async def test_signing_out_while_asked_closes_the_question_and_shows_this_computers_favourites(
    window: MainWindow, services: AppServices
) -> None:
    await sign_in_with_favourites_here(window, services)
    window.account_entry.sign_out_action.trigger()
    await until(lambda: window.merge_question.box is None)
    await until(lambda: services.library.is_favourite(9101) and services.library.is_favourite(9102))


@pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
async def test_the_question_waits_while_the_window_is_in_the_tray(
    window: MainWindow, services: AppServices
) -> None:
    window.hide()
    services.sync.merge_question.emit(3)
    assert window.merge_question.box is None
    window.show()
    await until(lambda: window.merge_question.box is not None)
    box = window.merge_question.box
    assert box is not None and "(3)" in box.text()
    QTest.keyClick(box, Qt.Key.Key_Escape)
    await until(lambda: window.merge_question.box is None)
