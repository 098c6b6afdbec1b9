"""A private D-Bus session bus (dbus-daemon in a test's folder), for fixtures of any scope."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def private_session_bus(folder: Path) -> Iterator[str]:
    """A session bus of our own: no test touches (or depends on) the machine's; its address."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.fail("dbus-daemon is missing: install the 'dbus' package (packaging/setup.sh)")
    address = f"unix:path={folder / 'bus'}"
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", f"--address={address}", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    printed = process.stdout.readline().strip()
    assert printed.startswith("unix:"), printed
    try:
        yield printed
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()
