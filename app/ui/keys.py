"""The window's keys: the Go and Help menus (Back, Search, the rail's pages by number, the keys'
help), Backspace and the mouse's back button for Back, and where the focus goes on each page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from app.core import TeamRole
from app.ui import accessible
from app.ui.focus import PageFocus
from app.ui.pages.base import Page

if TYPE_CHECKING:  # the player loads when first opened, not with the window's keys
    from app.ui.help_overlay import HelpOverlay
    from app.ui.main_window import MainWindow
    from app.ui.player_pane import PlayerPane

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
NUMBERED = 9  # Ctrl+1 … Ctrl+9: the rail's first nine offered pages


def typing_in(widget: QWidget | None) -> bool:
    """Whether keys go to a text the user edits (there Backspace deletes, it is not Back)."""
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return isinstance(widget, QAbstractSpinBox)


class WindowKeys(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        bar = window.menuBar()
        self.go_menu = bar.addMenu("")
        media_back = QKeySequence(Qt.Key.Key_Back)  # a keyboard's or a remote's Back key
        self.back_action = self._action(window.go_back, "Alt+Left", "Esc", media_back)
        self.go_menu.addAction(self.back_action)
        self.go_menu.addSeparator()
        self.page_actions: dict[str, QAction] = {}
        for entry in window.pages.entries:
            search = entry.key == "search"  # Ctrl+F too, and the field ready for typing
            action = self._action(self.open_search if search else self._shows(entry.key))
            self.go_menu.addAction(action)
            self.page_actions[entry.key] = action
        self.help_menu = bar.addMenu("")
        self.help_action = self._action(self.show_help, "F1", "?", "Shift+?")
        self.help_menu.addAction(self.help_action)
        backspace = QShortcut(QKeySequence(Qt.Key.Key_Backspace), window)
        backspace.activated.connect(self._backspace)
        self._help: HelpOverlay | None = None  # made when first asked for (F1)
        self.focus = PageFocus(window.stack, self._focus_target, window.navigation.hasFocus)
        window.stack.currentChanged.connect(self._page_changed)
        window.rail.offered_changed.connect(self.number_pages)
        window.navigation.itemActivated.connect(self._into_page)  # Enter on the rail
        window.installEventFilter(self)  # its native window, once made: the mouse's back button
        self.number_pages()

    def _action(self, slot: Callable[[], None], *keys: str | QKeySequence) -> QAction:
        """An action of the window itself too, so its keys work with the menu bar hidden."""
        action = QAction(self._window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def _shows(self, key: str) -> Callable[[], None]:
        return lambda: self._window.show_page(key)

    def retranslate(self) -> None:
        self.go_menu.setTitle(translate("MainWindow", "&Go"))
        self.back_action.setText(translate("MainWindow", "&Back"))
        for entry in self._window.pages.entries:
            self.page_actions[entry.key].setText(entry.label())
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.help_action.setText(translate("MainWindow", "&Keyboard shortcuts"))
        self.number_pages()

    def number_pages(self) -> None:
        """Ctrl+n and Alt+n for the n-th page the rail offers (those the API lacks are hidden)."""
        rail = self._window.rail
        shown = [e.key for e in self._window.pages.entries if not rail.item(e.key).isHidden()]
        for key, action in self.page_actions.items():
            action.setVisible(key in shown)
            number = shown.index(key) + 1 if key in shown else 0
            keys = [f"Ctrl+{number}", f"Alt+{number}"] if 0 < number <= NUMBERED else []
            rail.item(key).setToolTip(keys[0] if keys else "")
            rail.item(key).setData(accessible.DescriptionRole, keys[0] if keys else "")
            if key == "search":
                keys.insert(0, "Ctrl+F")  # the one the menu shows
            action.setShortcuts([QKeySequence(k) for k in keys])

    # ----- what the keys do -----

    def open_search(self) -> None:
        from app.ui.pages.search_page import SearchPage  # built on first use, as in the rail

        self._window.show_page("search")
        field = self._window.page_for("search", SearchPage).field
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    def find_member(self, role: TeamRole, name: str) -> None:
        """The team page's Enter: the search page, filtered by that member."""
        from app.ui.pages.search_page import SearchPage

        self._window.show_page("search")
        self._window.page_for("search", SearchPage).find_member(role, name)

    @property
    def help(self) -> HelpOverlay:
        """The keys' help over the window."""
        if self._help is None:
            from app.ui.help_overlay import HelpOverlay

            self._help = HelpOverlay(self._window)
        return self._help

    def show_help(self) -> None:
        self.help.open()

    def _into_page(self) -> None:
        page = self._window.stack.currentWidget()
        if page is not None:
            self.focus.enter(page)

    def _backspace(self) -> None:
        if not typing_in(QApplication.focusWidget()):
            self._window.go_back()

    def _focus_target(self, widget: QWidget) -> QWidget | None:
        if isinstance(widget, Page):
            return widget.focus_target()
        player = self._window._player
        if player is not None and widget is player:
            return player.video
        return None

    def _page_changed(self, _index: int) -> None:
        """Full screen is the player's: another page (Ctrl+1, a notification) leaves it."""
        window = self._window
        player = window._player  # None until the player is first opened
        if player is not None and window.stack.currentWidget() is player:
            # The first video makes Qt remake the window natively (for OpenGL): the new one
            # is not active, and the player's keys would go nowhere.
            QTimer.singleShot(0, self, lambda: self._reactivate(player))
        elif window.isFullScreen() and player is not None:
            player.leave_fullscreen()

    def _reactivate(self, pane: PlayerPane) -> None:
        window = self._window
        if window.isVisible() and QApplication.activeWindow() is None:
            window.activateWindow()
            if window.stack.currentWidget() is pane:
                pane.video.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._window and kind in (QEvent.Type.Show, QEvent.Type.WinIdChange):
            handle = self._window.windowHandle()
            if handle is not None:
                handle.removeEventFilter(self)  # once, however often it is shown
                handle.installEventFilter(self)
        pressed = isinstance(event, QMouseEvent) and kind == QEvent.Type.MouseButtonPress
        if pressed and event.button() == Qt.MouseButton.BackButton:  # type: ignore[attr-defined]
            self._window.go_back()
            return True
        return False
