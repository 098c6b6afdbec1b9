"""What the playback session needs of a player: the libmpv one (app.player.backend) in the app,
a fake one in unit tests. Commands in, one immutable state out."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from app.core.player_state import PlayerState


class Player(Protocol):
    @property
    def state(self) -> PlayerState: ...

    @property
    def state_changed(self) -> SignalInstance:  # emits PlayerState
        ...

    @property
    def failed(self) -> SignalInstance:  # emits a message for the user
        ...

    def load(self, url: str, start: float = 0.0) -> None:
        """Opens a stream URL the caller has checked (app.core.stream_urls)."""

    def set_paused(self, paused: bool) -> None: ...

    def toggle_pause(self) -> None: ...

    def seek(self, seconds: float) -> None: ...

    def seek_to(self, seconds: float) -> None: ...

    def set_volume(self, volume: float) -> None: ...

    def toggle_mute(self) -> None: ...

    def create_view(self) -> QWidget:
        """The surface the video is drawn on (one per player)."""

    def terminate(self) -> None:
        """Frees the view's resources, then the player's; nothing plays afterwards."""
