"""Tasks that belong to a widget: those still under way when it is destroyed are cancelled, so
none resumes after its await into a deleted Qt object (a page's load that ends after its window
was closed, or after a language change queued just before the close)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject

from app.services.tasks import TaskRunner


class OwnedTasks:
    """Runs coroutines on the app's runner (names, logging) and cancels them with `owner`."""

    def __init__(self, owner: QObject, runner: TaskRunner) -> None:
        self._runner = runner
        self._running: set[asyncio.Task[Any]] = set()
        running = self._running  # the handler holds the set, not the owner being destroyed
        owner.destroyed.connect(lambda: _cancel(running))

    def run(
        self, coroutine: Coroutine[Any, Any, Any], name: str | None = None
    ) -> asyncio.Task[Any]:
        task = self._runner.run(coroutine, name=name)
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        return task


def _cancel(tasks: set[asyncio.Task[Any]]) -> None:
    for task in list(tasks):
        task.cancel()
