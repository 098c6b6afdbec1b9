"""One request whose answer a view shows whole (a title, the schedule, the team...)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.services.api import describe
from app.services.state import LoadState
from app.services.tasks import TaskRunner


class SingleQuery(QObject):
    loaded = Signal(object)
    state_changed = Signal(object, str)  # LoadState, message

    def __init__(
        self,
        tasks: TaskRunner,
        name: str,
        fetch: Callable[[], Awaitable[Any]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._name = name
        self._fetch = fetch
        self._generation = 0
        self.state = LoadState.IDLE
        self.message = ""
        self.value: Any = None

    def load(self, fetch: Callable[[], Awaitable[Any]]) -> None:
        self._fetch = fetch
        self.reload()

    def reload(self) -> None:
        if self._fetch is None:
            return
        self._generation += 1
        self._set_state(LoadState.LOADING, "")
        self._tasks.run(self._run(self._generation, self._fetch), name=self._name)

    def _set_state(self, state: LoadState, message: str) -> None:
        self.state, self.message = state, message
        self.state_changed.emit(state, message)

    async def _run(self, generation: int, fetch: Callable[[], Awaitable[Any]]) -> None:
        try:
            value = await fetch()
        except asyncio.CancelledError:
            raise
        except Exception as error:  # shown to the user with a retry
            if generation == self._generation:
                self._set_state(*describe(error))
            return
        if generation != self._generation:
            return
        self.value = value
        self.loaded.emit(value)
        empty = value is None or (isinstance(value, list | tuple) and not value)
        self._set_state(LoadState.EMPTY if empty else LoadState.READY, "")
