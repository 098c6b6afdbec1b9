"""`libria account login | status | logout | sync`: the viewer's AniLibria account from a shell.

A process of its own, whether or not the window runs: it shares the settings, the library and the
kept sign-in with the app, not the app's process. Exit codes: 0 done (or signed in), 1 refused,
expired or nobody signed in, 2 unusable arguments.

After a login, whether this computer's favourites join the account is decided by a flag, else
asked when stdin is a terminal, else left for the window to ask. Signing out (or a sign-in found
expired) puts this computer's own favourites back."""

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
        "merge": "Добавить избранное с этого компьютера ({count}) в аккаунт? [д/Н] ",
        "merged": "Избранное с этого компьютера добавлено в аккаунт: {count}",
        "kept_apart": "Избранное с этого компьютера осталось на нём и вернётся после выхода "
        "из аккаунта.",
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
        "merge": "Add this computer's favourites ({count}) to the account? [y/N] ",
        "merged": "This computer's favourites added to the account: {count}",
        "kept_apart": "This computer's favourites stay on it and come back when you sign out.",
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
            await _machine_favourites_back()
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
        if expired:
            await _machine_favourites_back()
        print(text["expired"] if expired else text["nobody"])
        return 1
    print(text["signed_in"].format(name=profile.shown_name))
    if command.action == "login":
        await _settle_machine_favourites(account, command.merge, text)
    return 0


async def _sync(account: AccountService, text: dict[str, str], expired: list[bool]) -> int:
    """One two-way sync over the library the app uses (SQLite copes with both writing)."""
    from app.api.errors import ApiError
    from app.services.library import LibraryService
    from app.services.sync import SyncService
    from app.services.tasks import TaskRunner

    if await account.restore() is None:
        if expired:
            await _machine_favourites_back()
        print(text["expired"] if expired else text["nobody"])
        return 1
    library = LibraryService(data_dir() / "library.sqlite3")
    await library.start()
    runner = TaskRunner()
    try:
        report = await SyncService(account, library, runner).sync_now()
    except (ApiError, OSError) as error:
        print(text["failed"].format(reason=error), file=sys.stderr)
        return 1
    except AccountError:
        print(text["expired"] if expired else text["nobody"])
        return 1
    finally:
        await runner.shutdown()  # the sync's own give-back, if it expired: done below instead
        if expired:
            await library.machine_favourites_back()
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


async def _settle_machine_favourites(
    account: AccountService, merge: bool | None, text: dict[str, str]
) -> None:
    """Whether this computer's favourites join the account just signed in: `merge` (a flag), else
    the terminal's answer. Without either the window asks; stdin that is not a terminal may
    have carried the password, and no one is there to answer."""
    if merge is None and not sys.stdin.isatty():
        return
    from app.api.errors import ApiError
    from app.services.library import LibraryService
    from app.services.sync import SyncService
    from app.services.tasks import TaskRunner

    library = LibraryService(data_dir() / "library.sqlite3")
    await library.start()
    runner = TaskRunner()
    try:
        if not await library.outbox(lambda o: o.machine_favourite_ids()):
            return
        sync = SyncService(account, library, runner)
        asked: list[int] = []
        sync.merge_question.connect(asked.append)
        await sync.sync_now()  # the account's favourites, and whether there is anything to ask
        if merge is None and asked:
            merge = _merge_answer(text, asked[0])
        if merge is None:
            return
        added = await sync.settle_merge(merge)
        if added:
            await sync.sync_now()  # they go up now, not at the window's next sync
        print(text["merged"].format(count=added) if merge else text["kept_apart"])
    except (ApiError, OSError) as error:  # signed in all the same: the window asks later
        print(text["failed"].format(reason=error), file=sys.stderr)
    except AccountError:
        print(text["expired"], file=sys.stderr)
    finally:
        await runner.shutdown()
        if not account.signed_in:  # it expired meanwhile
            await library.machine_favourites_back()
        await library.close()


def _merge_answer(text: dict[str, str], count: int) -> bool | None:
    """Yes for y/yes/д/да (any case), no for anything else (Enter too); None at end of input."""
    try:
        answer = input(text["merge"].format(count=count))
    except EOFError:
        return None
    return answer.strip().lower() in {"y", "yes", "д", "да"}


async def _machine_favourites_back() -> None:
    """Nobody is signed in here now: this computer's own favourites show again."""
    from app.services.library import LibraryService

    path = data_dir() / "library.sqlite3"
    if not path.exists():
        return  # nothing was ever kept apart
    library = LibraryService(path)
    await library.start()
    try:
        await library.machine_favourites_back()
    finally:
        await library.close()


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
