"""Restarting into the demo: the offline start's "Open the demo" (see `DemoRestart`)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable

log = logging.getLogger("libria")


def demo_command(
    language: str | None, frozen: bool, executable: str, api_kind: str = ""
) -> list[str]:
    """The command line that starts this installation again, in the demo: the bundle's own
    program when frozen (PyInstaller), else this interpreter with `-m app` (what `libria` runs).
    The demo speaks the API this run spoke (v1 for the live service), so it shows what the
    viewer will get once online."""
    program = [executable] if frozen else [executable, "-m", "app"]
    kind = ["--api-kind", "v1"] if api_kind == "v1" else []
    return [*program, "--demo", *kind, *(["--lang", language] if language else [])]


class DemoRestart:
    """The offline start's "Open the demo". The demo is not switched to inside this process:
    its library, caches and API client are other ones, and start-up already builds all that for
    `--demo`. Nor is a second process started beside this one: it would find this instance's
    socket and hand its arguments over. So the window asks to quit, `run` shuts down in its
    usual order (player, services, the instance socket closed), and then this process becomes
    `libria --demo` (os.execv: the same process id, terminal and parent, nothing left behind)."""

    def __init__(
        self,
        language: str | None,
        quit_app: Callable[[], None],
        api_kind: Callable[[], str] = lambda: "",
    ) -> None:
        self._language = language
        self._quit = quit_app
        self._api_kind = api_kind  # asked when the button is pressed: the API may have changed
        self.command: list[str] | None = None  # set once asked

    def request(self) -> None:
        frozen = bool(getattr(sys, "frozen", False))
        self.command = demo_command(self._language, frozen, sys.executable, self._api_kind())
        log.info("restarting into the demo")
        self._quit()

    def finish(self) -> None:
        """After the shutdown: exec the demo if it was asked for (returns only if that fails)."""
        if self.command is None:
            return
        for handler in logging.getLogger().handlers:
            handler.flush()
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            os.execv(self.command[0], self.command)
        except OSError as error:
            print(f"libria: cannot start the demo: {error}", file=sys.stderr)
