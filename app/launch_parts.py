"""Small parts of start-up (app.bootstrap): the process's settings before Qt, the API the settings
name, and what a later launch asks of the running one."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication

from app import __version__
from app.cli import BadLinkError, UsageError, parse
from app.core.identity import APP_ID

if TYPE_CHECKING:
    from app.api.backend import ApiKind
    from app.services.settings import SettingsStore
    from app.ui.main_window import MainWindow

log = logging.getLogger("libria")


def prepare_process() -> None:
    # libmpv reads numbers with the C locale; set before Qt can change it.
    os.environ["LC_NUMERIC"] = "C"
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setApplicationName("Libria")
    QCoreApplication.setOrganizationName("Libria")
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)


def api_base_of(settings: SettingsStore) -> str | None:
    """What the store says (--api-base, $LIBRIA_API_BASE, the saved setting); None: automatic."""
    return settings.get("api_base") or None


def api_kind_of(settings: SettingsStore) -> ApiKind:
    """What the store says (--api-kind, $LIBRIA_API_KIND, the saved setting)."""
    from app.api.backend import ApiKind

    return ApiKind(settings.get("api_kind"))


def follow(window: MainWindow, args: list[str]) -> None:
    """What a later launch asked for: its link, or just the window."""
    try:
        options = parse(args)
    except (UsageError, BadLinkError) as error:
        log.warning("a later launch passed unusable arguments: %s", error)
        window.bring_to_front()
        return
    window.bring_to_front()
    if options.link is not None:
        window.open_link(options.link)
