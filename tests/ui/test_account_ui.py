"""The account in the window: the rail's entry on v1 only, signing in by a code confirmed "as the
phone would" and by password, who is signed in, signing out, an expired session told; a list, a
star and an episode watched here reach the account on the demo."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING

import httpx
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.api.backend import ApiKind
from app.core.account import Collection
from app.demo import DemoServerThread
from app.services.context import AppServices
from app.ui import theme
from app.ui.main_window import MainWindow
from app.ui.sign_in_dialog import SignInDialog
from tests.ui.conftest import until

if TYPE_CHECKING:
    from app.api.v1.account import AccountApi

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
    # The rail says so once the kept sign-in is deleted (a moment after `signed_in` turns off).
    await until(lambda: button.text() == translate("AccountEntry", "Sign in to AniLibria"))
    assert not services.account.signed_in


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


@pytest.fixture
def themed(window: MainWindow) -> Iterator[MainWindow]:
    """The window in the app's theme (its padded fields) for one test; the others keep the
    plain look."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette, sheet = app.style().name(), app.palette(), app.styleSheet()
    theme.apply(app)
    try:
        yield window
    finally:
        app.setStyleSheet(sheet)
        app.setPalette(palette)
        app.setStyle(style)


@pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
async def test_the_password_tabs_words_are_level_with_their_fields(themed: MainWindow) -> None:
    dialog = open_dialog(themed)
    dialog.tabs.setCurrentIndex(1)
    await until(lambda: dialog.login_field.isVisible())
    for label, field in ((dialog.login_label, dialog.login_field),
                         (dialog.password_label, dialog.password_field)):  # fmt: skip
        assert abs(label.geometry().center().y() - field.geometry().center().y()) <= 1
    dialog.reject()


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


@pytest.fixture
def silent_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before the services read their settings: mpv plays with no sound device."""
    monkeypatch.setenv("LIBRIA_AUDIO_OUTPUT", "null")


async def on_the_account(
    services: AppServices, holds: Callable[[AccountApi, str], Awaitable[bool]], what: str
) -> None:
    """Until the account on the server holds what was done here (the sync sends it soon)."""
    session = services.account.session()
    assert session is not None
    account_api, token = session
    try:
        async with asyncio.timeout(15):
            while not await holds(account_api, token):  # noqa: ASYNC110 (state on the server)
                await asyncio.sleep(0.1)
    except TimeoutError:
        raise AssertionError(f"never on the account: {what}") from None


async def signed_in_and_syncing(services: AppServices) -> None:
    services.start_listening()  # what the app does once its first page is up: the sync runs
    await services.account.sign_in("demo", "demo")


@pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
async def test_a_list_chosen_on_the_title_page_reaches_the_account(
    window: MainWindow, services: AppServices
) -> None:
    await signed_in_and_syncing(services)
    title = await services.catalog.title(id=9001)
    window.open_title(title)
    chooser = window.title_page.view.list_chooser
    await until(lambda: chooser.isVisible())
    chooser.list_menu.collection_actions[Collection.WATCHING].trigger()
    assert services.lists.collection_of(title.id) is Collection.WATCHING  # shown at once
    assert chooser.text() == translate("Labels", "Watching") or "Смотрю" in chooser.text()

    async def listed(account_api: AccountApi, token: str) -> bool:
        return (await account_api.collections(token)).get(title.id) is Collection.WATCHING

    await on_the_account(services, listed, "the title in Watching")


@pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
async def test_a_star_clicked_on_the_title_page_reaches_the_account(
    window: MainWindow, services: AppServices
) -> None:
    await signed_in_and_syncing(services)
    title = await services.catalog.title(id=9005)
    window.open_title(title)
    button = window.title_page.view.favourite_button
    await until(lambda: button.isVisible())
    assert not button.isChecked()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    await until(lambda: button.isChecked())  # lit at once

    async def starred(account_api: AccountApi, token: str) -> bool:
        return title.id in await account_api.favorite_ids(token)

    await on_the_account(services, starred, "the favourite")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # and off again
    await until(lambda: not button.isChecked())

    async def unstarred(account_api: AccountApi, token: str) -> bool:
        return title.id not in await account_api.favorite_ids(token)

    await on_the_account(services, unstarred, "the favourite taken off")


@pytest.mark.parametrize("api_kind", [ApiKind.V1], ids=["v1"])
async def test_an_episode_played_to_the_end_is_watched_on_the_account(
    silent_audio: None, window: MainWindow, services: AppServices
) -> None:
    await signed_in_and_syncing(services)
    title = await services.catalog.title(id=9003)
    episode = title.player.episodes[0]
    window.open_title(title)
    window.services.playback.play(title, episode)
    state = lambda: window.player.session.state  # noqa: E731
    await until(lambda: state().loaded and state().duration > 0, within=30)
    window.player.session.seek_to(state().duration - 1)
    await until(lambda: state().ended, within=15)  # the last second played out

    async def watched(account_api: AccountApi, token: str) -> bool:
        there = {t.release_episode_id: t for t in await account_api.timecodes(token)}
        return episode.id in there and there[episode.id].is_watched

    await on_the_account(services, watched, "the episode watched")
    window.back_button.click()  # back on the title page, the episode is ticked here too
    assert window.stack.currentWidget() is window.title_page
    episodes = window.title_page.view.episodes
    await until(lambda: episodes.item(0).text().startswith("✓"))


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
