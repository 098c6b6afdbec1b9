"""Whether the desktop has a system tray, and the banner that says so when it has none: light,
as a cold start asks before its first page is shown and builds the tray itself only after it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSystemTrayIcon

if TYPE_CHECKING:
    from app.services.settings import SettingsStore
    from app.ui.main_window import MainWindow

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


def warn_without_tray(window: MainWindow, settings: SettingsStore) -> None:
    """Where there is no tray, once per profile, a banner above the page: closing the window
    quits, and new episodes are announced only while it is open."""
    if settings.get("tray_notice_shown"):
        return
    settings.set("tray_notice_shown", True)
    window.banners.show_warning(
        translate("Announcements", "There is no system tray here: closing the window "
                  "quits Libria, and new episodes are announced while it is open.")
    )  # fmt: skip
