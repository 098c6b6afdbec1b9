"""`libria` as a user starts it, plus a probe that reads back what it shows: run by the Wayland
suite under `QT_QPA_PLATFORM=wayland` against the compositor the test started.

`python -m tests.wayland.driver [libria's arguments]` runs the real start-up (app.bootstrap.run).
The probe starts once the QApplication exists (the class is swapped for a subclass before the app
is imported; nothing in the app knows about it) and walks the steps a viewer would: the catalogue
on screen, an episode played, full screen and back. After each step it prints one line,
`LIBRIA_WAYLAND <step> <json>`, with what it read (sizes, states, positions) and where it saved
the images (grabs from the app, a screenshot from the compositor) in $LIBRIA_WAYLAND_OUT. The test
judges; the probe only reads. Any failure prints an `error` step with the traceback.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6 import QtWidgets
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QOpenGLContext

MARK = "LIBRIA_WAYLAND"
PLAYED_CODE = "kingdom-of-the-night-city-beginning-9000"  # its episodes play the 30 s FHD video
GL_VENDOR, GL_RENDERER, GL_VERSION = 0x1F00, 0x1F01, 0x1F02


def report(step: str, **facts: Any) -> None:
    print(f"{MARK} {step} {json.dumps(facts)}", flush=True)


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def _out() -> Path:
    return Path(os.environ["LIBRIA_WAYLAND_OUT"])


def _save(image: QImage, name: str) -> str:
    path = _out() / name
    if not image.save(str(path)):
        raise RuntimeError(f"could not save {path}")
    return str(path)


async def until(condition: Callable[[], Any], within: float, what: str) -> Any:
    """The condition's value once it is truthy; the loop (and the app) runs meanwhile."""
    deadline = time.monotonic() + within
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {within} s waiting for {what}")
        await asyncio.sleep(0.02)
    return value


class Frames:
    """Counts the video widget's swapped frames, to wait for one drawn after a change."""

    def __init__(self, video: Any) -> None:
        self.count = 0
        video.frame_presented.connect(self._presented)

    def _presented(self) -> None:
        self.count += 1

    async def next(self, what: str, frames: int = 2) -> None:
        wanted = self.count + frames
        await until(lambda: self.count >= wanted, 20, what)


def _main_window() -> Any:
    from app.ui.main_window import MainWindow

    for widget in QtWidgets.QApplication.topLevelWidgets():
        handle = widget.windowHandle()
        if isinstance(widget, MainWindow) and handle is not None and handle.isExposed():
            return widget
    return None


async def catalogue(window: Any) -> None:
    from app.ui.catalog.model import POSTER_SIZE, PosterRole
    from app.ui.pages.catalog_page import CatalogPage

    grid = window.page_for("updates", CatalogPage).grid
    model = grid.model()

    def first_poster() -> Any:
        if not grid.isVisible() or model.rowCount() == 0:
            return None
        index = model.index(0, 0)
        return index if index.data(PosterRole) is not None else None

    index = await until(first_poster, 30, "the first poster of the catalogue")
    card = grid.visualRect(index)
    # Where the delegate draws the poster: the card inset by 4, then by 4 again.
    corner = grid.viewport().mapTo(window, card.topLeft() + QPoint(8, 8))
    report(
        "catalogue",
        grab=_save(window.grab().toImage(), "catalogue.png"),
        poster=_save(index.data(PosterRole), "poster.png"),
        poster_rect=[corner.x(), corner.y(), POSTER_SIZE.width(), POSTER_SIZE.height()],
        rows=model.rowCount(),
        first=index.data(Qt.ItemDataRole.DisplayRole),
    )


def _gl_strings(video: Any) -> dict[str, str]:
    video.makeCurrent()
    try:
        context = QOpenGLContext.currentContext()
        functions = context.functions()
        return {
            "vendor": functions.glGetString(GL_VENDOR),
            "renderer": functions.glGetString(GL_RENDERER),
            "version": functions.glGetString(GL_VERSION),
            "gles": context.isOpenGLES(),
        }
    finally:
        video.doneCurrent()


def _frame(pane: Any, name: str) -> dict[str, Any]:
    """The video widget's framebuffer as mpv last drew it, and the position it shows."""
    image = pane.video.grabFramebuffer()
    return {"path": _save(image, name), "time": pane.session.player.mpv.time_pos}


