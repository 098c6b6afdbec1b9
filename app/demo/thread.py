"""Runs the demo server on its own thread and loop, so serving video never touches the UI loop."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future
from typing import Any

from app.demo.server import DemoConfig, DemoServer
from app.demo.wire import SHAPE_28


class DemoServerThread:
    def __init__(self, config: DemoConfig | None = None) -> None:
        self.server = DemoServer(config)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="libria-demo-server", daemon=True)
        self._started: Future[None] = Future()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self.server.start())
        except BaseException as error:  # report start-up failures to start()'s caller
            self._started.set_exception(error)
            return
        self._started.set_result(None)
        self._loop.run_forever()
        self._loop.run_until_complete(self.server.stop())
        self._loop.close()

    def start(self, timeout: float = 30.0) -> DemoServerThread:
        self._thread.start()
        self._started.result(timeout)
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def call(self, coroutine: Any, timeout: float = 30.0) -> Any:
        """Runs a coroutine (e.g. `server.push_episode()`) on the server's loop."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def api_base(self, shape: str = SHAPE_28) -> str:
        return self.server.api_base(shape)

    @property
    def api_base_v1(self) -> str:
        return self.server.api_base_v1
