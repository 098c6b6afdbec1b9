"""The playback session as an MPRIS media player: media keys and desktop widgets control it, and
see the title, the episode and the poster. Active from the first episode played until the viewer
leaves the player."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from app.core.player_state import PlayerState
from app.desktop.mpris import Mpris, Track, track_id
from app.services.posters import PosterService
from app.services.session import PlaybackSession
from app.services.streams import StreamChoice
from app.services.tasks import TaskRunner
from app.ui import labels

log = logging.getLogger(__name__)


class MediaControls(QObject):
    def __init__(
        self,
        session: PlaybackSession,
        posters: PosterService,
        tasks: TaskRunner,
        raise_window: Callable[[], None],
        quit_app: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)  # the window's: it raises that window
        self._session = session
        self._posters = posters
        self._tasks = tasks
        self._raise_window = raise_window
        self._quit_app = quit_app
        self.mpris = Mpris(self)
        self._art: dict[str, str] = {}  # poster URL -> file:// URI
        session.started.connect(self._started)
        session.state_changed.connect(self._publish)
        session.stopped.connect(self._stopped)

    # ----- MediaController: what the desktop asks for -----

    def play(self) -> None:
        self._session.set_paused(False)

    def pause(self) -> None:
        self._session.set_paused(True)

    def play_pause(self) -> None:
        self._session.toggle_pause()

    def stop(self) -> None:
        self._session.set_paused(True)

    def next(self) -> None:
        self._session.step(1)

    def previous(self) -> None:
        self._session.step(-1)

    def seek_by(self, seconds: float) -> None:
        self._session.seek(seconds)

    def seek_to(self, seconds: float) -> None:
        self._session.seek_to(seconds)

    def set_volume(self, volume: float) -> None:
        self._session.set_volume(volume * 100)

    def raise_window(self) -> None:
        self._raise_window()

    def quit(self) -> None:
        self._quit_app()

    # ----- what the desktop sees -----

    def _started(self, choice: StreamChoice) -> None:
        async def activate() -> None:
            await self.mpris.activate()
            url = choice.title.poster.thumbnail
            if url and url not in self._art:
                path = await self._posters.file(url)
                if path is not None:
                    self._art[url] = path.as_uri()
            self._publish(self._session.state)

        self._tasks.run(activate(), name="mpris")

    def _stopped(self) -> None:
        self.mpris.deactivate()

    def _publish(self, state: PlayerState) -> None:
        choice = self._session.current
        if choice is None or not self.mpris.active:
            return
        status = ("Paused" if state.paused else "Playing") if state.loaded else "Stopped"
        name = labels.name(choice.title.names) or choice.title.code
        track = Track(
            track_id=track_id(choice.title.id, choice.episode.number),
            title=f"{name} — {labels.episode(choice.episode.number).lower()}",
            album=name,
            length=state.duration,
            art_url=self._art.get(choice.title.poster.thumbnail, ""),
        )
        self.mpris.update(
            status=status,
            track=track,
            position=state.position,
            volume=min(1.0, state.volume / 100),
            can_next=self._session.can_step(1),
            can_previous=self._session.can_step(-1),
        )

    def close(self) -> None:
        self.mpris.deactivate()