async def play(window: Any) -> tuple[Any, Frames]:
    window.play_code(PLAYED_CODE, 1)
    pane = window.player
    frames = Frames(pane.video)
    state = lambda: pane.session.state  # noqa: E731
    await until(lambda: state().loaded and state().position > 1.0, 40, "playback past 1 s")
    await frames.next("frames drawn while playing")
    first = _frame(pane, "frame-1.png")
    await until(lambda: state().position > first["time"] + 1.2, 20, "a second more of playback")
    await frames.next("frames drawn a second later")
    second = _frame(pane, "frame-2.png")
    report(
        "frames",
        frames=[first, second],
        gl=_gl_strings(pane.video),
        video_size=list(state().video_size),
        quality=pane.choice.quality.value,
        shown=window.stack.currentWidget() is pane,
    )
    return pane, frames


def _window_facts(window: Any) -> dict[str, Any]:
    handle = window.windowHandle()
    return {
        "full_screen": window.isFullScreen(),
        "handle_full_screen": bool(handle.windowStates() & Qt.WindowState.WindowFullScreen),
        "size": [window.width(), window.height()],
        "screen": _rect(window.screen().geometry()),
        "rail_visible": window.rail.isVisible(),
    }


async def _screenshot() -> str:
    """What the compositor shows: weston's screenshooter writes the output into its folder."""
    folder = _out() / "screenshot"
    folder.mkdir(exist_ok=True)
    done = await asyncio.to_thread(
        subprocess.run, ["weston-screenshooter"], cwd=folder, capture_output=True, text=True,
        timeout=30,
    )  # fmt: skip
    shots = sorted(folder.glob("*.png"))
    if done.returncode != 0 or not shots:
        raise RuntimeError(f"weston-screenshooter failed: {done.stdout}{done.stderr}")
    return str(shots[-1])


async def full_screen(window: Any, pane: Any, frames: Frames) -> None:
    normal = _window_facts(window)
    pane.fullscreen_button.click()
    screen = window.screen().geometry().size()
    await until(lambda: window.isFullScreen() and window.size() == screen, 20,
                "the compositor to make the window full screen")  # fmt: skip
    await frames.next("frames drawn full screen")
    pane.session.player.set_paused(True)  # one still frame: the position names what it shows
    await until(lambda: pane.session.state.paused, 10, "the pause")
    pane.video.update()
    await frames.next("the paused frame drawn", frames=1)
    shown = _window_facts(window)
    video_at = pane.video.mapTo(window, QPoint(0, 0))
    report(
        "full_screen",
        normal=normal,
        full=shown,
        screenshot=await _screenshot(),
        frame=_frame(pane, "frame-full.png"),
        video_rect=[video_at.x(), video_at.y(), pane.video.width(), pane.video.height()],
    )
    pane.session.player.set_paused(False)
    window.go_back()  # Esc / Back first leaves full screen
    await until(lambda: not window.isFullScreen() and window.size().width() < screen.width(), 20,
                "the window back from full screen")  # fmt: skip
    while True:  # the window may be resized again once back (app.ui.normal_size)
        size = window.size()
        await frames.next("frames drawn back in the window")
        if window.size() == size:
            break
    report(
        "windowed", after=_window_facts(window), player_shown=window.stack.currentWidget() is pane
    )


async def _script() -> None:
    window = await until(_main_window, 60, "the main window on screen")
    report(
        "platform",
        name=QGuiApplication.platformName(),
        display=os.environ.get("DISPLAY"),
        wayland=os.environ.get("WAYLAND_DISPLAY"),
        ratio=window.devicePixelRatio(),
    )
    await catalogue(window)
    pane, frames = await play(window)
    await full_screen(window, pane, frames)
    report("done")


_probe: list[asyncio.Task[None]] = []


async def _run() -> None:
    try:
        await _script()
    except Exception:
        report("error", traceback=traceback.format_exc())


class _ProbedApplication(QtWidgets.QApplication):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        # Runs once the app's event loop does (the window is built inside it).
        QTimer.singleShot(0, lambda: _probe.append(asyncio.ensure_future(_run())))


def main() -> int:
    QtWidgets.QApplication = _ProbedApplication  # type: ignore[misc]
    from app.bootstrap import run

    sys.argv[0] = "libria"
    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
