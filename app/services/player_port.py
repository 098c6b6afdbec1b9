"""What the playback session needs of a player (the libmpv one, app.player.backend, in the app,
a fake one in unit tests: commands in, one immutable state out), of the stream resolver, of the
saved positions and of the titles."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from app.core import Episode, Quality, Title
from app.core.player_state import PlayerState
from app.services.streams import StreamChoice


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

    def stop(self) -> None:
        """Closes the file: nothing is loaded or fetched any more."""

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


class StreamSource(Protocol):
    @property
    def api_base(self) -> str: ...

    async def resolve(
        self, title: Title, episode: Episode, quality: Quality | None = None,
        start: float | None = None, *, probe: bool = True, skip: str = "",
    ) -> StreamChoice: ...  # fmt: skip

    async def answers(self, url: str) -> bool: ...


class ProgressStore(Protocol):
    async def record(
        self, title_id: int, episode: float, position: float, duration: float,
        episode_id: str = "", periodic: bool = False,
    ) -> Any: ...  # fmt: skip

    async def watched(self, title_id: int) -> set[float]: ...


class TitleSource(Protocol):
    async def title(
        self, *, code: str | None = None, id: int | None = None, episode: float | None = None
    ) -> Title: ...
