"""The asyncio loop on top of Qt's (qasync), with one fix.

qasync's run_until_complete() processes the Qt events left over after the loop stopped, but with
no running loop registered; asyncio callbacks among those events (a task's next step) then fail
wherever code asks for the running loop (httpx does). Registering the loop for that last pass
lets them run as they would inside the loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any, TypeVar

import qasync
from PySide6.QtCore import QEventLoop as QtEventLoop
from PySide6.QtWidgets import QApplication

T = TypeVar("T")
# qasync logs every job its threads run, with the job's arguments and result, at DEBUG: a sign-in
# token read from the keyring would be one of them. Its debug lines never reach the app's log.
logging.getLogger("qasync").setLevel(logging.INFO)


class EventLoop(qasync.QEventLoop):  # type: ignore[misc]
    def run_until_complete(self, future: Awaitable[T]) -> T:
        if self.is_running():
            raise RuntimeError("Event loop already running")
        task = asyncio.ensure_future(future, loop=self)

        def stop(_: Any) -> None:
            self.stop()

        task.add_done_callback(stop)
        try:
            self.run_forever()
        finally:
            task.remove_done_callback(stop)
        app = QApplication.instance()
        dispatcher = app.eventDispatcher() if app is not None else None
        if dispatcher is not None:
            asyncio.events._set_running_loop(self)
            try:
                dispatcher.processEvents(QtEventLoop.ProcessEventsFlag.AllEvents)
            finally:
                asyncio.events._set_running_loop(None)
        if not task.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        return task.result()
