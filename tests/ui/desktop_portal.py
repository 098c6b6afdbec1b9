"""The real XDG desktop portal (xdg-desktop-portal with its GTK backend, from apt) on a private
session bus, reading GNOME's settings from a keyfile in the test's home: `gsettings set` there is
what a desktop's settings panel does, and the portal tells the app with SettingChanged."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

LIBEXEC = Path("/usr/libexec")
FRONTEND, BACKEND = LIBEXEC / "xdg-desktop-portal", LIBEXEC / "xdg-desktop-portal-gtk"


class DesktopSettings:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def set(self, schema: str, key: str, value: str) -> None:
        subprocess.run(["gsettings", "set", schema, key, value], env=self.env, check=True)


def _owned(name: str, env: dict[str, str]) -> bool:
    reply = subprocess.run(
        ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/",
         "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return "boolean true" in reply.stdout


def _start(command: Path, name: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        process = subprocess.Popen([str(command)], env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while not _owned(name, env):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait(10)
            pytest.fail(f"{command.name} did not come up:\n{log.read_text()}")
        time.sleep(0.05)
    return process


@contextmanager
def desktop_portal(bus: str, home: Path) -> Iterator[DesktopSettings]:
    """The portal on `bus`, GNOME's settings in `home`; the settings to change."""
    if not (FRONTEND.exists() and BACKEND.exists() and shutil.which("gsettings")):
        pytest.fail("xdg-desktop-portal(-gtk) missing: packaging/setup.sh --test installs them")
    if not os.environ.get("DISPLAY"):
        pytest.fail("the GTK portal backend needs the X display pytest-xvfb provides")
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus, "GSETTINGS_BACKEND": "keyfile",
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_CURRENT_DESKTOP": "GNOME",
           "XDG_DATA_HOME": str(home / "data"), "GIO_USE_VFS": "local"}  # fmt: skip
    settings = DesktopSettings(env)
    settings.set("org.gnome.desktop.interface", "color-scheme", "default")
    # The backend first, started here with this environment (activated, it would get the bus
    # daemon's); then the frontend, which finds it on the bus.
    backend = _start(BACKEND, "org.freedesktop.impl.portal.desktop.gtk", env, home / "gtk.log")
    frontend = _start(FRONTEND, "org.freedesktop.portal.Desktop", env, home / "portal.log")
    try:
        yield settings
    finally:
        for process in (frontend, backend):
            process.terminate()
            process.wait(10)
