"""What the player is doing, as one immutable value every layer may read."""

from __future__ import annotations

from msgspec import Struct


class PlayerState(Struct, frozen=True, gc=False):
    loaded: bool = False  # a file is open
    paused: bool = False
    buffering: bool = False
    position: float = 0.0  # seconds
    duration: float = 0.0
    volume: float = 100.0
    muted: bool = False
    ended: bool = False  # reached the end of the file
    video_size: tuple[int, int] = (0, 0)
    error: str = ""

    @property
    def progress(self) -> float:
        return self.position / self.duration if self.duration > 0 else 0.0
