"""This computer's favourites at the first sign-in, against the demo's v1 side: asked once; "yes"
sends them to the account, "no" keeps them off it; either way the account's favourites show while
signed in and this computer's come back at sign-out. The same from a shell: `libria account
login` with --add-favourites / --keep-favourites-apart, asked in a terminal, left for the window
when stdin is not one."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.core import Title
from app.demo import DemoServerThread
from app.services.account import origin
from app.services.library import LibraryService
from tests.account.test_account_cli import NO_KEYRING, confirm_as_the_phone, finish, read_code
from tests.account.test_sync_e2e import Device, another_device
from tests.app_process import ROOT, environment
from tests.qt_loop import until

HERE = (9101, 9102)  # starred on this computer before signing in
ACCOUNTS = 9103  # the account's own favourite


async def server_favourites(demo: DemoServerThread) -> set[int]:
    other, token = await another_device(demo)
    try:
        return set(await other.backend.account.favorite_ids(token))
    finally:
        await other.close()


async def give_the_account(demo: DemoServerThread, *ids: int) -> None:
    other, token = await another_device(demo)
    try:
        await other.backend.account.add_favorites(token, list(ids))
    finally:
        await other.close()


async def star(library: LibraryService, *ids: int) -> None:
    for release_id in ids:
        await library.set_favourite(Title(id=release_id, code=f"t{release_id}"), True)


def shown(library: LibraryService) -> set[int]:
    return {i for i in (*HERE, ACCOUNTS) if library.is_favourite(i)}


@pytest.fixture
async def device(tmp_path: Path, demo_thread: DemoServerThread) -> AsyncIterator[Device]:
    """Not signed in yet, with this computer's favourites starred."""
    here = Device(demo_thread.api_base_v1, tmp_path / "here")
    await here.api.start()
    await here.library.start()
    await star(here.library, *HERE)
    try:
        yield here
    finally:
        await here.close()


async def sign_in_and_sync(device: Device) -> list[int]:
    asked: list[int] = []
    device.sync.merge_question.connect(asked.append)
    await device.account.sign_in("demo", "demo")
    await device.sync.sync_now()
    return asked


async def signed_out(device: Device) -> set[int]:
    """What shows once the sign-out put this computer's favourites back."""
    await device.account.sign_out()
    await until(lambda: shown(device.library) == set(HERE), message=f"{shown(device.library)}")
    return shown(device.library)


async def test_yes_sends_this_computers_favourites(
    device: Device, demo_thread: DemoServerThread
) -> None:
    await give_the_account(demo_thread, ACCOUNTS)
    assert await sign_in_and_sync(device) == [2]
    assert shown(device.library) == {ACCOUNTS}
    assert await server_favourites(demo_thread) == {ACCOUNTS}
    assert await device.sync.settle_merge(True) == 2
    await device.sync.sync_now()
    assert await server_favourites(demo_thread) == {*HERE, ACCOUNTS}
    assert shown(device.library) == {*HERE, ACCOUNTS}
    assert await signed_out(device) == set(HERE)


async def test_no_keeps_them_off_the_account_and_here_after_sign_out(
    device: Device, demo_thread: DemoServerThread
) -> None:
    await give_the_account(demo_thread, ACCOUNTS)
    assert await sign_in_and_sync(device) == [2]
    await device.sync.settle_merge(False)
    await device.sync.sync_now()
    assert await server_favourites(demo_thread) == {ACCOUNTS}
    assert shown(device.library) == {ACCOUNTS}
    assert await signed_out(device) == set(HERE)
    assert await sign_in_and_sync(device) == []  # answered: not asked at the next sign-in
    assert shown(device.library) == {ACCOUNTS}


async def test_no_question_when_the_account_has_them_all(
    device: Device, demo_thread: DemoServerThread
) -> None:
    await give_the_account(demo_thread, *HERE)
    assert await sign_in_and_sync(device) == []
    assert shown(device.library) == set(HERE)


# ----- from a shell -----


def library_path(home: Path) -> Path:
    return home / "data" / "libria" / "library.sqlite3"  # XDG_DATA_HOME/libria


async def favourites_here(home: Path) -> set[int]:
    library = LibraryService(library_path(home))
    await library.start()
    try:
        return await library.outbox(lambda o: o.library.favourite_ids())
    finally:
        await library.close()


