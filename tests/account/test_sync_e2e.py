"""The account's sync against the demo's v1 side: a star and a list change made here reach the
server (seen from "another device" signed in as the same user), a change made there arrives
here, the outbox survives SIGKILL, and `libria account sync` from a shell."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.api.backend import ApiKind
from app.core import Title
from app.core.account import Collection
from app.demo import DemoServerThread
from app.services.account import AccountService, origin
from app.services.account_lists import AccountFavourites, AccountLists
from app.services.api import ApiService
from app.services.library import LibraryService
from app.services.settings import SettingsStore
from app.services.sync import SyncService
from app.services.tasks import TaskRunner
from app.storage.outbox import ADD, FAVOURITE, REMOVE
from tests.account.test_account_cli import NO_KEYRING, finish
from tests.app_process import ROOT, environment
from tests.unit.account_fakes import Keeper

KILLS = 20


class Device:
    """One device's services, signed in to the demo as `login`."""

    def __init__(self, base: str, home: Path) -> None:
        self.api = ApiService(base, ApiKind.V1)
        self.settings = SettingsStore(home / "settings.ini", environ={})
        self.account = AccountService(self.api, Keeper(), self.settings)
        self.library = LibraryService(home / "library.sqlite3")
        self.tasks = TaskRunner()
        self.sync = SyncService(self.account, self.library, self.tasks)
        self.favourites = AccountFavourites(self.account, self.library, self.sync)
        self.lists = AccountLists(self.account, self.library, self.sync, self.tasks)

    async def start(self, login: str = "demo") -> None:
        await self.api.start()
        await self.library.start()
        await self.account.sign_in(login, login)

    async def close(self) -> None:
        await self.tasks.shutdown()
        await self.library.close()
        await self.api.close()


@pytest.fixture
async def device(tmp_path: Path, demo_thread: DemoServerThread) -> AsyncIterator[Device]:
    here = Device(demo_thread.api_base_v1, tmp_path / "here")
    await here.start()
    try:
        yield here
    finally:
        await here.close()


async def another_device(demo: DemoServerThread) -> tuple[ApiService, str]:
    api = ApiService(demo.api_base_v1, ApiKind.V1)
    await api.start()
    token = await api.backend.account.login("demo", "demo")
    return api, token


async def test_changes_made_here_reach_the_account(
    device: Device, demo_thread: DemoServerThread
) -> None:
    await device.favourites.set_favourite(Title(id=9003, code="t9003"), True)
    await device.lists.put(Title(id=9004, code="t9004"), Collection.WATCHING)
    report = await device.sync.sync_now()
    assert report.pushed == 2
    other, token = await another_device(demo_thread)
    try:
        assert 9003 in await other.backend.account.favorite_ids(token)
        assert (await other.backend.account.collections(token))[9004] is Collection.WATCHING
    finally:
        await other.close()


async def test_changes_made_elsewhere_arrive_here(
    device: Device, demo_thread: DemoServerThread
) -> None:
    await device.sync.sync_now()
    other, token = await another_device(demo_thread)
    try:
        await other.backend.account.add_favorites(token, [9010])
        await other.backend.account.set_collection(token, 9011, Collection.PLANNED)
    finally:
        await other.close()
    report = await device.sync.sync_now()
    assert report.favourites_added == 1 and report.lists_changed == 1
    assert device.library.is_favourite(9010)
    await device.lists.reload()
    assert device.lists.collection_of(9011) is Collection.PLANNED


def _writer_runs(path: Path, account: str) -> dict[tuple[str, int], set[str]]:
    """Kills the writer KILLS times; what each (kind, release) may be now: the value of its last
    committed change, or that of a change cut off mid-commit."""
    acceptable: dict[tuple[str, int], set[str]] = {}
    rng = random.Random(11)
    for run in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.account.outbox_writer", str(path), account, str(run)],
            cwd=ROOT, stdout=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.2))
        writer.send_signal(signal.SIGKILL)
        output, _ = writer.communicate(timeout=30)
        intent: tuple[tuple[str, int], str] | None = None
        for line in output.splitlines():
            parts = line.split()
            if len(parts) == 4 and parts[0] == "intent":
                intent = ((parts[1], int(parts[2])), "" if parts[3] == "-" else parts[3])
            elif line == "done" and intent is not None:
                acceptable[intent[0]] = {intent[1]}
                intent = None
        if intent is not None:  # killed around its commit: either outcome is whole
            key, value = intent
            initial = REMOVE if key[0] == FAVOURITE else ""
            acceptable[key] = acceptable.get(key, {initial}) | {value}
    return acceptable


async def test_the_outbox_survives_sigkill_and_drains_to_the_account(
    tmp_path: Path, demo_thread: DemoServerThread
) -> None:
    here = Device(demo_thread.api_base_v1, tmp_path / "here")
    key = origin(demo_thread.api_base_v1)
    acceptable = _writer_runs(tmp_path / "here" / "library.sqlite3", key)
    assert len(acceptable) > 5  # the writer really was writing when killed
    await here.start()
    try:
        rows = await here.library.outbox(lambda o: o.pending(key))
        pending = {(row.kind, row.release_id): row.value for row in rows}
        favourites = {i for (kind, i), v in pending.items() if kind == FAVOURITE and v == ADD}
        lists = {i: v for (kind, i), v in pending.items() if kind != FAVOURITE and v}
        for change, values in acceptable.items():
            assert pending.get(change) in values, f"{change}: lost (outbox {pending.get(change)})"
            if change[0] == FAVOURITE:  # the local table agrees with its outbox row
                assert here.library.is_favourite(change[1]) == (pending[change] == ADD)
        await here.sync.sync_now()
        assert await here.library.outbox(lambda o: o.pending(key)) == []
    finally:
        await here.close()
    other, token = await another_device(demo_thread)
    try:
        assert set(await other.backend.account.favorite_ids(token)) == favourites
        server_lists = await other.backend.account.collections(token)
        assert {i: c.value for i, c in server_lists.items()} == lists
    finally:
        await other.close()


def cli(home: Path, demo: DemoServerThread, *args: str, stdin: str = "") -> tuple[int, str, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--api-base", demo.api_base_v1, *args],
        cwd=ROOT, env=environment(home, NO_KEYRING), text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    return finish(process, stdin)


async def test_the_cli_syncs_and_says_what_moved(
    tmp_path: Path, demo_thread: DemoServerThread
) -> None:
    code, out, _ = cli(tmp_path, demo_thread, "account", "sync")
    assert code == 1 and "Вход не выполнен" in out  # nobody is signed in
    code, _, err = cli(tmp_path, demo_thread, "account", "login", "--password", "--login", "demo",
                       stdin="demo\n")  # fmt: skip
    assert code == 0, err
    other, token = await another_device(demo_thread)
    try:
        await other.backend.account.add_favorites(token, [9020, 9021])
        await other.backend.account.set_collection(token, 9022, Collection.WATCHED)
    finally:
        await other.close()
    code, out, err = cli(tmp_path, demo_thread, "--lang", "en", "account", "sync")
    assert code == 0, err
    assert "Changes sent: 0; favourites: +2 −0; lists: 1" in out
    code, out, err = cli(tmp_path, demo_thread, "account", "sync")
    assert code == 0, err
    assert "Отправлено изменений: 0; избранное: +0 −0; списки: 0" in out
