"""A desktop for end-to-end tests: a private D-Bus session bus with a recording notification
server, a tray host (trayer) on the X display pytest-xvfb started, and a demo server."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Iterator

import pytest

from tests.desktop.notification_server import RecordingNotifications, serve


@pytest.fixture
async def notifications(session_bus: str) -> AsyncIterator[RecordingNotifications]:
    bus, server = await serve(session_bus)
    try:
        yield server
    finally:
        bus.disconnect()


def _tray_visible(display: str) -> bool:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"], env={**os.environ, "DISPLAY": display},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    return "trayer" in tree.stdout.lower()


@pytest.fixture
def tray_host() -> Iterator[None]:
    display = os.environ.get("DISPLAY", "")
    trayer = shutil.which("trayer")
    if not display or trayer is None:
        pytest.fail("a tray host needs an X display (pytest-xvfb) and trayer (packaging/setup.sh)")
    process = subprocess.Popen(
        [trayer, "--edge", "top", "--align", "right", "--widthtype", "request", "--height", "24",
         "--SetDockType", "true", "--expand", "true"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while not _tray_visible(display):
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail("trayer did not come up")
        time.sleep(0.05)
    try:
        yield
    finally:
        process.terminate()
        process.wait(10)


def desktop_env(bus: str) -> dict[str, str]:
    """What the app process needs to live on this desktop."""
    return {
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": os.environ["DISPLAY"],
        "DBUS_SESSION_BUS_ADDRESS": bus,
    }
