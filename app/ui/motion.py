"""Reduced motion, as the desktop asks: Qt's own effects (menus, combo boxes and tooltips that
slide or fade in) are switched off, and an animation the app starts through `start` jumps to
its end. The app has no animation of its own today; anything that animates goes through here."""

from __future__ import annotations

from PySide6.QtCore import QAbstractAnimation, Qt
from PySide6.QtWidgets import QApplication, QMainWindow

EFFECTS = (
    Qt.UIEffect.UI_AnimateMenu,
    Qt.UIEffect.UI_FadeMenu,
    Qt.UIEffect.UI_AnimateCombo,
    Qt.UIEffect.UI_AnimateTooltip,
    Qt.UIEffect.UI_FadeTooltip,
    Qt.UIEffect.UI_AnimateToolBox,
)

_reduced = False
_platform: dict[Qt.UIEffect, bool] = {}  # what the platform had on, given back when allowed


def reduced() -> bool:
    return _reduced


def reduce(reduced: bool) -> None:
    """Motion off (True) or as the platform has it (False); live, for every window."""
    global _reduced
    if reduced == _reduced:
        return
    _reduced = reduced
    if reduced:
        _platform.clear()
        _platform.update({effect: QApplication.isEffectEnabled(effect) for effect in EFFECTS})
        for effect in EFFECTS:
            QApplication.setEffectEnabled(effect, False)
    else:
        for effect, on in _platform.items():
            QApplication.setEffectEnabled(effect, on)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow):  # docks and tool bars glide when moved
            widget.setAnimated(not reduced)


def start(animation: QAbstractAnimation) -> None:
    """Runs `animation`, or with reduced motion puts it at its end value at once."""
    if _reduced and animation.totalDuration() >= 0:
        animation.start()
        animation.setCurrentTime(animation.totalDuration())  # the end value, and finished()
        return
    animation.start()
