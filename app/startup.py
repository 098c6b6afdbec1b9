"""Start-up as lists of named steps, each able to register how it is taken down again.

Steps run in the order listed; `shutdown` runs what they registered in reverse, so whatever was
built later (and may use what came before) goes first. A failing shutdown action is logged and
the rest still run: a widget that will not close must not leave the player or the network open.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

log = logging.getLogger("libria.startup")


@dataclass(frozen=True, slots=True)
class Step:
    """One named part of start-up."""

    name: str
    run: Callable[[], None]


@dataclass(frozen=True, slots=True)
class LoopStep:
    """A part of start-up that runs inside the event loop (it may wait, e.g. on the network)."""

    name: str
    run: Callable[[], Awaitable[None]]


class EarlyExit(Exception):
    """Raised by a step when the process should end now, e.g. another instance took over."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class Startup:
    """Runs steps and, at the end, the shutdown actions they registered, last first."""

    def __init__(self) -> None:
        self._shutdowns: list[tuple[str, Callable[[], None]]] = []

    def run(self, steps: Iterable[Step]) -> None:
        for step in steps:
            log.debug("start-up step: %s", step.name)
            step.run()

    async def run_in_loop(self, steps: Iterable[LoopStep]) -> None:
        for step in steps:
            log.debug("start-up step: %s", step.name)
            await step.run()

    async def run_turning(self, steps: Iterable[Step]) -> None:
        """Steps that do not wait themselves, with a turn of the event loop after each: what is
        under way meanwhile (a request, a download) is heard between them, not after them all."""
        import asyncio  # not before: a warm start's first paint comes before the event loop

        for step in steps:
            log.debug("start-up step: %s", step.name)
            step.run()
            await asyncio.sleep(0)

    def on_shutdown(self, name: str, action: Callable[[], None]) -> None:
        """`action` runs at shutdown, before everything registered earlier."""
        self._shutdowns.append((name, action))

    def shutdown(self) -> bool:
        """Runs every registered action, last first; False if any of them failed."""
        clean = True
        while self._shutdowns:
            name, action = self._shutdowns.pop()
            log.debug("shutdown step: %s", name)
            try:
                action()
            except Exception:
                log.exception("shutdown step %r failed", name)
                clean = False
        return clean
