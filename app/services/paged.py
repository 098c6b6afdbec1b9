"""A list that loads page by page (`limit`/`after`), for every catalogue-like view."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.services.api import describe
from app.services.state import LoadState
from app.services.tasks import TaskRunner

Fetch = Callable[[int, int], Awaitable[list[Any]]]  # (after, limit) -> items


def keep_out_of_collections() -> None:
    """Leaves what exists now (a page appended, and what its views made of it) out of the
    garbage collector's later full passes: they walked every card of a long list again, 12-30 ms
    on the UI thread in the middle of a burst of updates once 1,000 titles were in. The young
    generations are collected first, so no cycle already dead is kept for good."""
    gc.collect(1)
    gc.freeze()


class PagedQuery(QObject):
    """`reload()` replaces the list, `load_more()` appends the next page.

    A newer reload cancels an older one and answers of an older generation are dropped, so a
    stale answer never overwrites a newer one.

    `show_kept()` shows a kept copy of the first page before any answer; `refresh()` then loads
    the first page without a loading state and hands it over as `refreshed`, for the view to put
    in place of the kept one (same items keep their rows).
    """

    reset = Signal(list)
    refreshed = Signal(list)
    appended = Signal(list)
    state_changed = Signal(object, str)  # LoadState, message
    more_failed = Signal(str)

    def __init__(
        self,
        tasks: TaskRunner,
        name: str,
        fetch: Fetch,
        page_size: int = 30,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._name = name
        self._fetch = fetch
        self.page_size = page_size
        self._generation = 0
        self._count = 0
        self._loading = False
        self._exhausted = False
        self._kept: list[Any] | None = None  # the kept copy shown until an answer comes
        self._shown: list[Any] = []  # what the views show: the kept copy, or the pages so far
        self.state = LoadState.IDLE
        self.message = ""

    @property
    def count(self) -> int:
        return self._count

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        self._generation += 1
        self._count = 0
        self._exhausted = False
        self._kept = None
        self._shown = []
        self._set_state(LoadState.LOADING, "")
        self._tasks.run(self._load(self._generation, replace=True), name=self._name)

    @property
    def kept(self) -> list[Any]:
        """The kept copy shown before any answer (empty once the server answered): a view made
        after `show_kept()` starts from it."""
        return list(self._kept or ())

    @property
    def shown(self) -> list[Any]:
        """What the views show now (the kept copy, or every page answered so far): a view made
        after an answer (the start page's, which may come while the window is built) starts
        from it."""
        return list(self._shown)

    def show_kept(self, items: list[Any]) -> None:
        """The first page as last kept, shown now; nothing more loads until `refresh()`."""
        self._generation += 1
        self._count = len(items)
        self._exhausted = False
        self._kept = list(items)
        self._shown = list(items)
        self.reset.emit(items)
        self._set_state(LoadState.READY if items else LoadState.EMPTY, "")

    def refresh(self) -> None:
        """The first page again, merged into what is shown (no loading state in between)."""
        if self._kept is None:
            self.reload()
            return
        self._generation += 1
        self._loading = True
        self._tasks.run(self._load(self._generation, replace=True), name=self._name)

    def load_more(self) -> None:
        if self._loading or self._exhausted or self.state is not LoadState.READY:
            return
        if self._kept is not None:  # the next page waits for the first page's answer
            return
        self._tasks.run(self._load(self._generation, replace=False), name=self._name)

    def _set_state(self, state: LoadState, message: str) -> None:
        self.state, self.message = state, message
        self.state_changed.emit(state, message)

    async def _load(self, generation: int, replace: bool) -> None:
        self._loading = True
        after = 0 if replace else self._count
        try:
            items = await self._fetch(after, self.page_size)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # every failure becomes a message the view shows
            if generation != self._generation:
                return
            state, message = describe(error)
            if replace:
                self._set_state(state, message)
            else:
                self.more_failed.emit(message)
            return
        finally:
            if generation == self._generation:
                self._loading = False
        if generation != self._generation:
            return  # a newer request has started since: this answer is stale
        if replace:
            self._count = 0
        self._count += len(items)
        self._exhausted = len(items) < self.page_size
        if replace:
            kept, self._kept = self._kept, None
            self._shown = list(items)
            (self.refreshed if kept is not None else self.reset).emit(items)
            self._set_state(LoadState.READY if items else LoadState.EMPTY, "")
        elif items:
            self._shown.extend(items)
            self.appended.emit(items)
            keep_out_of_collections()
