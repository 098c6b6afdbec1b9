"""A cold start that opens the catalogue, on a desktop with a tray and a notification server:
the first page is painted with its posters before the announcements, D-Bus and what else that
page does not need load; the tray and the announcements come up right after it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from app.demo import DemoServerThread
from app.launch_steps import PLAYER_PARTS
from app.ui.warm_up import TARGETS
from tests.app_process import App
from tests.desktop.conftest import desktop_env
from tests.desktop.notification_server import RecordingNotifications
from tests.desktop.test_notifications import stop, until

pytestmark = pytest.mark.usefixtures("tray_host")
# Not before that paint: the announcements and D-Bus, playback, the update stream, the downloads,
# the keys' help. (QtNetwork is on the way now: a cold start's posters come over it.)
LATER = ("app.ui.announcements", "dbus_fast", "app.services.session", "app.services.updates",
         "app.services.downloads", "app.ui.help_overlay")  # fmt: skip


def _docked_in_tray() -> bool:
    """An icon of Libria's is docked in the tray host's panel (a child window of it)."""
    lines = subprocess.run(
        ["xwininfo", "-root", "-tree"], env=os.environ, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    for index, line in enumerate(lines):
        if '("panel" "trayer")' in line:
            depth = len(line) - len(line.lstrip())
            for inner in lines[index + 1 :]:
                if inner.strip() and len(inner) - len(inner.lstrip()) <= depth:
                    break  # out of the panel's subtree
                if '"Libria")' in inner:
                    return True
    return False


async def test_a_cold_start_paints_the_first_page_before_the_tray_and_the_announcements(
    tmp_path: Path, demo_thread: DemoServerThread, session_bus: str,
    notifications: RecordingNotifications,
) -> None:  # fmt: skip
    app = App(tmp_path, "--api-base", demo_thread.api_base(), "--startup-probe-stays",
              env=desktop_env(session_bus))  # fmt: skip
    try:
        await until(lambda: "LIBRIA_READY" in app.log, what="the first page painted")
        ready = next(line for line in app.lines if line.startswith("LIBRIA_READY"))
        fields = dict(part.split("=", 1) for part in ready.split()[2:])
        assert fields["kept"] == "0" and int(fields["rows"]) > 0, ready
        assert not set(LATER) & set(fields["loaded"].split(",")), ready
        await until(lambda: "update stream connected" in app.log, what="the update stream")
        pushed = demo_thread.call(demo_thread.server.push_episode(9003))
        await until(lambda: notifications.calls, what="the new episode announced")
        assert notifications.calls[0].body == f"Серия {pushed['episode']} вышла"
        await until(_docked_in_tray, what="the tray icon")
        # Then what the viewer is likely to open next is imported ahead, a module at a time.
        await until(lambda: "LIBRIA_WARMED" in app.log, what="the warming up")
        warmed = next(line for line in app.lines if line.startswith("LIBRIA_WARMED"))
        loaded = set(warmed.split("loaded=", 1)[1].strip().split(","))
        assert loaded == {*TARGETS, *PLAYER_PARTS}, warmed
    finally:
        await stop(app)
