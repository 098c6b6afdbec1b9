"""The look follows the setting and the desktop, live: dark, light and high contrast, from the
settings dialog, Qt's reading of the platform and the real XDG desktop portal (GNOME's settings
changed with gsettings); reduced motion makes menus appear at once and animations end at once."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.api.backend import ApiKind
from app.services.context import AppServices
from app.ui import motion, palettes, theme
from app.ui.appearance import Appearance
from app.ui.main_window import MainWindow
from app.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import until
from tests.ui.desktop_portal import DesktopSettings, desktop_portal

pytestmark = pytest.mark.parametrize("api_kind", [ApiKind.V2], ids=["v2"])
INTERFACE, A11Y = "org.gnome.desktop.interface", "org.gnome.desktop.a11y.interface"


@pytest.fixture
def themed(window: MainWindow) -> Iterator[QApplication]:
    """The app's theme on for one test (the others keep Qt's plain look), motion as it was."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style = app.style().name()
    theme.apply(app)
    try:
        yield app
    finally:
        motion.reduce(False)
        theme.unapply(app, style)


@pytest.fixture
async def appearance(
    themed: QApplication, window: MainWindow, services: AppServices
) -> AsyncIterator[Appearance]:
    follower = Appearance(services.settings, window)
    try:
        yield follower
    finally:
        follower.close()


def shown(window: MainWindow) -> QColor:
    """The rail's background as the screen shows it (a pixel of a grab, not a property)."""
    rail = window.rail
    image = window.grab().toImage()
    point = rail.mapTo(window, QPoint(rail.width() // 2, rail.height() - 4))
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(point.x() * ratio), int(point.y() * ratio))


def is_dark(window: MainWindow) -> bool:
    return window.palette().color(QPalette.ColorRole.Window).lightness() < 80


async def test_the_setting_switches_the_window_live(
    appearance: Appearance, window: MainWindow, services: AppServices
) -> None:
    assert is_dark(window)  # Qt cannot tell offscreen: the app's own dark
    dialog = SettingsDialog(services.settings, window)
    assert dialog.appearance.currentData() == "system"
    dialog.appearance.setCurrentIndex(dialog.appearance.findData("light"))
    dialog.accept()
    await until(lambda: not is_dark(window))
    assert shown(window).lightness() > 200, shown(window).name()
    assert window.palette().color(QPalette.ColorRole.Text).lightness() < 60  # dark text on it
    services.settings.set("appearance", "dark")
    await until(lambda: is_dark(window))
    assert shown(window).lightness() < 50, shown(window).name()


@pytest.fixture
def portal(
    session_bus: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[DesktopSettings]:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    with desktop_portal(session_bus, tmp_path / "desktop") as settings:
        yield settings


async def test_as_the_system_follows_the_desktop_portal(
    appearance: Appearance, window: MainWindow, services: AppServices, portal: DesktopSettings
) -> None:
    portal.set(INTERFACE, "color-scheme", "prefer-light")  # as the desktop's settings panel does
    await appearance.start()
    await until(lambda: not is_dark(window))
    assert shown(window).lightness() > 200
    portal.set(INTERFACE, "color-scheme", "prefer-dark")  # switched in the desktop's settings
    await until(lambda: is_dark(window))
    assert theme.current() is palettes.DARK
    portal.set(A11Y, "high-contrast", "true")
    await until(lambda: theme.current() is palettes.DARK_CONTRAST)
    assert shown(window) == QColor("#000000")
    assert window.palette().color(QPalette.ColorRole.Text) == QColor("#ffffff")
    services.settings.set("appearance", "light")  # the user's choice beats the desktop's
    await until(lambda: theme.current() is palettes.LIGHT_CONTRAST)
    assert shown(window) == QColor("#ffffff")


async def test_reduced_motion_shows_menus_and_ends_animations_at_once(
    appearance: Appearance, window: MainWindow, portal: DesktopSettings
) -> None:
    for effect in (Qt.UIEffect.UI_General, *motion.EFFECTS):  # a desktop that animates
        QApplication.setEffectEnabled(effect, True)
    try:
        await appearance.start()
        menu = window.menuBar().actions()[0].menu()
        assert menu is not None
        menu.popup(QPoint(40, 40))
        assert not menu.isVisible(), "the menu should slide in while motion is allowed"
        menu.close()
        portal.set(INTERFACE, "enable-animations", "false")  # "Reduce animation" in the desktop
        await until(motion.reduced)
        menu.popup(QPoint(40, 40))
        assert menu.isVisible()  # at once, whole
        menu.close()
        animation = QVariantAnimation()
        animation.setStartValue(0.0)
        animation.setEndValue(1.0)
        animation.setDuration(10_000)
        motion.start(animation)
        assert animation.currentValue() == 1.0
        portal.set(INTERFACE, "enable-animations", "true")
        await until(lambda: not motion.reduced())
        assert QApplication.isEffectEnabled(Qt.UIEffect.UI_AnimateMenu)  # as the desktop had it
    finally:
        for effect in (Qt.UIEffect.UI_General, *motion.EFFECTS):
            QApplication.setEffectEnabled(effect, False)
