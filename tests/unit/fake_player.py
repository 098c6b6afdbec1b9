"""A player that plays nothing, behind the same protocol as libmpv's (app.services.player_port):
the tests move it through the states mpv would report."""

from __future__ import annotations

from msgspec import structs
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.core.player_state import PlayerState

EPISODE_LENGTH = 1420.0


class FakePlayer(QObject):
    state_changed = Signal(object)
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.state = PlayerState()
        self.loaded: list[tuple[str, float]] = []  # (url, start) of every load
        self.opens = True  # False: a load stays opening (a host that does not answer)
        self.terminated = False

    def _set(self, **changes: object) -> None:
        self.state = structs.replace(self.state, **changes)
        self.state_changed.emit(self.state)

    def load(self, url: str, start: float = 0.0) -> None:
        self.loaded.append((url, start))
        self.state = PlayerState(volume=self.state.volume, muted=self.state.muted)
        if self.opens:
            self._set(loaded=True, position=start, duration=EPISODE_LENGTH)

    def stop(self) -> None:
        self.state = PlayerState(volume=self.state.volume, muted=self.state.muted)
        self.state_changed.emit(self.state)

    def set_paused(self, paused: bool) -> None:
        self._set(paused=paused)

    def toggle_pause(self) -> None:
        self._set(paused=not self.state.paused)

    def seek(self, seconds: float) -> None:
        self.seek_to(self.state.position + seconds)

    def seek_to(self, seconds: float) -> None:
        if self.state.loaded:
            self._set(position=max(0.0, min(seconds, self.state.duration)))

    def set_volume(self, volume: float) -> None:
        self._set(volume=max(0.0, min(130.0, volume)))

    def toggle_mute(self) -> None:
        self._set(muted=not self.state.muted)

    def create_view(self) -> QWidget:
        return QWidget()

    def terminate(self) -> None:
        self.terminated = True

    # ----- what mpv would report -----

    def play_to_end(self) -> None:
        self._set(position=self.state.duration, ended=True)
