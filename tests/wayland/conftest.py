"""A Wayland desktop for the app: a headless Weston (from apt, `packaging/setup.sh --test`) in a
private runtime folder, a private session bus with a notification server and a tray watcher, the
demo server, and `libria` under `QT_QPA_PLATFORM=wayland` with the probe of tests/wayland/driver.py.

One app process serves a test class (its tests read the steps it reports): starting it per test
would cost seconds each. The tests are marked `wayland` and kept on one xdist worker.
The X display pytest-xvfb gives the test process is not passed on: the app cannot fall back to it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.demo import DemoConfig, DemoServerThread
from tests.app_process import BAD_AT_EXIT, CollectedOutput, environment
from tests.dbus_session import private_session_bus
from tests.wayland.desktop_bus import DesktopBus

SCREEN = (1024, 640)
MARK = "LIBRIA_WAYLAND "


@dataclass(frozen=True)
class Compositor:
    runtime_dir: Path
    socket: str
    log: Path

    def environment(self) -> dict[str, str]:
        return {
            "QT_QPA_PLATFORM": "wayland",
            "WAYLAND_DISPLAY": self.socket,
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            "XDG_SESSION_TYPE": "wayland",
        }


def _weston_command(weston: str, socket: str, log: Path) -> list[str]:
    version = subprocess.run([weston, "--version"], capture_output=True, text=True, check=True)
    found = re.search(r"(\d+)\.", version.stdout)
    major = int(found.group(1)) if found else 10
    # The headless backend draws nothing unless asked: pixman (the CPU) gives the screenshooter
    # pixels. Weston 12 renamed the switch. --debug lets a client take screenshots.
    renderer = "--renderer=pixman" if major >= 12 else "--use-pixman"
    return [weston, "--backend=headless-backend.so", renderer, f"--socket={socket}",
            f"--width={SCREEN[0]}", f"--height={SCREEN[1]}", "--idle-time=0", "--no-config",
            "--debug", f"--log={log}"]  # fmt: skip


@pytest.fixture(scope="module")
def compositor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Compositor]:
    weston = shutil.which("weston")
    if weston is None:
        pytest.skip("weston is not installed (packaging/setup.sh --test installs it)")
    runtime = tmp_path_factory.mktemp("runtime")
    runtime.chmod(0o700)  # Wayland wants its runtime folder private
    socket, log = "libria-wayland", runtime.parent / "weston.log"
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY")}  # fmt: skip
    env["XDG_RUNTIME_DIR"] = str(runtime)
    process = subprocess.Popen(_weston_command(weston, socket, log), env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # fmt: skip
    deadline = time.monotonic() + 20
    while not (runtime / socket).exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait(10)
            text = log.read_text() if log.exists() else ""
            pytest.fail(f"weston did not come up; its log:\n{text}")
        time.sleep(0.02)
    try:
        yield Compositor(runtime, socket, log)
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def module_bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private session bus for the module (tests/conftest.py's session_bus is per test)."""
    with private_session_bus(tmp_path_factory.mktemp("bus")) as address:
        yield address


class WaylandApp(CollectedOutput):
    """`libria` with the probe (tests/wayland/driver.py) on the compositor; what it reports."""

    def __init__(self, home: Path, env: dict[str, str], *args: str) -> None:
        self.out = home / "out"
        self.out.mkdir(parents=True)
        full = environment(home, {**env, "LIBRIA_WAYLAND_OUT": str(self.out)})
        full.pop("DISPLAY", None)  # no X to fall back to
        super().__init__([sys.executable, "-m", "tests.wayland.driver", *args], full)

    def _reported(self, step: str) -> dict[str, Any] | None:
        for line in list(self.lines):
            if line.startswith(MARK):
                name, _, facts = line[len(MARK) :].partition(" ")
                if name == "error":
                    pytest.fail(f"the probe failed:\n{json.loads(facts)['traceback']}")
                if name == step:
                    parsed: dict[str, Any] = json.loads(facts)
                    return parsed
        return None

    def step(self, name: str, within: float = 60) -> dict[str, Any]:
        """What the probe reported for a step, once it has (the steps run in order)."""
        deadline = time.monotonic() + within
        while (facts := self._reported(name)) is None:
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"no {name!r} step within {within} s; the log:\n{self.log[-8000:]}")
            time.sleep(0.05)
        return facts

    def finish(self) -> None:
        """Until the probe has walked every step (or failed, which the caller then hears of)."""
        self.step("done")

    def wait_for(self, marker: str, within: float = 60) -> None:
        deadline = time.monotonic() + within
        while marker not in self.log:
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{marker!r} never appeared; the log:\n{self.log[-8000:]}")
            time.sleep(0.05)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait(10)
        self._reader.join(10)
        assert self.process.stdout is not None
        self.process.stdout.close()
        return code


@dataclass
class Desktop:
    app: WaylandApp
    bus: DesktopBus
    demo: DemoServerThread
    compositor: Compositor


@pytest.fixture(scope="class")
def desktop(
    compositor: Compositor, module_bus: str, tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> Iterator[Desktop]:  # fmt: skip
    """The app running on the Wayland desktop at the test class's SCALE (QT_SCALE_FACTOR), its
    demo server and bus services beside it."""
    bus = DesktopBus(module_bus).start()
    demo = DemoServerThread(DemoConfig()).start()
    env = {**compositor.environment(), "DBUS_SESSION_BUS_ADDRESS": module_bus,
           "QT_SCALE_FACTOR": request.cls.SCALE}  # fmt: skip
    home = tmp_path_factory.mktemp("home")
    app = WaylandApp(home, env, "--api-base", demo.api_base(), "--lang", "en")
    try:
        yield Desktop(app, bus, demo, compositor)
        app.finish()  # not in the middle of a step: its end is checked too
    finally:
        code = app.stop()
        bus.stop()
        demo.stop()
        (home / "libria.log").write_text(app.log)  # kept with the images, to look at
    assert code == 0, app.log[-8000:]
    for bad in BAD_AT_EXIT:
        assert bad not in app.log, f"{bad!r} in the log:\n{app.log[-8000:]}"
