"""`libria` as a user starts it: a real process, the demo server, a clean exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from app.ui import crash
from tests.app_process import BAD_AT_EXIT, ROOT, App, environment


def test_demo_mode_starts_loads_and_exits_cleanly(tmp_path: Path) -> None:
    app = App(tmp_path, "--demo")
    app.posters_cached(tmp_path)  # the first page is in, its posters load
    code = app.stop()
    log = app.log
    assert code == 0, log
    for bad in BAD_AT_EXIT:
        assert bad not in log, f"{bad!r} in the log:\n{log}"
    # The demo keeps its own library: its titles never mix with the real service's.
    assert (tmp_path / "data" / "libria" / "demo" / "library.sqlite3").exists()
    assert not (tmp_path / "data" / "libria" / "library.sqlite3").exists()


def test_play_deep_link_starts_playback(tmp_path: Path) -> None:
    app = App(tmp_path, "--demo", "play", "kingdom-of-the-night-city-beginning-9000", "1")
    app.wait_for("playing kingdom-of-the-night-city-beginning-9000 episode 1 (fhd) from 127.0.0.1:")
    assert app.stop() == 0, app.log
    for bad in BAD_AT_EXIT:  # mpv and its render context were taken down in order
        assert bad not in app.log, f"{bad!r} in the log:\n{app.log}"


def test_an_unusable_api_address_is_refused_with_a_message(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "--api-base", "file:///etc/passwd"],
        cwd=ROOT, env=environment(tmp_path), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "the API base must be an http(s) URL" in result.stderr


async def test_an_unhandled_error_is_shown_not_fatal() -> None:
    try:
        raise ValueError("broken slot")
    except ValueError as error:
        crash._excepthook(type(error), error, error.__traceback__)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    shown = [box for box in boxes if "broken slot" in box.text() and box.isVisible()]
    assert shown, "the error is shown"
    # Its details carry the traceback, for a bug report.
    assert "ValueError: broken slot" in shown[0].detailedText()
    assert "Traceback" in shown[0].detailedText()
    for box in boxes:
        box.close()


def test_a_second_launch_hands_over_and_exits(tmp_path: Path) -> None:
    first = App(tmp_path, "--demo")
    first.wait_for("getUpdates")
    second = subprocess.run(
        [sys.executable, "-m", "app", "play", "kingdom-of-the-night-city-beginning-9000", "1"],
        cwd=ROOT, env=environment(tmp_path), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert second.returncode == 0, second.stderr
    first.wait_for("playing kingdom-of-the-night-city-beginning-9000 episode 1 (fhd)")  # it plays
    refused = subprocess.run(
        [sys.executable, "-m", "app", "libria://play/x;rm -rf ~/1"],
        cwd=ROOT, env=environment(tmp_path), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert refused.returncode == 2 and "is not a title code" in refused.stderr
    assert first.stop() == 0, first.log


def test_a_socket_left_by_a_crash_does_not_block_the_next_start(tmp_path: Path) -> None:
    crashed = App(tmp_path, "--demo")
    crashed.wait_for("getUpdates")
    crashed.process.kill()
    crashed.stop()
    again = App(tmp_path, "--demo")
    again.wait_for("getUpdates")
    later = subprocess.run(
        [sys.executable, "-m", "app", "title", "kingdom-of-the-night-city-beginning-9000"],
        cwd=ROOT, env=environment(tmp_path), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert later.returncode == 0, later.stderr
    again.wait_for("getTitle?code=kingdom-of-the-night-city-beginning-9000")
    assert again.stop() == 0, again.log
