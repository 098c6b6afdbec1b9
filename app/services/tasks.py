"""Named background tasks: starting a task cancels the previous one of the same name, so a newer
request always wins ("preemptive" tasks); every failure is logged, none is lost silently."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


class TaskRunner:
    def __init__(self) -> None:
        self._named: dict[str, asyncio.Task[Any]] = {}
        self._all: set[asyncio.Task[Any]] = set()
        self._closed = False

    def run(
        self, coroutine: Coroutine[Any, Any, Any], name: str | None = None
    ) -> asyncio.Task[Any]:
        if name is not None:
            previous = self._named.pop(name, None)
            if previous is not None and not previous.done():
                previous.cancel()
        task = asyncio.get_event_loop().create_task(coroutine, name=name)
        if self._closed:
            # Asked for during or after shutdown (a signal from a part still closing): it would
            # run after what it uses has closed. Cancelled before its first step, it never runs.
            task.cancel()
            return task
        self._all.add(task)
        if name is not None:
            self._named[name] = task
        task.add_done_callback(self._finished)
        return task

    def cancel(self, name: str) -> None:
        task = self._named.pop(name, None)
        if task is not None:
            task.cancel()

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._all.discard(task)
        name = task.get_name()
        if self._named.get(name) is task:
            del self._named[name]
        if not task.cancelled() and task.exception() is not None:
            log.error("task %s failed", name, exc_info=task.exception())

    async def shutdown(self) -> None:
        """Cancels every task and waits for them to finish; none runs after this."""
        self._closed = True
        tasks = list(self._all)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._named.clear()
