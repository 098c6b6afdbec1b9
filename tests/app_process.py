"""`libria` as a user starts it: a real process with its own home, its output collected."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import pytest

ROOT = Path(__file__).resolve().parents[1]  # the checkout: `-m app` runs its own app


def environment(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        LIBRIA_LOG="INFO",
        LIBRIA_AUDIO_OUTPUT="null",
        PYTHONWARNINGS="default",
    )
    env.update(extra or {})
    return env


def command(patches: dict[str, float] | None) -> list[str]:
    """`python -m app`, or with module constants set first (e.g. a shorter timing, so a test
    waits for that instead of the app's seconds): {"module.NAME": value}."""
    if not patches:
        return [sys.executable, "-m", "app"]
    lines = ["import importlib, runpy, sys"]
    for target, value in patches.items():
        module, name = target.rsplit(".", 1)
        lines.append(f"setattr(importlib.import_module({module!r}), {name!r}, {value!r})")
    lines.append("sys.argv[0] = 'libria'")
    lines.append("runpy.run_module('app', run_name='__main__', alter_sys=True)")
    return [sys.executable, "-c", "; ".join(lines)]


class CollectedOutput:
    """A process whose combined output is collected by a reader thread."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def log(self) -> str:
        return "".join(self.lines)


class App(CollectedOutput):
    """A `libria` process whose combined output is collected by a reader thread. One a test
    leaves running (an assertion failed before its `stop`) is ended after the test, by
    tests/conftest.py: no process or pipe outlives its test."""

    _running: ClassVar[set[App]] = set()

    def __init__(
        self,
        home: Path,
        *args: str,
        env: dict[str, str] | None = None,
        patches: dict[str, float] | None = None,
    ) -> None:
        super().__init__([*command(patches), *args], environment(home, env))
        App._running.add(self)

    def wait_for(self, marker: str, within: float = 60, times: int = 1) -> None:
        self.wait_until(lambda: self.log.count(marker) >= times, repr(marker), within)

    def wait_until(self, condition: Callable[[], object], what: str, within: float = 60) -> None:
        """Until `condition()` holds while the app runs (e.g. a file it writes is there)."""
        deadline = time.monotonic() + within
        while not condition():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"{what} never appeared; the log was:\n{self.log}")
            time.sleep(0.05)

    def posters_cached(self, home: Path, within: float = 60) -> None:
        """Until the first page's posters are coming in: the first is in the disk cache."""
        folder = home / "cache" / "libria" / "demo" / "posters"
        self.wait_until(lambda: any(folder.glob("*.img")), "a cached poster", within)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(30)
        except subprocess.TimeoutExpired:
            stacks = _stacks_of(self.process.pid)
            self._close()
            pytest.fail(
                f"libria did not exit within 30 s of SIGTERM; its threads:\n{stacks}\n"
                f"the log:\n{self.log[-6000:]}"
            )
        self._close()
        return code

    def _close(self) -> None:
        """The process killed if it still runs, its output read to the end and closed."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._reader.join(10)
        assert self.process.stdout is not None
        self.process.stdout.close()
        App._running.discard(self)

    @classmethod
    def end_all(cls) -> None:
        """Every process still running (SIGTERM, then SIGKILL), its pipe closed."""
        for app in list(cls._running):
            if app.process.poll() is None:
                app.process.send_signal(signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    app.process.wait(30)
            app._close()


def _stacks_of(pid: int) -> str:
    """Where a hung process stands (py-spy, with native frames), for the failure's message."""
    spy = Path(sys.executable).with_name("py-spy")
    try:
        done = subprocess.run(
            [str(spy), "dump", "--native", "--pid", str(pid)],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"(no stacks: {error})"
    return done.stdout[-8000:] + done.stderr[-2000:]


BAD_AT_EXIT = ("Traceback", "Fatal", "Aborted", "QThread", "QObject::", "Warning",
               "ResourceWarning", "never awaited", "ERROR")  # fmt: skip
