"""What every screenshot tool does around its own shots: the arguments (an output folder, a
language, the scale factor and the colour scheme, plus the tool's own), a Qt application as the
app builds it (shared GL contexts for the video, no sound), in the look asked for, and the app's
event loop running the tool's `capture` coroutine."""

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


SCHEMES = ("dark", "light", "dark-contrast", "light-contrast")
_scheme = "dark"


def arguments(add: Callable[[argparse.ArgumentParser], None] | None = None) -> argparse.Namespace:
    global _scheme
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="ru")
    parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR, e.g. 1, 1.5, 2")
    parser.add_argument("--scheme", choices=SCHEMES, default="dark")
    if add is not None:
        add(parser)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ["QT_SCALE_FACTOR"] = args.scale  # read when the QApplication is made
    _scheme = args.scheme
    return args


def apply_look() -> None:
    """The app's theme in the scheme asked for (`--scheme`), whatever the platform says."""
    from app.ui import palettes, theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app)
    sets = (palettes.DARK, palettes.LIGHT, palettes.DARK_CONTRAST, palettes.LIGHT_CONTRAST)
    theme.use(app, next(colours for colours in sets if colours.name == _scheme))


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
    from app.ui.i18n import install_language

    demo = DemoServerThread(DemoConfig()).start()
    home = Path(tempfile.mkdtemp(prefix=prefix))
    settings = SettingsStore(home / "settings.ini")
    settings.override("language", language)
    if prepare is not None:
        prepare(settings, home)
    install_language(language)
    apply_look()
    services = AppServices(settings, demo.api_base(), home / "cache")
    await services.start()
    return demo, services
