"""What every screenshot tool does around its own shots: the arguments (an output folder and a
language, plus the tool's own), a Qt application as the app builds it (shared GL contexts for the
video, no sound), and the app's event loop running the tool's `capture` coroutine."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication


def arguments(add: Callable[[argparse.ArgumentParser], None] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="ru")
    if add is not None:
        add(parser)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    return args


def run(capture: Coroutine[Any, Any, Any]) -> Any:
    """Runs `capture` on the app's event loop in a fresh QApplication; its result."""
    os.environ["LC_NUMERIC"] = "C"
    os.environ.setdefault("LIBRIA_AUDIO_OUTPUT", "null")
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    from app.ui.event_loop import EventLoop

    loop = EventLoop(app)
    with loop:
        return loop.run_until_complete(capture)