async def asks_the_window(home: Path, demo: DemoServerThread) -> int:
    """How many favourites the window would ask about (0: answered already)."""
    library = LibraryService(library_path(home))
    await library.start()
    key = origin(demo.api_base_v1)
    try:
        return await library.outbox(lambda o: o.merge_question(key, set()))
    finally:
        await library.close()


async def starred_here(home: Path, *ids: int) -> None:
    library = LibraryService(library_path(home))
    await library.start()
    try:
        await star(library, *ids)
    finally:
        await library.close()


def shell(home: Path, demo: DemoServerThread, *args: str, stdin: str = "") -> tuple[int, str, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--api-base", demo.api_base_v1, "account", *args],
        cwd=ROOT, env=environment(home, NO_KEYRING), text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    return finish(process, stdin)


def password_login(home: Path, demo: DemoServerThread, *flags: str) -> str:
    code, out, err = shell(home, demo, "login", "--password", "--login", "demo", *flags,
                           stdin="demo\n")  # fmt: skip
    assert code == 0, err
    return out


async def test_the_shell_adds_them_with_the_flag(
    tmp_path: Path, demo_thread: DemoServerThread
) -> None:
    await starred_here(tmp_path, *HERE)
    await give_the_account(demo_thread, ACCOUNTS)
    out = password_login(tmp_path, demo_thread, "--add-favourites")
    assert "Избранное с этого компьютера добавлено в аккаунт: 2" in out
    assert await server_favourites(demo_thread) == {*HERE, ACCOUNTS}
    assert await favourites_here(tmp_path) == {*HERE, ACCOUNTS}
    assert shell(tmp_path, demo_thread, "logout")[0] == 0
    assert await favourites_here(tmp_path) == set(HERE)


async def test_the_shell_keeps_them_apart_with_the_flag(
    tmp_path: Path, demo_thread: DemoServerThread
) -> None:
    await starred_here(tmp_path, *HERE)
    await give_the_account(demo_thread, ACCOUNTS)
    out = password_login(tmp_path, demo_thread, "--keep-favourites-apart")
    assert "вернётся после выхода" in out
    assert await server_favourites(demo_thread) == {ACCOUNTS}
    assert await favourites_here(tmp_path) == {ACCOUNTS}  # the account's, shown signed in
    assert await asks_the_window(tmp_path, demo_thread) == 0  # answered
    assert shell(tmp_path, demo_thread, "logout")[0] == 0
    assert await favourites_here(tmp_path) == set(HERE)


async def test_without_a_terminal_the_shell_leaves_the_question_to_the_window(
    tmp_path: Path, demo_thread: DemoServerThread
) -> None:
    await starred_here(tmp_path, *HERE)
    out = password_login(tmp_path, demo_thread)  # stdin carried the password: not a terminal
    assert "Добавить" not in out
    assert await server_favourites(demo_thread) == set()
    assert await favourites_here(tmp_path) == set(HERE)  # untouched
    assert await asks_the_window(tmp_path, demo_thread) == 2


def login_in_a_terminal(home: Path, demo: DemoServerThread, typed: str) -> tuple[int, str, str]:
    """`libria --lang en account login` with stdin a terminal (a pty) where `typed` was typed
    ahead, and the code confirmed as the phone would."""
    terminal, stdin = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "--api-base", demo.api_base_v1, "--lang", "en",
             "account", "login"],
            cwd=ROOT, env=environment(home, NO_KEYRING), text=True, start_new_session=True,
            stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        os.write(terminal, typed.encode())  # the line is read once the question is asked
        confirm_as_the_phone(demo, read_code(process))
        return finish(process)
    finally:
        os.close(stdin)
        os.close(terminal)


async def test_in_a_terminal_the_shell_asks(tmp_path: Path, demo_thread: DemoServerThread) -> None:
    await starred_here(tmp_path, *HERE)
    code, out, err = login_in_a_terminal(tmp_path, demo_thread, "Yes\n")
    assert code == 0, err
    assert "Add this computer's favourites (2) to the account? [y/N]" in out
    assert "This computer's favourites added to the account: 2" in out
    assert await server_favourites(demo_thread) == set(HERE)
