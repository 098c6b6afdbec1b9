"""`libria account login | status | logout | sync`: the viewer's AniLibria account from a shell.

A process of its own, whether or not the window runs: it shares the settings and the kept
sign-in with the app, not the app's process. Exit codes: 0 done (or signed in), 1 refused,
expired or nobody signed in, 2 unusable arguments."""

from __future__ import annotations

import asyncio
import getpass
import logging
import sys
import time
from typing import TYPE_CHECKING

from app.cli import AccountCommand, BadLinkError, UsageError, parse
from app.core.account import AccountError, SignInCode
from app.core.paths import config_dir, data_dir

if TYPE_CHECKING:  # loaded when a command runs, not for every `libria` start
    from app.services.account import AccountService
    from app.services.settings import SettingsStore

MESSAGES = {
    "ru": {
        "code": "Код для входа: {code}",
        "confirm": "Подтвердите его на anilibria.top или в приложении AniLibria "
        "(код действует {left}).",
        "signed_in": "Вход выполнен: {name}",
        "nobody": "Вход не выполнен.",
        "expired": "Сессия истекла — войдите снова.",
        "signed_out": "Выход выполнен.",
        "password": "Пароль: ",
        "refused": "Не удалось войти: {reason}",
        "no_accounts": "У этого API нет учётных записей (они есть только в v1).",
        "failed": "Нет связи с сервером: {reason}",
        "synced": (
            "Отправлено изменений: {pushed}; избранное: +{added} −{removed}; списки: {lists}; "
            "прогресс: {progress}"
        ),
        "dropped": "Сервер отклонил изменений: {dropped}",
    },
    "en": {
        "code": "Sign-in code: {code}",
        "confirm": "Confirm it on anilibria.top or in the AniLibria app (valid for {left}).",
        "signed_in": "Signed in: {name}",
        "nobody": "Nobody is signed in.",
        "expired": "The session expired: sign in again.",
        "signed_out": "Signed out.",
        "password": "Password: ",
        "refused": "Cannot sign in: {reason}",
        "no_accounts": "This API has no accounts (only v1 has).",
        "failed": "Cannot reach the server: {reason}",
        "synced": (
            "Changes sent: {pushed}; favourites: +{added} −{removed}; lists: {lists}; "
            "progress: {progress}"
        ),
        "dropped": "Changes the server refused: {dropped}",
    },
}


def run_account_command(argv: list[str]) -> int | None:
    """The command's exit code; None when the arguments are not an account command."""
    try:
        options = parse(argv)
    except (UsageError, BadLinkError) as error:
        if "account" not in argv[:1]:
            return None  # not ours: the app reports it as it always did
        print(f"libria: {error}", file=sys.stderr)
        return 2
    if options.account is None:
        return None
    if options.demo:
        print("libria: the demo keeps its accounts in the running demo: use --api-base with "
              "its address", file=sys.stderr)  # fmt: skip
        return 2
    logging.basicConfig(level=logging.WARNING, format="libria: %(message)s")
    from app.services.settings import SettingsStore

    settings = SettingsStore(config_dir() / "settings.ini")
    try:
        for key, value in options.overrides:
            settings.override(key, value)
    except ValueError as error:
        print(f"libria: {error}", file=sys.stderr)
        return 2
    text = MESSAGES.get(str(settings.get("language")), MESSAGES["en"])
    return asyncio.run(_run(options.account, settings, text))


async def _run(command: AccountCommand, settings: SettingsStore, text: dict[str, str]) -> int:
    from app.api.backend import ApiKind
    from app.api.errors import ApiError
    from app.services.account import AccountService
    from app.services.api import ApiService
    from app.services.context import remembered_api
    from app.storage.secrets import TokenStore

    base = settings.get("api_base") or None
    api = ApiService(base, ApiKind(settings.get("api_kind")), remembered=remembered_api(settings))
    try:
        await api.start()
        account = AccountService(api, TokenStore(data_dir()), settings)
        if not account.available:
            print(text["no_accounts"], file=sys.stderr)
            return 1
        return await _act(command, account, text)
    except ApiError as error:
        print(text["failed"].format(reason=error), file=sys.stderr)
        return 1
    finally:
        await api.close()


async def _act(command: AccountCommand, account: AccountService, text: dict[str, str]) -> int:
    expired: list[bool] = []
    account.expired.connect(lambda: expired.append(True))
    try:
        if command.action == "status":
            profile = await account.restore()
        elif command.action == "sync":
            return await _sync(account, text, expired)
        elif command.action == "logout":
            await account.sign_out()
            print(text["signed_out"])
            return 0
        elif command.password:
            profile = await account.sign_in(command.login, _password(text))
        else:
            profile = await account.wait_for_confirmation(await _show_code(account, text))
    except AccountError as error:
        print(text["refused"].format(reason=error), file=sys.stderr)
        return 1
    if profile is None:
        print(text["expired"] if expired else text["nobody"])
        return 1
    print(text["signed_in"].format(name=profile.shown_name))
    return 0


async def _sync(account: AccountService, text: dict[str, str], expired: list[bool]) -> int:
    """One two-way sync over the library the app uses (SQLite copes with both writing)."""
    from app.api.errors import ApiError
    from app.services.library import LibraryService
    from app.services.sync import SyncService
    from app.services.tasks import TaskRunner

    if await account.restore() is None:
        print(text["expired"] if expired else text["nobody"])
        return 1
    library = LibraryService(data_dir() / "library.sqlite3")
    await library.start()
    try:
        report = await SyncService(account, library, TaskRunner()).sync_now()
    except (ApiError, OSError) as error:
        print(text["failed"].format(reason=error), file=sys.stderr)
        return 1
    except AccountError:
        print(text["expired"] if expired else text["nobody"])
        return 1
    finally:
        await library.close()
    print(
        text["synced"].format(
            pushed=report.pushed,
            added=report.favourites_added,
            removed=report.favourites_removed,
            lists=report.lists_changed,
            progress=report.progress_changed,
        )
    )
    if report.dropped:
        print(text["dropped"].format(dropped=report.dropped))
    return 0


async def _show_code(account: AccountService, text: dict[str, str]) -> SignInCode:
    code = await account.request_code()
    left = max(0, int(code.expires_at - time.time()))
    print(text["code"].format(code=code.code))
    print(text["confirm"].format(left=f"{left // 60}:{left % 60:02d}"), flush=True)
    return code


def _password(text: dict[str, str]) -> str:
    """From the terminal without echo, or the first line of stdin when it is not a terminal."""
    if sys.stdin.isatty():
        return getpass.getpass(text["password"])
    return sys.stdin.readline().rstrip("\r\n")
