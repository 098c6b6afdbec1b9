"""Shows content, or what stands in for it: loading, empty, an error with retry, offline."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.state import LoadState


class StatePanel(QStackedWidget):
    retry_requested = Signal()
    demo_requested = Signal()  # "Open the demo", offered when offline (see offer_demo)

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self._status = QWidget()
        layout = QVBoxLayout(self._status)
        layout.addStretch(1)
        self.title_label = QLabel()
        self.title_label.setObjectName("stateTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label = QLabel()
        self.message_label.setObjectName("stateMessage")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(240)
        self.progress.setTextVisible(False)
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self.retry_requested)
        self.demo_button = QPushButton()
        self.demo_button.setObjectName("demoButton")
        self.demo_button.clicked.connect(self.demo_requested)
        self.offers_demo = False
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        for widget in (self.title_label, self.progress, self.message_label):
            # A wrapped label gets its height for the width only when it spans the layout: with
            # an alignment flag it is squeezed and its lines are cut off.
            alignment = (
                Qt.AlignmentFlag(0)
                if widget is self.message_label
                else Qt.AlignmentFlag.AlignHCenter
            )
            layout.addWidget(widget, 0, alignment)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.addWidget(content)
        self.addWidget(self._status)
        self.empty_text = ""
        self.state = LoadState.IDLE
        self._message = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.retry_button.setText(self.tr("Try again"))
        self.demo_button.setText(self.tr("Open the demo"))
        self.show_state(self.state, self._message)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def offer_demo(self, on: bool) -> None:
        """Whether the offline state offers the built-in demo (not when it already runs)."""
        self.offers_demo = on
        self.show_state(self.state, self._message)

    def show_state(self, state: LoadState, message: str = "") -> None:
        self.state, self._message = state, message
        if state in (LoadState.READY, LoadState.IDLE):
            self.setCurrentWidget(self.content)
            return
        titles = {
            LoadState.LOADING: self.tr("Loading…"),
            LoadState.EMPTY: self.empty_text or self.tr("Nothing here yet"),
            LoadState.ERROR: self.tr("The server answered with an error"),
            LoadState.OFFLINE: self.tr("No connection to the server"),
        }
        self.title_label.setText(titles[state])
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))
        self.progress.setVisible(state is LoadState.LOADING)
        self.retry_button.setVisible(state in (LoadState.ERROR, LoadState.OFFLINE))
        self.demo_button.setVisible(self.offers_demo and state is LoadState.OFFLINE)
        self.setCurrentWidget(self._status)
