"""A desktop for the UI-stall benchmark: a private session bus and a recording notification
server on a thread of its own (its D-Bus work must not count as the app's UI thread's)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from tests.dbus_session import private_session_bus
from tests.desktop.notification_server import RecordingNotifications, serve


class NotificationThread:
    """`serve()` on its own loop and thread; `server.calls` is what the app asked to show."""

    def __init__(self, address: str) -> None:
        self._address = address
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.server: RecordingNotifications | None = None

    def __enter__(self) -> RecordingNotifications:
        self._thread.start()
        started = asyncio.run_coroutine_threadsafe(serve(self._address), self._loop)
        self._bus, self.server = started.result(30)
        return self.server

    def __exit__(self, *_: object) -> None:
        self._loop.call_soon_threadsafe(self._bus.disconnect)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


@contextlib.contextmanager
def notification_desktop() -> Iterator[RecordingNotifications]:
    """While open, this process's session bus is a private one with a notification server."""
    folder = Path(tempfile.mkdtemp(prefix="libria-stall-bus-"))
    before = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    with private_session_bus(folder) as address, NotificationThread(address) as server:
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        try:
            yield server
        finally:
            if before is None:
                os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
            else:
                os.environ["DBUS_SESSION_BUS_ADDRESS"] = before
