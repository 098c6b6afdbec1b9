"""New episodes end to end: the real app in the tray of an X desktop, a private session bus with
a notification server, the demo server pushing over its WebSocket."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from app.demo import DemoServerThread
from tests.app_process import BAD_AT_EXIT, App
from tests.desktop.conftest import desktop_env
from tests.desktop.notification_server import RecordingNotifications

pytestmark = pytest.mark.usefixtures("tray_host")
WATCHED_TITLE = 9003


async def until(condition: Callable[[], Any], within: float = 30.0, what: str = "") -> None:
    """Waits without blocking the loop: the notification server answers on it."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what or condition}")
        await asyncio.sleep(0.02)


# A burst ends after this long without news (the app's 1.5 s, shortened): tests that need a burst
# to be over wait for this, not for the app's own timing.
BURST_QUIET_S = 0.6
SHORT_BURSTS = {"app.services.announcer.BURST_QUIET_S": BURST_QUIET_S}


async def start_app(
    home: Path, demo_thread: DemoServerThread, bus: str, *args: str, api_base: str = "",
    patches: dict[str, float] | None = None,
) -> App:  # fmt: skip
    base = api_base or demo_thread.api_base()
    app = App(home, "--api-base", base, "--minimized", *args, env=desktop_env(bus),
              patches=patches)  # fmt: skip
    await until(lambda: "update stream connected" in app.log or app.process.poll() is not None,
                what="the update stream")  # fmt: skip
    assert app.process.poll() is None, app.log
    return app


async def stop(app: App) -> None:
    code = await asyncio.to_thread(app.stop)
    assert code == 0, app.log
    for bad in BAD_AT_EXIT:
        assert bad not in app.log, f"{bad!r} in the log:\n{app.log}"


async def test_a_new_episode_is_announced_and_watch_plays_it(
    tmp_path: Path, demo_thread: DemoServerThread, session_bus: str,
    notifications: RecordingNotifications,
) -> None:  # fmt: skip
    app = await start_app(tmp_path, demo_thread, session_bus)
    try:
        pushed = demo_thread.call(demo_thread.server.push_episode(WATCHED_TITLE))
        await until(lambda: notifications.calls, what="a Notify call")
        call = notifications.calls[0]
        title = demo_thread.server.catalog.titles[WATCHED_TITLE]
        assert call.app_name == "Libria"
        assert call.summary == title.name_ru
        assert call.body == f"Серия {pushed['episode']} вышла"
        assert call.actions == ["default", "Открыть", "watch", "Смотреть"]
        assert call.hints["desktop-entry"] == "tv.libria.Libria"
        poster = Path(call.hints["image-path"].removeprefix("file://"))
        size = await asyncio.to_thread(lambda: poster.stat().st_size)
        assert size > 1000  # the title's poster, on disk
        notifications.ActionInvoked(call.id, "watch")
        segment = f"ts/{WATCHED_TITLE}/{pushed['episode']:04d}"
        await until(
            lambda: any(segment in path and path.endswith(".ts")
                        for path in demo_thread.server.video_requests),
            within=60, what="the new episode's video being streamed",
        )  # fmt: skip
        assert len(notifications.calls) == 1
    finally:
        await stop(app)


def playlist_frame(title_id: int, episode: int, digest: str) -> str:
    hls = {"fhd": f"/videos/ts/{title_id}/{episode:04d}-hd/playlist.m3u8"}
    return orjson.dumps({
        "hash": digest, "id": title_id, "serie": episode,
        "playlist": {str(episode): {"serie": episode, "hls": hls}},
    }).decode()  # fmt: skip


