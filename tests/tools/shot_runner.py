"""What every screenshot tool does around its own shots: the arguments (an output folder and a
language, plus the tool's own), a Qt application as the app builds it (shared GL contexts for the
video, no sound), and the app's event loop running the tool's `capture` coroutine."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from app.demo import DemoServerThread
    from app.services.context import AppServices
    from app.services.settings import SettingsStore


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


async def demo_services(
    language: str, prefix: str, prepare: Callable[[SettingsStore, Path], None] | None = None
) -> tuple[DemoServerThread, AppServices]:
    """The demo server (v2), and the app's services on it in a home of their own (`prefix`),
    in `language` and the app's theme; `prepare` sets more settings first."""
    from app.demo import DemoConfig, DemoServerThread
    from app.services.context import AppServices
    from app.services.settings import SettingsStore
    from app.ui import theme
    from app.ui.i18n import install_language

    demo = DemoServerThread(DemoConfig()).start()
    home = Path(tempfile.mkdtemp(prefix=prefix))
    settings = SettingsStore(home / "settings.ini")
    settings.override("language", language)
    if prepare is not None:
        prepare(settings, home)
    install_language(language)
    theme.apply(QApplication.instance())  # type: ignore[arg-type]
    services = AppServices(settings, demo.api_base(), home / "cache")
    await services.start()
    return demo, services
