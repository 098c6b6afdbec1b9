"""The keys, over the window (F1 or ?): the window's shortcuts and the player's. Any click, Esc,
F1 or ? closes it, and the focus goes back where it was."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget
from shiboken6 import Shiboken

from app.ui import accessible

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
CLOSING_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_F1, Qt.Key.Key_Question, Qt.Key.Key_Return,
                Qt.Key.Key_Enter, Qt.Key.Key_Space}  # fmt: skip


# (keys, what they do): source texts, translated when shown (key names like "Ctrl+F" stay).
WINDOW_KEYS = (
    ("Ctrl+F", QT_TRANSLATE_NOOP("HelpOverlay", "Search")),
    ("Ctrl+1…9, Alt+1…9", QT_TRANSLATE_NOOP("HelpOverlay", "The rail's pages, top to bottom")),
    (
        "Backspace, Alt+←, Esc",
        QT_TRANSLATE_NOOP("HelpOverlay", "Back (the mouse's back button too)"),
    ),
    ("← → ↑ ↓", QT_TRANSLATE_NOOP("HelpOverlay", "Move in a grid or a list")),
    (
        QT_TRANSLATE_NOOP("HelpOverlay", "Enter"),
        QT_TRANSLATE_NOOP("HelpOverlay", "Open the title, play the episode"),
    ),
    (
        QT_TRANSLATE_NOOP("HelpOverlay", "Menu key"),
        QT_TRANSLATE_NOOP("HelpOverlay", "The card's or the episode's menu"),
    ),
    ("Tab, Shift+Tab", QT_TRANSLATE_NOOP("HelpOverlay", "The next or the previous control")),
    ("↓ / ↑", QT_TRANSLATE_NOOP("HelpOverlay", "From the search field to the results and back")),
    ("F1, ?", QT_TRANSLATE_NOOP("HelpOverlay", "These keys")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("HelpOverlay", "Quit")),
)
PLAYER_KEYS = (  # the player pane's shortcuts (app.ui.player_pane)
    (QT_TRANSLATE_NOOP("HelpOverlay", "Space"), QT_TRANSLATE_NOOP("HelpOverlay", "Play / pause")),
    ("← / →", QT_TRANSLATE_NOOP("HelpOverlay", "5 seconds back / forward")),
    ("↓ / ↑", QT_TRANSLATE_NOOP("HelpOverlay", "A minute back / forward")),
    ("N / P", QT_TRANSLATE_NOOP("HelpOverlay", "The next / the previous episode")),
    ("M", QT_TRANSLATE_NOOP("HelpOverlay", "Mute")),
    (
        QT_TRANSLATE_NOOP("HelpOverlay", "F, double-click"),
        QT_TRANSLATE_NOOP("HelpOverlay", "Full screen"),
    ),
    ("Esc", QT_TRANSLATE_NOOP("HelpOverlay", "Leave full screen, then back to the title")),
)


class HelpOverlay(QWidget):
    """A dimmed cover over the whole window with the keys on a card in the middle."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("helpOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._return_to: QWidget | None = None
        self.card = QFrame()
        self.card.setObjectName("helpCard")
        self.heading = QLabel()
        self.heading.setObjectName("helpHeading")
        self.hint = QLabel()
        self.hint.setObjectName("helpHint")
        self.columns = QHBoxLayout()
        self.columns.setSpacing(40)
        card = QVBoxLayout(self.card)
        card.setContentsMargins(32, 24, 32, 24)
        card.addWidget(self.heading)
        card.addLayout(self.columns)
        card.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(self.card, 0, Qt.AlignmentFlag.AlignCenter)
        window.installEventFilter(self)  # follows the window's size
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(translate("HelpOverlay", "Keyboard shortcuts"))
        self.hint.setText(translate("HelpOverlay", "Esc, F1 or a click closes this"))
        accessible.name(self, self.heading.text(), self.hint.text())  # it takes the focus
        while (item := self.columns.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)  # gone from the card now, not at the next loop turn
                widget.deleteLater()
        self.columns.addWidget(_section(translate("HelpOverlay", "Window"), WINDOW_KEYS))
        self.columns.addWidget(_section(translate("HelpOverlay", "Player"), PLAYER_KEYS))

    def open(self) -> None:
        self._return_to = self.window().focusWidget()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    def close_overlay(self) -> None:
        self.hide()
        back = self._return_to
        if back is not None and Shiboken.isValid(back) and back.isVisible():
            back.setFocus(Qt.FocusReason.PopupFocusReason)

    def texts(self) -> list[str]:
        """Every text on the card, in order (what a reader sees)."""
        return [label.text() for label in self.card.findChildren(QLabel) if label.text()]

    # ----- events -----

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # while open, keys are the overlay's: no window shortcut fires
            return True
        tabs = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in tabs
        ):
            return True  # the focus stays here, not on the page under the cover
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in CLOSING_KEYS:
            self.close_overlay()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.close_overlay()
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 170))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


def _section(title: str, rows: tuple[tuple[object, object], ...]) -> QWidget:
    section = QWidget()
    grid = QGridLayout(section)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(16)
    grid.setVerticalSpacing(8)
    heading = QLabel(title)
    heading.setObjectName("sectionHeading")
    grid.addWidget(heading, 0, 0, 1, 2)
    for row, (keys, action) in enumerate(rows, start=1):
        key_label = QLabel(translate("HelpOverlay", str(keys)))
        key_label.setObjectName("helpKeys")
        grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignTop)
        what = QLabel(translate("HelpOverlay", str(action)))
        what.setWordWrap(True)
        what.setMinimumWidth(280)  # a line each, not squeezed by the keys beside
        grid.addWidget(what, row, 1, Qt.AlignmentFlag.AlignTop)
    grid.setColumnStretch(1, 1)
    grid.setRowStretch(len(rows) + 1, 1)
    return section
