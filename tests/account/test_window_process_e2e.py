"""The account end to end as a viewer has it: the window as a real `libria` process against the
demo's v1 side over HTTP, sharing its home with `libria account login` run from a shell. What the
window keeps is read from its library file (read-only, as another program would); what the
account holds, from the demo's HTTP API signed in as the same user on "another device"."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

import pytest

from app.core.account import Collection, Timecode
from app.demo import DemoServerThread
from tests.account.test_account_cli import (
    NO_KEYRING,
    account,
    confirm_as_the_phone,
    finish,
    read_code,
)
from tests.account.test_sync_e2e import another_device
from tests.app_process import BAD_AT_EXIT, ROOT, App, environment

T = TypeVar("T")
PLAYED = 9003  # a title with two episodes: the second is played here
OPENED = 9001  # a title whose page is open here when its position is set elsewhere


def window(home: Path, demo: DemoServerThread, patches: dict[str, float] | None = None) -> App:
    """`libria` on the demo's v1 API, the sign-in kept in the home's private file."""
    return App(home, "--api-base", demo.api_base_v1, "--api-kind", "v1",
               env=NO_KEYRING, patches=patches)  # fmt: skip


def later_launch(home: Path, demo: DemoServerThread, *args: str) -> None:
    """A second `libria ...` typed while the window runs: it hands over and exits at once."""
    done = subprocess.run(
        [sys.executable, "-m", "app", "--api-base", demo.api_base_v1, "--api-kind", "v1", *args],
        cwd=ROOT, env=environment(home, NO_KEYRING), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "handed over to the running Libria" in done.stderr + done.stdout


def sign_in_by_password(home: Path, demo: DemoServerThread) -> None:
    code, _, err = finish(account(home, demo, "login", "--password", "--login", "demo"), "demo\n")
    assert code == 0, err


def library(home: Path, query: str, *args: object) -> list[tuple[Any, ...]]:
    """Rows of the window's library file, opened read-only; none while it is not there yet."""
    path = home / "data" / "libria" / "library.sqlite3"
    if not path.exists():
        return []
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)) as db:
            return db.execute(query, args).fetchall()
    except sqlite3.OperationalError:  # the app is still creating its tables
        return []


async def eventually(app: App, what: str, check: Callable[[], T], within: float = 30) -> T:
    """`check()` once it is truthy; the test fails (with the app's log) if it never is."""
    deadline = time.monotonic() + within
    while not (found := check()):
        if app.process.poll() is not None or time.monotonic() > deadline:
            app.stop()
            pytest.fail(f"{what}: never; the app's log:\n{app.log[-6000:]}")
        await asyncio.sleep(0.05)
    return found


def last_sync(home: Path) -> float:
    rows = library(home, "SELECT max(at) FROM account_synced")
    return float(rows[0][0] or 0) if rows else 0.0


def quit_cleanly(app: App) -> None:
    assert app.stop() == 0, app.log
    for bad in BAD_AT_EXIT:
        assert bad not in app.log, f"{bad!r} in the log:\n{app.log}"


async def test_signed_in_from_the_shell_the_window_gets_what_another_device_changed(
    tmp_path: Path, demo_thread: DemoServerThread
) -> None:
    sign_in_by_password(tmp_path, demo_thread)
    app = window(tmp_path, demo_thread, patches={"app.services.sync.SYNC_EVERY_S": 0.5})
    first = await eventually(app, "the kept sign-in restored, a sync", lambda: last_sync(tmp_path))
    other, token = await another_device(demo_thread)
    try:
        opened = await other.backend.title(id=OPENED)
        later_launch(tmp_path, demo_thread, "title", opened.code)  # the viewer opens its page
        kept = "SELECT 1 FROM titles WHERE title_id = ? AND complete = 1"
        await eventually(app, "the opened title kept", lambda: library(tmp_path, kept, OPENED))
        episode = opened.player.episodes[0]
        await other.backend.account.add_favorites(token, [9010])
        await other.backend.account.set_collection(token, 9011, Collection.PLANNED)
        await other.backend.account.update_timecodes(token, [Timecode(episode.id, 12.0, True)])
    finally:
        await other.close()
    await eventually(app, "a sync after the changes", lambda: last_sync(tmp_path) > first)
    await eventually(app, "the favourite here", lambda: library(
        tmp_path, "SELECT 1 FROM favourites WHERE title_id = 9010"))  # fmt: skip
    lists = library(tmp_path, "SELECT release_id, collection FROM account_lists")
    assert lists == [(9011, "PLANNED")]
    # A sync stamps `account_synced` before it merges the timecodes: wait for those too.
    progress = "SELECT position, watched FROM progress WHERE title_id = ? AND episode = ?"
    here = await eventually(app, "the position here", lambda: library(
        tmp_path, progress, OPENED, episode.number))  # fmt: skip
    assert here == [(12.0, 1)]
    quit_cleanly(app)


async def test_an_episode_watched_in_the_window_is_watched_on_the_account_after_quitting(
    tmp_path: Path, demo_thread: DemoServerThread
) -> None:
    sign_in_by_password(tmp_path, demo_thread)
    app = window(tmp_path, demo_thread, patches={
        "app.services.session.SAVE_EVERY_S": 0.25,  # saved locally often, so the test sees it
        "app.storage.library.WATCHED_SHARE": 0.15,  # watched past 4.5 s of the demo's 30 s
        # While playing, only the first save goes to the account: the rest waits for the quit.
        "app.services.sync.TIMECODE_PUSH_EVERY_S": 1e9,
    })  # fmt: skip
    await eventually(app, "the kept sign-in restored and synced", lambda: last_sync(tmp_path))
    other, token = await another_device(demo_thread)
    try:
        title = await other.backend.title(id=PLAYED)
        episode = title.player.episodes[1]
        later_launch(tmp_path, demo_thread, "play", title.code, "2")
        app.wait_for(f"playing {title.code} episode 2")
        await eventually(app, "episode 2 watched here", lambda: library(
            tmp_path, "SELECT 1 FROM progress WHERE title_id = ? AND episode = ? AND watched = 1",
            PLAYED, episode.number), within=20)  # fmt: skip
        there = {t.release_episode_id: t for t in await other.backend.account.timecodes(token)}
        assert episode.id not in there or not there[episode.id].is_watched  # not sent yet
        quit_cleanly(app)  # the window quits: the last position goes to the account
        there = {t.release_episode_id: t for t in await other.backend.account.timecodes(token)}
    finally:
        await other.close()
    stopped = library(tmp_path, "SELECT position FROM progress WHERE title_id = ? AND episode = ?",
                      PLAYED, episode.number)  # fmt: skip
    assert there[episode.id].is_watched
    assert there[episode.id].time == pytest.approx(stopped[0][0])  # where it stopped
    assert library(tmp_path, "SELECT * FROM outbox") == []  # nothing left to send


async def test_signed_in_by_a_code_the_next_window_has_the_accounts_favourites(
    tmp_path: Path, demo_thread: DemoServerThread
) -> None:
    other, token = await another_device(demo_thread)
    try:
        await other.backend.account.add_favorites(token, [9012, 9013])
    finally:
        await other.close()
    login = account(tmp_path, demo_thread, "login")
    confirm_as_the_phone(demo_thread, read_code(login))
    code, out, err = finish(login)
    assert code == 0 and "Демо" in out, err
    app = window(tmp_path, demo_thread)
    favourites = await eventually(app, "the account's favourites here", lambda: library(
        tmp_path, "SELECT title_id FROM favourites ORDER BY title_id"))  # fmt: skip
    assert favourites == [(9012,), (9013,)]
    quit_cleanly(app)
