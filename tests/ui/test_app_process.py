"""`libria` as a user starts it: a real process, the demo server, a clean exit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.ui import crash

ROOT = Path(__file__).resolve().parents[2]


def _environment(home: Path) -> dict[str, str]:
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
    return env


class App:
    """A `libria` process whose combined output is collected by a reader thread."""

    def __init__(self, home: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app", *args],
            cwd=ROOT,
            env=_environment(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
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

    def wait_for(self, marker: str, within: float = 60) -> None:
        deadline = time.monotonic() + within
        while marker not in self.log:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"{marker!r} never appeared; the log was:\n{self.log}")
            time.sleep(0.05)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
            pytest.fail("libria did not exit within 30 s of SIGTERM")
        self._reader.join(10)
        assert self.process.stdout is not None
        self.process.stdout.close()
        return code


BAD_AT_EXIT = ("Traceback", "Fatal", "Aborted", "QThread", "QObject::", "Warning",
               "ResourceWarning", "never awaited", "ERROR")  # fmt: skip


def test_demo_mode_starts_loads_and_exits_cleanly(tmp_path: Path) -> None:
    app = App(tmp_path, "--demo")
    app.wait_for("upload/release/350x500")  # the first page is in, posters load
    code = app.stop()
    log = app.log
    assert code == 0, log
    assert "demo mode: http://127.0.0.1:" in log and "getUpdates" in log
    assert "services stopped" in log
    for bad in BAD_AT_EXIT:
        assert bad not in log, f"{bad!r} in the log:\n{log}"
    assert list((tmp_path / "cache" / "libria" / "posters").glob("*.img")), "posters cached"


def test_play_deep_link_starts_playback(tmp_path: Path) -> None:
    app = App(tmp_path, "--demo", "play", "kingdom-of-the-night-city-beginning-9000", "1")
    app.wait_for("playing kingdom-of-the-night-city-beginning-9000 episode 1 (fhd) from 127.0.0.1:")
    assert app.stop() == 0, app.log
    for bad in BAD_AT_EXIT:  # mpv and its render context were taken down in order
        assert bad not in app.log, f"{bad!r} in the log:\n{app.log}"


def test_an_unusable_api_address_is_refused_with_a_message(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "--api-base", "file:///etc/passwd"],
        cwd=ROOT, env=_environment(tmp_path), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "the API base must be an http(s) URL" in result.stderr


async def test_an_unhandled_error_is_shown_not_fatal(caplog: pytest.LogCaptureFixture) -> None:
    try:
        raise ValueError("broken slot")
    except ValueError as error:
        crash._excepthook(type(error), error, error.__traceback__)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert any("broken slot" in box.text() and box.isVisible() for box in boxes)
    assert "broken slot" in caplog.text
    for box in boxes:
        box.close()
