"""Which colours and how much motion, decided live: the setting (as the system, dark, light),
the desktop portal's wishes (colour scheme, high contrast, reduced motion) and Qt's own reading
of the platform (colorScheme, contrastPreference). The portal is asked after the first page."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app.desktop.portal_settings import DesktopWishes, PortalSettings
from app.services.settings import SettingsStore
from app.ui import motion, theme
from app.ui.palettes import Colours

log = logging.getLogger(__name__)


class Appearance(QObject):
    changed = Signal()  # the colours or the motion switched

    def __init__(self, settings: SettingsStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._desktop = DesktopWishes()
        self._portal: PortalSettings | None = None
        # Held: the accessibility hints object dies with a temporary styleHints() wrapper.
        self._hints = QGuiApplication.styleHints()
        self._accessibility = self._hints.accessibility()
        self._hints.colorSchemeChanged.connect(self.follow)
        self._accessibility.contrastPreferenceChanged.connect(self.follow)
        settings.on_change("appearance", self._setting_changed)
        self.follow()

    def colours(self) -> Colours:
        choice = str(self._settings.get("appearance"))
        return theme.chosen_colours(choice, self._desktop.dark, self._desktop.high_contrast)

    def follow(self, *_: object) -> None:
        """Applies what is asked now (a no-op when nothing changed)."""
        app = QApplication.instance()
        if not isinstance(app, QApplication) or not theme.applied():
            return
        colours, calm = self.colours(), bool(self._desktop.reduced_motion)
        if colours == theme.current() and calm == motion.reduced():
            return
        log.info("appearance: %s%s", colours.name, ", reduced motion" if calm else "")
        theme.use(app, colours)
        motion.reduce(calm)
        self.changed.emit()

    def desktop_wishes(self, wishes: DesktopWishes) -> None:
        self._desktop = wishes
        self.follow()

    async def start(self) -> None:
        """Asks the desktop portal (D-Bus) and follows its changes; nothing if there is none."""
        portal = PortalSettings(self.desktop_wishes)
        if await portal.connect():
            self._portal = portal
            self.desktop_wishes(portal.wishes)

    def close(self) -> None:
        if self._portal is not None:
            self._portal.close()
            self._portal = None

    def _setting_changed(self, _value: object) -> None:
        self.follow()
