"""The player pane: video, controls, shortcuts, resume, watched marks and auto-next."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core import Episode, Quality, Title
from app.core.stream_urls import UnsafeStreamError, download_url
from app.player.backend import MpvPlayer
from app.player.state import PlayerState
from app.player.video_widget import VideoWidget
from app.services.playback import PlaybackService, StreamChoice, neighbour
from app.ui import crash
from app.ui.labels import clock, name
from app.ui.links import open_external

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
SAVE_EVERY_MS = 5000
NEXT_COUNTDOWN_S = 5  # seconds before the next episode starts by itself
QUALITY_LABELS = {Quality.FHD: "1080p", Quality.HD: "720p", Quality.SD: "480p"}


class PlayerPane(QWidget):
    fullscreen_toggled = Signal(bool)
    playback_started = Signal(object)  # StreamChoice
    stopped = Signal()  # the user left the player

    def __init__(self, playback: PlaybackService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playerPane")
        self.playback = playback
        self.player = MpvPlayer(self)
        self.video = VideoWidget(self.player)
        self.choice: StreamChoice | None = None
        self._playing: tuple[Title, Episode] | None = None  # what the heading names
        self.fullscreen = False
        self._seeking = False
        self._countdown = 0
        self._next_offered = False
        self._shut_down = False
        self.title_label = QLabel()
        self.title_label.setObjectName("playerTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel()
        self.message.setObjectName("playerMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)

        self.play_button = QToolButton()
        self.play_button.clicked.connect(self.player.toggle_pause)
        self.previous_button = QToolButton()
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton()
        self.next_button.clicked.connect(lambda: self.step(1))
        self.seek_bar = QSlider(Qt.Orientation.Horizontal)
        self.seek_bar.setRange(0, 1000)
        self.seek_bar.sliderPressed.connect(lambda: setattr(self, "_seeking", True))
        self.seek_bar.sliderReleased.connect(self._seek_released)
        self.time_label = QLabel("00:00 / 00:00")
        self.mute_button = QToolButton()
        self.mute_button.clicked.connect(self.player.toggle_mute)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 130)
        self.volume.setValue(100)
        self.volume.setFixedWidth(100)
        self.volume.valueChanged.connect(self.player.set_volume)
        self.quality_button = QToolButton()
        self.quality_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.quality_menu = QMenu(self)
        self.quality_button.setMenu(self.quality_menu)
        self._quality_group = QActionGroup(self)
        self.skip_button = QPushButton()
        self.skip_button.clicked.connect(self.skip_opening)
        self.skip_button.hide()
        self.download_button = QToolButton()
        self.download_button.clicked.connect(self.download_mp4)
        self.download_button.hide()
        self.fullscreen_button = QToolButton()
        self.fullscreen_button.clicked.connect(self.toggle_fullscreen)
        self.cancel_next = QPushButton()
        self.cancel_next.clicked.connect(self.cancel_auto_next)
        self.cancel_next.hide()

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

        self.video.double_clicked.connect(self.toggle_fullscreen)
        self.player.state_changed.connect(self._state_changed)
        self.player.failed.connect(self._show_error)
        playback.resolved.connect(self._resolved)
        playback.refused.connect(self._show_error)
        self._saver = QTimer(self)
        self._saver.setInterval(SAVE_EVERY_MS)
        self._saver.timeout.connect(self.save_position)
        self._saver.start()
        self._next_timer = QTimer(self)
        self._next_timer.setInterval(1000)
        self._next_timer.timeout.connect(self._count_down)
        self._shortcuts()
        self.retranslate()

    def _shortcuts(self) -> None:
        keys = {
            Qt.Key.Key_Space: self.player.toggle_pause,
            Qt.Key.Key_Left: lambda: self.player.seek(-5),
            Qt.Key.Key_Right: lambda: self.player.seek(5),
            Qt.Key.Key_Down: lambda: self.player.seek(-60),
            Qt.Key.Key_Up: lambda: self.player.seek(60),
            Qt.Key.Key_M: self.player.toggle_mute,
            Qt.Key.Key_N: lambda: self.step(1),
            Qt.Key.Key_P: lambda: self.step(-1),
            Qt.Key.Key_F: self.toggle_fullscreen,
        }
        for key, action in keys.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.leave_fullscreen)

    def retranslate(self) -> None:
        style = self.style()
        self.previous_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipBackward))
        self.previous_button.setToolTip(translate("PlayerPane", "Previous episode (P)"))
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward))
        self.next_button.setToolTip(translate("PlayerPane", "Next episode (N)"))
        self.mute_button.setToolTip(translate("PlayerPane", "Mute (M)"))
        self.fullscreen_button.setIcon(
            style.standardIcon(QStyle.StandardPixmap.SP_TitleBarMaxButton)
        )
        self.fullscreen_button.setToolTip(translate("PlayerPane", "Full screen (F, double-click)"))
        self.skip_button.setText(translate("PlayerPane", "Skip opening"))
        self.quality_button.setToolTip(translate("PlayerPane", "Quality"))
        self.download_button.setText(translate("PlayerPane", "Download mp4"))
        self.download_button.setToolTip(
            translate("PlayerPane", "Opens the mp4 file in the browser. These links expire soon.")
        )
        self._state_changed(self.player.state)
        self._show_title()

    def _show_title(self) -> None:
        if self._playing is None:
            return
        title, episode = self._playing
        episode_text = translate("PlayerPane", "episode %1").replace("%1", episode.label)
        self.title_label.setText(f"{name(title.names)} — {episode_text}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ----- starting -----

    def play(self, title: Title, episode: Episode, quality: Quality | None = None,
             start: float | None = None) -> None:  # fmt: skip
        self.save_position()
        self.cancel_auto_next()
        self._playing = (title, episode)
        self._show_title()
        self.message.setText(translate("PlayerPane", "Looking for a stream…"))
        self.playback.play(title, episode, quality, start)

    def _resolved(self, choice: StreamChoice) -> None:
        self.choice = choice
        self._next_offered = False
        log.info("playing %s episode %s (%s) from %s", choice.title.code, choice.episode.label,
                 choice.quality.value, choice.host)  # fmt: skip
        with crash.reported():
            self.player.load(choice.url, choice.resume_at)
        if choice.preferred_host:
            text = translate("PlayerPane", "Playing from %1").replace("%1", choice.host)
        else:
            text = translate("PlayerPane", "The main server did not answer; playing from %1")
            text = text.replace("%1", choice.host)
        if choice.resume_at > 0:
            text += " · " + translate("PlayerPane", "resumed at %1").replace(
                "%1", clock(choice.resume_at))  # fmt: skip
        self.message.setText(text)
        self._fill_qualities(choice)
        self.download_button.setVisible(
            bool(choice.title.player.hosts.mp4) and not choice.episode.mp4.is_empty()
        )
        self.video.setFocus()
        self.playback_started.emit(choice)

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

    def switch_quality(self, quality: Quality) -> None:
        """Another rendition at the same position."""
        if self.choice is None or quality is self.choice.quality:
            return
        self.playback.play(self.choice.title, self.choice.episode, quality,
                           start=self.player.state.position)  # fmt: skip

    def step(self, offset: int) -> None:
        if self.choice is None:
            return
        episode = neighbour(self.choice.title, self.choice.episode, offset)
        if episode is not None:
            self.play(self.choice.title, episode)

    def skip_opening(self) -> None:
        opening = self.choice.episode.skips.opening if self.choice else None
        if opening:
            self.player.seek_to(opening[1])

    def download_mp4(self) -> None:
        """mp4 links are temporary: built now from the mp4 host and opened in the browser."""
        if self.choice is None:
            return
        mp4 = self.choice.episode.mp4
        path, query = (mp4.hd, mp4.download_hd) if mp4.hd else (mp4.sd, mp4.download_sd)
        try:
            url = download_url(self.playback.api_base, self.choice.title.player.hosts.mp4, path,
                               query)  # fmt: skip
        except UnsafeStreamError as error:
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

    # ----- state -----

    def _state_changed(self, state: PlayerState) -> None:
        style = self.style()
        playing = state.loaded and not state.paused
        self.play_button.setIcon(style.standardIcon(
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        ))  # fmt: skip
        self.play_button.setToolTip(translate("PlayerPane", "Play / pause (Space)"))
        self.mute_button.setIcon(style.standardIcon(
            QStyle.StandardPixmap.SP_MediaVolumeMuted if state.muted
            else QStyle.StandardPixmap.SP_MediaVolume
        ))  # fmt: skip
        self.time_label.setText(f"{clock(state.position)} / {clock(state.duration)}")
        if not self._seeking and state.duration > 0:
            self.seek_bar.blockSignals(True)
            self.seek_bar.setValue(int(1000 * state.progress))
            self.seek_bar.blockSignals(False)
        opening = self.choice.episode.skips.opening if self.choice else None
        in_opening = opening is not None and opening[0] <= state.position < opening[1]
        self.skip_button.setVisible(in_opening)
        if state.ended and self.choice is not None and not self._next_offered:
            self._next_offered = True  # once per file: cancelling means staying
            self.save_position()
            if neighbour(self.choice.title, self.choice.episode, 1) is not None:
                self._start_countdown()

    def _seek_released(self) -> None:
        self._seeking = False
        state = self.player.state
        if state.duration > 0:
            self.player.seek_to(state.duration * self.seek_bar.value() / 1000)

    # ----- auto-next -----

    def _start_countdown(self) -> None:
        self._countdown = NEXT_COUNTDOWN_S
        self._next_timer.start()
        self._count_down(first=True)

    def _count_down(self, first: bool = False) -> None:
        if not first:
            self._countdown -= 1
        if self._countdown <= 0:
            self._next_timer.stop()
            self.cancel_next.hide()
            self.step(1)
            return
        text = translate("PlayerPane", "Next episode in %1 s — cancel")
        self.cancel_next.setText(text.replace("%1", str(self._countdown)))
        self.cancel_next.show()

    def cancel_auto_next(self) -> None:
        self._next_timer.stop()
        self.cancel_next.hide()

    @property
    def counting_down(self) -> bool:
        return self._next_timer.isActive()

    # ----- fullscreen, saving, shutdown -----

    def leave_fullscreen(self) -> None:
        if self.fullscreen:
            self.toggle_fullscreen()

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        self.fullscreen_toggled.emit(self.fullscreen)

    def save_position(self) -> None:
        state = self.player.state
        if self.choice is not None and state.loaded and state.duration > 0:
            self.playback.record(self.choice.title.id, self.choice.episode.number,
                                 state.position, state.duration)  # fmt: skip

    def stop(self) -> None:
        self.save_position()
        self.cancel_auto_next()
        self.player.set_paused(True)
        self.stopped.emit()

    def shutdown(self) -> None:
        """Saves the position, frees the render context, then ends mpv (in that order)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.save_position()
        self._saver.stop()
        self._next_timer.stop()
        self.video.shutdown()
        self.player.terminate()
