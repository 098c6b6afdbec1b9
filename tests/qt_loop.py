"""Async tests on the Qt event loop (qasync), as the app runs: the loop factory for
pytest-asyncio's hook, the pytest-qt patch it needs, and a wait for a condition."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

import pytestqt.plugin
from PySide6.QtWidgets import QApplication

# Every loop made stays referenced: qasync's timer objects of a closed loop can still receive a
# late Qt timer event, and if Python had freed their wrappers that event would crash the run.
_loops: list[asyncio.AbstractEventLoop] = []


def qt_loop() -> asyncio.AbstractEventLoop:
    from app.ui.event_loop import EventLoop

    app = QApplication.instance() or QApplication([])
    _loops.append(EventLoop(app))
    return _loops[-1]


def _process_events_in_the_loop() -> None:
    """pytest-qt processes Qt events between test phases. With qasync, asyncio callbacks are Qt
    events, and outside a running loop they fail: process them inside the loop instead."""
    loop = _loops[-1] if _loops else None
    if loop is not None and not loop.is_closed() and not loop.is_running():
        loop.run_until_complete(asyncio.sleep(0.01))
    else:
        _original_process_events()


_original_process_events = pytestqt.plugin._process_events
pytestqt.plugin._process_events = _process_events_in_the_loop


async def until(condition: Callable[[], Any], within: float = 10.0, message: str = "") -> None:
    """Lets the Qt/asyncio loop run until the condition holds (views update asynchronously)."""
    try:
        async with asyncio.timeout(within):
            while not condition():  # noqa: ASYNC110 (the condition lives in Qt objects)
                await asyncio.sleep(0.02)
    except TimeoutError:
        raise AssertionError(message or f"timed out waiting for {condition}") from None


def tasks_named(name: str) -> list[asyncio.Task[Any]]:
    """The tasks of that name under way now (call it while the loop runs)."""
    return [task for task in asyncio.all_tasks() if task.get_name() == name]


async def ended(task: asyncio.Task[Any]) -> None:
    """Until the task has finished, a cancelled one too: what a cancelled countdown or timer
    would have done next can no longer happen (no sleep needed to show that it did not)."""
    with contextlib.suppress(asyncio.CancelledError):
        await task