async def test_one_hash_is_announced_once_across_reconnects(
    tmp_path: Path, demo_thread: DemoServerThread, session_bus: str,
    notifications: RecordingNotifications,
) -> None:  # fmt: skip
    app = await start_app(tmp_path, demo_thread, session_bus, patches=SHORT_BURSTS)
    try:
        frame = playlist_frame(9005, 41, "a-hash-sent-twice")
        for _ in range(2):
            demo_thread.call(demo_thread.server.hub.broadcast_raw(frame))
        await until(lambda: notifications.calls, what="the first Notify")
        demo_thread.call(demo_thread.server.hub.drop_all())
        await until(lambda: app.log.count("update stream connected") >= 2, what="a reconnect")
        await asyncio.sleep(BURST_QUIET_S * 2)  # the burst is over: a new one, a new notification
        # Frames are handled in order: once the episode sent after the duplicate is announced,
        # the duplicate has had its chance to be announced too.
        demo_thread.call(demo_thread.server.hub.broadcast_raw(frame))
        demo_thread.call(
            demo_thread.server.hub.broadcast_raw(playlist_frame(9005, 42, "another-hash"))
        )
        await until(lambda: any(call.body == "Серия 42 вышла" for call in notifications.calls),
                    what="the second episode's Notify")  # fmt: skip
        bodies = [call.body for call in notifications.calls]
        assert bodies == ["Серия 41 вышла", "Серия 42 вышла"]
        assert notifications.calls[1].replaces_id == 0  # its own notification
    finally:
        await stop(app)


async def test_a_burst_becomes_one_summary(
    tmp_path: Path, demo_thread: DemoServerThread, session_bus: str,
    notifications: RecordingNotifications,
) -> None:  # fmt: skip
    app = await start_app(tmp_path, demo_thread, session_bus, patches=SHORT_BURSTS)
    try:
        ongoing = [t.id for t in demo_thread.server.catalog.titles.values() if t.status == 1]
        for n in range(50):  # one every 40 ms: well within a burst's quiet pause
            demo_thread.call(demo_thread.server.push_episode(ongoing[n % len(ongoing)]))
            await asyncio.sleep(0.04)
        await until(
            lambda: notifications.calls and notifications.calls[-1].summary == "50 новых серий",
            what="the summary",
        )
        await asyncio.sleep(BURST_QUIET_S * 2)  # the burst is over
        # One more episode: its own notification. Notifications go out in order, so every
        # update of the burst's one came before it.
        demo_thread.call(demo_thread.server.push_episode(WATCHED_TITLE))
        await until(lambda: notifications.calls[-1].summary != "50 новых серий",
                    what="the next burst's notification")  # fmt: skip
        *calls, after = notifications.calls
        assert calls[-1].summary == "50 новых серий"
        assert {call.id for call in calls} == {calls[0].id}, "one notification, updated in place"
        assert all(call.replaces_id == calls[0].id for call in calls[1:])
        assert len(calls) <= 8, f"{len(calls)} updates of one notification is a flood"
        assert calls[-1].actions == ["default", "Открыть"]
        assert after.id != calls[0].id and after.replaces_id == 0
    finally:
        await stop(app)


POLL_INTERVAL_S = 2.0


def polls(demo_thread: DemoServerThread) -> int:
    """How many times the app has asked the v1 server for the latest releases."""
    return sum(path == "anime/releases/latest" for path, _ in demo_thread.server.v1_requests)


async def test_v1_polling_announces_a_new_episode_once_even_after_a_restart(
    tmp_path: Path, demo_thread: DemoServerThread, session_bus: str,
    notifications: RecordingNotifications, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("LIBRIA_POLL_INTERVAL", str(POLL_INTERVAL_S))
    base = demo_thread.api_base_v1
    app = await start_app(tmp_path, demo_thread, session_bus, api_base=base)
    try:
        pushed = demo_thread.call(demo_thread.server.push_episode(WATCHED_TITLE))
        await until(lambda: notifications.calls, what="a Notify")
        call = notifications.calls[0]
        assert call.summary == demo_thread.server.catalog.titles[WATCHED_TITLE].name_ru
        assert call.body == f"Серия {pushed['episode']} вышла"
        seen = polls(demo_thread)
        await until(lambda: polls(demo_thread) >= seen + 2, what="two more polls")
        assert len(notifications.calls) == 1  # they found the same episode: no repeat
    finally:
        await stop(app)
    before = polls(demo_thread)
    again = await start_app(tmp_path, demo_thread, session_bus, api_base=base)
    try:
        await until(lambda: polls(demo_thread) >= before + 3, what="the restarted app's polls")
        assert len(notifications.calls) == 1, "announced again after a restart"
    finally:
        await stop(again)
