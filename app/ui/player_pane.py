"""The player pane: the video, its controls and keys. What plays, resume, saving and auto-next
are the playback session's (app.services.session); the pane asks it and shows what it says."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core import Episode, Quality, Title
from app.core.player_state import PlayerState
from app.services.session import PlaybackSession
from app.services.streams import PlaybackError, StreamChoice
from app.ui import accessible
from app.ui.labels import clock, name
from app.ui.links import open_external
from app.ui.widgets import glyphs

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
QUALITY_LABELS = {Quality.FHD: "1080p", Quality.HD: "720p", Quality.SD: "480p"}


_ICONS: dict[str, QIcon] = {}


def _icon(name: str) -> QIcon:
    """The buttons' drawn icons, made once (they paint in the palette's colours when shown)."""
    if name not in _ICONS:
        make = {"play": glyphs.play_icon, "pause": glyphs.pause_icon,
                "previous": glyphs.previous_icon, "next": glyphs.next_icon,
                "volume": lambda: glyphs.volume_icon(False),
                "muted": lambda: glyphs.volume_icon(True),
                "full screen": glyphs.full_screen_icon}[name]  # fmt: skip
        _ICONS[name] = make()
    return _ICONS[name]


class _DoubleClicks(QObject):
    """Double-clicks on the video (a widget the player owns) toggle full screen."""

    def __init__(self, target: QWidget, action: Callable[[], None]) -> None:
        super().__init__(target)
        self._action = action
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonDblClick:
            self._action()
            return True
        return False


class PlayerPane(QWidget):
    fullscreen_toggled = Signal(bool)

    def __init__(self, session: PlaybackSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playerPane")
        self.session = session
        self.video = session.create_view()
        self.video.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the pane's keys need its focus
        _DoubleClicks(self.video, self.toggle_fullscreen)
        self.fullscreen = False
        self._seeking = False
        self._showing: tuple[Title, Episode] | None = None  # what the heading names
        self.title_label = self._plain_label("playerTitle")
        self.message = self._plain_label("playerMessage")
        self.message.setWordWrap(True)
        self._build_controls()
        self._build_layout()
        session.requested.connect(self._requested)
        session.started.connect(self._started)
        session.failed.connect(self._show_error)
        session.state_changed.connect(self._state_changed)
        session.countdown.connect(self._count_down)
        self._shortcuts()
        self.retranslate()
        if session.wanted is not None:  # the request that made the window build this pane
            self._requested(*session.wanted)
        current = session.current
        if current is not None and session.wanted == (current.title, current.episode):
            self._started(current)  # it plays already: a window built around a cold play
        if session.failure is not None:  # it failed before this pane could be told
            self._show_error(session.failure)

    @staticmethod
    def _plain_label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _build_controls(self) -> None:
        session = self.session
        self.play_button = QToolButton()
        self.play_button.clicked.connect(session.toggle_pause)
        self.previous_button = QToolButton()
        self.previous_button.clicked.connect(lambda: session.step(-1))
        self.next_button = QToolButton()
        self.next_button.clicked.connect(lambda: session.step(1))
        self.seek_bar = QSlider(Qt.Orientation.Horizontal)
        self.seek_bar.setRange(0, 1000)
        self.seek_bar.sliderPressed.connect(lambda: setattr(self, "_seeking", True))
        self.seek_bar.sliderReleased.connect(self._seek_released)
        self.time_label = QLabel("00:00 / 00:00")
        self.mute_button = QToolButton()
        self.mute_button.clicked.connect(session.toggle_mute)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 130)
        self.volume.setValue(100)
        self.volume.setFixedWidth(100)
        self.volume.valueChanged.connect(session.set_volume)
        self.quality_button = QToolButton()
        self.quality_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.quality_menu = QMenu(self)
        self.quality_button.setMenu(self.quality_menu)
        self._quality_group = QActionGroup(self)
        self.skip_button = QPushButton()
        self.skip_button.clicked.connect(session.skip_opening)
        self.skip_button.hide()
        self.download_button = QToolButton()
        self.download_button.clicked.connect(self.download_mp4)
        self.download_button.hide()
        self.fullscreen_button = QToolButton()
        self.fullscreen_button.clicked.connect(self.toggle_fullscreen)
        self.cancel_next = QPushButton()
        self.cancel_next.clicked.connect(session.cancel_auto_next)
        self.cancel_next.hide()

    def _build_layout(self) -> None:
        self.controls = QWidget()
        self.controls.setObjectName("playerControls")
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(8, 4, 8, 4)
        controls: list[QWidget] = [
            self.previous_button, self.play_button, self.next_button, self.seek_bar,
            self.time_label, self.skip_button, self.mute_button, self.volume,
            self.quality_button, self.download_button, self.fullscreen_button,
        ]  # fmt: skip
        for control in controls:
            row.addWidget(control, 1 if control is self.seek_bar else 0)
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.cancel_next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.video, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.controls)

    def _shortcuts(self) -> None:
        session = self.session
        keys = {
            Qt.Key.Key_Space: session.toggle_pause,
            Qt.Key.Key_Left: lambda: session.seek(-5),
            Qt.Key.Key_Right: lambda: session.seek(5),
            Qt.Key.Key_Down: lambda: session.seek(-60),
            Qt.Key.Key_Up: lambda: session.seek(60),
            Qt.Key.Key_M: session.toggle_mute,
            Qt.Key.Key_N: lambda: session.step(1),
            Qt.Key.Key_P: lambda: session.step(-1),
            Qt.Key.Key_F: self.toggle_fullscreen,
        }  # Esc is the window's Back, which leaves full screen first (two Escs would clash)
        for key, action in keys.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)

    def retranslate(self) -> None:
        self.previous_button.setIcon(_icon("previous"))
        self.previous_button.setToolTip(translate("PlayerPane", "Previous episode (P)"))
        self.next_button.setIcon(_icon("next"))
        self.next_button.setToolTip(translate("PlayerPane", "Next episode (N)"))
        self.mute_button.setToolTip(translate("PlayerPane", "Mute (M)"))
        self.fullscreen_button.setIcon(_icon("full screen"))
        self.fullscreen_button.setToolTip(translate("PlayerPane", "Full screen (F, double-click)"))
        self.skip_button.setText(translate("PlayerPane", "Skip opening"))
        self.quality_button.setToolTip(translate("PlayerPane", "Quality"))
        self.download_button.setText(translate("PlayerPane", "Download mp4"))
        self.download_button.setToolTip(
            translate("PlayerPane", "Opens the mp4 file in the browser. These links expire soon.")
        )
        # Icon-only buttons and sliders: words for screen readers (the tooltips describe them).
        accessible.name(self.previous_button, translate("PlayerPane", "Previous episode"))
        accessible.name(self.next_button, translate("PlayerPane", "Next episode"))
        accessible.name(self.fullscreen_button, translate("PlayerPane", "Full screen"))
        accessible.name(self.seek_bar, translate("PlayerPane", "Position"), "← →, ↓ ↑")
        accessible.name(self.volume, translate("PlayerPane", "Volume"))
        accessible.name(self.video, translate("PlayerPane", "Video"), translate(
            "PlayerPane", "Space: play or pause; F: full screen; F1: every key"))  # fmt: skip
        self._state_changed(self.session.state)
        self._show_title()

    def _show_title(self) -> None:
        if self._showing is None:
            return
        title, episode = self._showing
        episode_text = translate("PlayerPane", "episode %1").replace("%1", episode.label)
        self.title_label.setText(f"{name(title.names)} — {episode_text}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ----- what the session says -----

    @property
    def choice(self) -> StreamChoice | None:
        return self.session.current

    @property
    def counting_down(self) -> bool:
        return self.session.counting_down

    def _requested(self, title: Title, episode: Episode, _continuing: bool = False) -> None:
        self._showing = (title, episode)
        self._show_title()
        self.message.setText(translate("PlayerPane", "Looking for a stream…"))

    def _started(self, choice: StreamChoice) -> None:
        if choice.on_disk:
            text = translate("PlayerPane", "Playing the downloaded file")
        elif choice.preferred_host:
            text = translate("PlayerPane", "Playing from %1").replace("%1", choice.host)
        else:
            text = translate("PlayerPane", "The main server did not answer; playing from %1")
            text = text.replace("%1", choice.host)
        if choice.resume_at > 0:
            text += " · " + translate("PlayerPane", "resumed at %1").replace(
                "%1", clock(choice.resume_at))  # fmt: skip
        self.message.setText(text)
        self._fill_qualities(choice)
        self.download_button.setVisible(  # not for a file on disk: it is downloaded already
            not choice.on_disk
            and bool(choice.title.player.hosts.mp4)
            and not choice.episode.mp4.is_empty()
        )
        self.video.setFocus()

    def _fill_qualities(self, choice: StreamChoice) -> None:
        self.quality_menu.clear()
        for quality in choice.episode.hls.available():
            action = QAction(QUALITY_LABELS[quality], self.quality_menu)
            action.setCheckable(True)
            action.setChecked(quality is choice.quality)
            action.setActionGroup(self._quality_group)
            action.triggered.connect(lambda _=False, q=quality: self.switch_quality(q))
            self.quality_menu.addAction(action)
        self.quality_button.setText(QUALITY_LABELS[choice.quality])
        accessible.name(self.quality_button, translate("PlayerPane", "Quality %1").replace(
            "%1", QUALITY_LABELS[choice.quality]))  # fmt: skip

    def switch_quality(self, quality: Quality) -> None:
        self.session.switch_quality(quality)

    def download_mp4(self) -> None:
        """mp4 links are temporary: built now from the mp4 host and opened in the browser."""
        try:
            url = self.session.download_link()
        except PlaybackError as error:
            self._show_error(str(error))
            return
        if open_external(url):
            self.message.setText(
                translate(
                    "PlayerPane", "The download opened in the browser; mp4 links expire soon."
                )
            )

    def _show_error(self, message: str) -> None:
        self.message.setText(translate("PlayerPane", "Cannot play: %1").replace("%1", message))

    def _state_changed(self, state: PlayerState) -> None:
        playing = state.loaded and not state.paused
        self.play_button.setIcon(_icon("pause" if playing else "play"))
        self.play_button.setToolTip(translate("PlayerPane", "Play / pause (Space)"))
        accessible.name(self.play_button, translate("PlayerPane", "Pause") if playing
                        else translate("PlayerPane", "Play"))  # fmt: skip
        accessible.name(self.mute_button, translate("PlayerPane", "Sound on") if state.muted
                        else translate("PlayerPane", "Mute"))  # fmt: skip
        self.mute_button.setIcon(_icon("muted" if state.muted else "volume"))
        self.time_label.setText(f"{clock(state.position)} / {clock(state.duration)}")
        if not self._seeking and state.duration > 0:
            self.seek_bar.blockSignals(True)
            self.seek_bar.setValue(int(1000 * state.progress))
            self.seek_bar.blockSignals(False)
        self.skip_button.setVisible(self.session.in_opening())

    def _seek_released(self) -> None:
        self._seeking = False
        state = self.session.state
        if state.duration > 0:
            self.session.seek_to(state.duration * self.seek_bar.value() / 1000)

    def _count_down(self, seconds_left: int) -> None:
        if seconds_left <= 0:
            self.cancel_next.hide()
            return
        text = translate("PlayerPane", "Next episode in %1 s — cancel")
        self.cancel_next.setText(text.replace("%1", str(seconds_left)))
        self.cancel_next.show()

    # ----- full screen, leaving -----

    def leave_fullscreen(self) -> None:
        if self.fullscreen:
            self.toggle_fullscreen()

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        self.fullscreen_toggled.emit(self.fullscreen)

    def stop(self) -> None:
        self.session.stop()
