"""The tray icon: open the window, the latest new episodes (click plays), pause notifications,
quit. It also shows notifications where the desktop has no notification server."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.core.paths import resources_dir
from app.services.announcer import NewEpisode
from app.ui.notifications import item_line
from app.ui.tray_notice import tray_available

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
MESSAGE_MS = 10_000


def tray_icon() -> QIcon:
    """A monochrome glyph that suits the desktop's light or dark scheme; the colour icon where
    the scheme is unknown (it reads on any panel)."""
    icons = resources_dir() / "icons"
    scheme = QGuiApplication.styleHints().colorScheme()
    names = {Qt.ColorScheme.Dark: "tray-dark.svg", Qt.ColorScheme.Light: "tray-light.svg"}
    return QIcon(str(icons / names.get(scheme, "libria.svg")))


class Tray(QObject):
    open_requested = Signal()
    quit_requested = Signal()
    watch_requested = Signal(object)  # NewEpisode
    pause_toggled = Signal(bool)  # True: paused
    message_clicked = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon = QSystemTrayIcon(icon, self)
        self.menu = QMenu()
        self.open_action = QAction(self.menu)
        self.open_action.triggered.connect(self.open_requested)
        self.episodes_menu = QMenu()
        self.pause_action = QAction(self.menu)
        self.pause_action.setCheckable(True)
        self.pause_action.toggled.connect(self.pause_toggled)
        self.quit_action = QAction(self.menu)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.open_action)
        self.menu.addMenu(self.episodes_menu)
        self.menu.addAction(self.pause_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.message_clicked)
        self._episodes: list[NewEpisode] = []
        self._status = ""  # e.g. the downloads' progress, under the name in the tooltip
        self.retranslate()

    @staticmethod
    def available() -> bool:
        return tray_available()

    def retranslate(self) -> None:
        self.open_action.setText(translate("Tray", "Open Libria"))
        self.episodes_menu.setTitle(translate("Tray", "New episodes"))
        self.pause_action.setText(translate("Tray", "Pause notifications"))
        self.quit_action.setText(translate("Tray", "Quit"))
        self.set_status(self._status)
        self.show_episodes(self._episodes)

    def set_status(self, line: str) -> None:
        """A line under "Libria" in the icon's tooltip (empty: none)."""
        self._status = line
        self.icon.setToolTip(f"Libria\n{line}" if line else "Libria")

    def set_paused(self, paused: bool) -> None:
        self.pause_action.setChecked(paused)

    def show_episodes(self, episodes: list[NewEpisode]) -> None:
        """The submenu of the last few announced episodes, newest first; a click plays one."""
        self._episodes = list(episodes)
        self.episodes_menu.clear()
        for item in episodes:
            action = self.episodes_menu.addAction(item_line(item))
            action.triggered.connect(lambda _=False, chosen=item: self.watch_requested.emit(chosen))
        if not episodes:
            empty = self.episodes_menu.addAction(translate("Tray", "Nothing new yet"))
            empty.setEnabled(False)

    def show_message(self, summary: str, body: str) -> None:
        self.icon.showMessage(summary, body, self.icon.icon(), MESSAGE_MS)

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_requested.emit()
