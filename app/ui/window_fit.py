"""The main window fits its screen, in and out of full screen.

Under Wayland a window must keep to the size the compositor gives it when full screen (or
maximized); Weston ends a client that does not. With the rail and the player shown the window's
minimum is over 900 px wide, more than a small screen has at 150 % (1366×768): leaving full screen
the rail came back, the window grew to its minimum while still full screen, and the app was
killed. `FittedCentral` bounds the minimum by the screen instead (the content is squeezed there).

Under Wayland with client-side decorations (Qt draws the title bar, as on GNOME or Weston),
leaving full screen Qt restores a size short by the decorations: every round trip shrank the
window by its title bar and borders. `NormalSize` puts back, on the first resize after leaving
full screen and once, the size the window had before (a compositor that insists keeps its size).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QScreen, QWindowStateChangeEvent
from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.9  # of the screen's available size, room left for the decorations
RESTORE_WITHIN_S = 2.0  # the compositor's answer comes in milliseconds; later is the user's
_NOT_NORMAL = (
    Qt.WindowState.WindowFullScreen
    | Qt.WindowState.WindowMaximized
    | Qt.WindowState.WindowMinimized
)


FIRST_SIZE = QSize(1320, 860)


def first_size(screen: QScreen | None) -> QSize:
    """The main window's size as made: its wish, within 95 % of the screen."""
    available = screen.availableGeometry().size() if screen is not None else FIRST_SIZE
    return FIRST_SIZE.boundedTo(available * 0.95)


class FittedCentral(QWidget):
    """A main window's central widget whose minimum never asks for more than the screen."""

    def minimumSizeHint(self) -> QSize:
        wanted = super().minimumSizeHint()
        screen = self.screen()
        if screen is None:
            return wanted
        return wanted.boundedTo(screen.availableGeometry().size() * SCREEN_SHARE)


class NormalSize(QObject):
    """Watches a top-level window's resizes and state changes (an event filter on it)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._normal = window.size()
        self._restore_until = 0.0  # monotonic; 0: nothing to put back
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window:
            if event.type() == QEvent.Type.WindowStateChange:
                self._state_changed(event)  # type: ignore[arg-type]
            elif event.type() == QEvent.Type.Resize:
                self._resized()
        return False

    def _state_changed(self, event: QWindowStateChangeEvent) -> None:
        left_full_screen = bool(event.oldState() & Qt.WindowState.WindowFullScreen)
        if left_full_screen and not self._window.windowState() & _NOT_NORMAL:
            self._restore_until = time.monotonic() + RESTORE_WITHIN_S

    def _resized(self) -> None:
        window = self._window
        if window.windowState() & _NOT_NORMAL:
            return
        size = window.size()
        restore_until, self._restore_until = self._restore_until, 0.0
        if time.monotonic() < restore_until and size != self._normal:
            window.resize(self._normal)
            return
        self._normal = size
