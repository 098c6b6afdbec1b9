"""Playback as a service: what plays, from where it resumes, when its position is saved, what
comes next. The player pane, MPRIS, the tray's "Watch" and `libria play` are thin clients: they
call the session and show its signals. The player itself sits behind `Player` (player_port), so
all of this runs against a fake player in unit tests and against libmpv in the app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.core import Episode, Quality, Title
from app.core.player_state import PlayerState
from app.core.stream_urls import UnsafeStreamError, download_url
from app.services.player_port import Player, ProgressStore, StreamSource, TitleSource
from app.services.streams import PlaybackError, StreamChoice, neighbour
from app.services.tasks import TaskRunner

log = logging.getLogger(__name__)
SAVE_EVERY_S = 5.0  # while playing, the position is saved this often
NEXT_COUNTDOWN_S = 5  # seconds before the next episode starts by itself
COUNTDOWN_TICK_S = 1.0


class PlaybackSession(QObject):
    # Title, Episode, continuing: a play was asked for and a stream is sought. `continuing` is
    # True for the next/previous episode, another quality and auto-next: the same viewing goes
    # on, and a player the viewer put out of sight stays there.
    requested = Signal(object, object, bool)
    started = Signal(object)  # StreamChoice: the stream is loading in the player
    failed = Signal(str)  # nothing could be played; the message is for the user
    state_changed = Signal(object)  # PlayerState
    countdown = Signal(int)  # seconds before the next episode; 0: no countdown (any more)
    stopped = Signal()  # the viewer left the player
    title_instead = Signal(object)  # Title: asked to resume an episode the title no longer has

    def __init__(
        self,
        streams: StreamSource,
        progress: ProgressStore,
        titles: TitleSource,
        tasks: TaskRunner,
        make_player: Callable[[], Player],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._streams = streams
        self._progress = progress
        self._titles = titles
        self._tasks = tasks
        self._make_player = make_player
        self._player: Player | None = None
        self.current: StreamChoice | None = None  # what the player has loaded
        self.wanted: tuple[Title, Episode] | None = None  # the latest play asked for
        self.failure: str | None = None  # why `wanted` does not play, for a pane built later
        self._next_offered = False  # once per file: cancelling the countdown means staying
        self._countdown_task: asyncio.Task[Any] | None = None
        self._saver: asyncio.Task[Any] | None = None
        self._was_paused = False
        self._asked = 0  # plays asked for: a resume still looking up its title yields to them
        self._writes: set[asyncio.Task[Any]] = set()
        self._closed = False
        # A failure the player reported while its stream's host was still being checked: the
        # check decides whether it is told, or another host is tried instead.
        self._failed_unchecked: str | None = None
        self._checking: asyncio.Task[Any] | None = None

    # ----- the player, created on first use (libmpv loads only then) -----

    @property
    def player(self) -> Player:
        if self._player is None:
            self._player = self._make_player()
            self._player.state_changed.connect(self._state_changed)
            self._player.failed.connect(self._player_failed)
        return self._player

    @property
    def has_player(self) -> bool:
        """A player exists and is not shut down: commands reach it (none once it is ended)."""
        return self._player is not None and not self._closed

    @property
    def state(self) -> PlayerState:
        return self._player.state if self._player is not None else PlayerState()

    def create_view(self) -> QWidget:
        return self.player.create_view()

    # ----- choosing what plays -----

    def play(
        self,
        title: Title,
        episode: Episode,
        quality: Quality | None = None,
        start: float | None = None,
    ) -> None:
        """Plays an episode: from `start`, else where it stopped, in `quality`, else the
        preferred one. A later request wins over one still looking for a stream."""
        self._request(title, episode, quality, start, continuing=False)

    def _request(
        self, title: Title, episode: Episode, quality: Quality | None, start: float | None,
        *, continuing: bool,
    ) -> None:  # fmt: skip
        if self._closed:
            return
        self._asked += 1
        self.save_position()
        self.cancel_auto_next()
        self.wanted, self.failure = (title, episode), None
        self._tasks.cancel("playback-check")
        self.requested.emit(title, episode, continuing)
        self._tasks.run(self._load(title, episode, quality, start), name="playback")

    async def _load(
        self, title: Title, episode: Episode, quality: Quality | None, start: float | None
    ) -> None:
        """The preferred host's stream goes to the player at once, unprobed; it is checked
        while the player opens it, and another host takes over if it does not answer."""
        try:
            choice = await self._streams.resolve(title, episode, quality, start, probe=False)
        except PlaybackError as error:
            log.warning("playback refused: %s", error)
            self._fail(str(error))
            return
        if self._begin(choice) and not choice.probed:
            self._checking = self._tasks.run(self._check(choice), name="playback-check")

    async def _check(self, choice: StreamChoice) -> None:
        answered = await self._streams.answers(choice.url)
        failure, self._failed_unchecked = self._failed_unchecked, None
        if self.current is not choice or self._closed:
            return
        if answered or (failure is None and self.state.loaded):  # it plays: it stays
            if failure is not None:
                self._fail(failure)
            return
        log.info("%s did not answer: looking for another host", choice.host)
        try:
            other = await self._streams.resolve(
                choice.title, choice.episode, choice.quality, choice.resume_at, skip=choice.host
            )
        except PlaybackError as error:
            self.player.stop()
            self._fail(str(error))
            return
        if self.current is choice:
            self._begin(other)

    def _player_failed(self, message: str) -> None:
        if self._checking is not None and not self._checking.done():
            self._failed_unchecked = message  # the check tells, or tries another host
        else:
            self._fail(message)

    def _fail(self, message: str) -> None:
        # Kept as well as told: a cold play can fail before the window (and its pane) exists.
        self.failure = message
        self.failed.emit(message)

    def _begin(self, choice: StreamChoice) -> bool:
        """Loads the choice into the player; False when that could not be done."""
        if self._closed:  # the app quit while the host was being probed
            return False
        self._failed_unchecked = self.failure = None
        title, episode = choice.title, choice.episode
        log.info("playing %s episode %s (%s) from %s", title.code, episode.label,
                 choice.quality.value, "disk" if choice.on_disk else choice.host)  # fmt: skip
        self._next_offered = False
        try:
            self.player.load(choice.url, choice.resume_at)
        except Exception as error:  # the player refused: say so rather than "looking" forever
            log.exception("the player could not open %s", choice.url)
            self._fail(f"the player could not open the stream ({error})")
            return False
        self.current = choice
        self._keep_saving()
        self.started.emit(choice)
        return True

    def show_requested(self) -> None:
        """Says again what was asked for, for a window built after the play was asked for (a
        cold `libria play`): it shows the player as for any new play."""
        if self.wanted is not None and not self._closed:
            self.requested.emit(*self.wanted, False)

    def resume(self, title_id: int, episode_number: float) -> None:
        """Plays an episode from where it stopped, with the title's freshest details (the kept
        copy when offline); a title that no longer has the episode is offered instead."""
        self._tasks.run(self._resume(title_id, episode_number, self._asked), name="resume")

    async def _resume(self, title_id: int, episode_number: float, asked: int) -> None:
        try:
            title = await self._titles.title(id=title_id, episode=episode_number)
        except Exception as error:  # whatever the reason, the viewer is told and nothing breaks
            log.warning("cannot resume %s: %s", title_id, error)
            self._fail(str(error))
            return
        if self._asked != asked or self._closed:  # the viewer chose something else meanwhile
            return
        episode = title.player.episode(episode_number)
        if episode is None:
            self.title_instead.emit(title)
            return
        self.play(title, episode)

    def play_number(self, title: Title, episode_number: float | None) -> None:
        """A deep link's episode: the one asked for, else the first; a title with none yet is
        offered instead (its page says when they come)."""
        episodes = title.player.episodes
        chosen = title.player.episode(episode_number) if episode_number is not None else None
        chosen = chosen or (episodes[0] if episodes else None)
        if chosen is None:
            self.title_instead.emit(title)
            return
        self.play(title, chosen)

    def step(self, offset: int) -> None:
        """The next (1) or previous (-1) episode of the title playing."""
        if self.current is None:
            return
        episode = neighbour(self.current.title, self.current.episode, offset)
        if episode is not None:
            self._request(self.current.title, episode, None, None, continuing=True)

    def can_step(self, offset: int) -> bool:
        current = self.current
        return current is not None and neighbour(current.title, current.episode, offset) is not None

    def switch_quality(self, quality: Quality) -> None:
        """Another rendition of the same episode, at the same position."""
        current = self.current
        if current is None or quality is current.quality:
            return
        self._request(current.title, current.episode, quality, self.state.position, continuing=True)

    def skip_opening(self) -> None:
        opening = self.current.episode.skips.opening if self.current else None
        if opening:
            self.player.seek_to(opening[1])

    def in_opening(self) -> bool:
        opening = self.current.episode.skips.opening if self.current else None
        return opening is not None and opening[0] <= self.state.position < opening[1]

    def download_link(self) -> str:
        """A checked mp4 link of the episode playing (temporary: built now, from the mp4 host)."""
        if self.current is None:
            raise PlaybackError("Nothing is playing")
        mp4 = self.current.episode.mp4
        path, query = (mp4.hd, mp4.download_hd) if mp4.hd else (mp4.sd, mp4.download_sd)
        host = self.current.title.player.hosts.mp4
        try:
            return download_url(self._streams.api_base, host, path, query)
        except UnsafeStreamError as error:
            raise PlaybackError(str(error)) from None

    # ----- commands (media keys, MPRIS, the pane's buttons) -----

    def set_paused(self, paused: bool) -> None:
        if self.has_player:
            self.player.set_paused(paused)

    def toggle_pause(self) -> None:
        if self.has_player:
            self.player.toggle_pause()

    def seek(self, seconds: float) -> None:
        if self.has_player:
            self.player.seek(seconds)

    def seek_to(self, seconds: float) -> None:
        if self.has_player:
            self.player.seek_to(seconds)

    def set_volume(self, volume: float) -> None:
        if self.has_player:
            self.player.set_volume(volume)

    def toggle_mute(self) -> None:
        if self.has_player:
            self.player.toggle_mute()

    # ----- state: saving, the end of an episode, auto-next -----

    def _state_changed(self, state: PlayerState) -> None:
        was_paused, self._was_paused = self._was_paused, state.paused
        self.state_changed.emit(state)
        if state.loaded and state.paused and not was_paused:
            self.save_position()  # a pause may be the last thing before the lid closes
        if state.ended and self.current is not None and not self._next_offered:
            self._next_offered = True
            self.save_position()
            if self.can_step(1):
                self._start_countdown()

    def _start_countdown(self) -> None:
        self.cancel_auto_next()
        self._countdown_task = self._tasks.run(self._count_down(), name="auto-next")
        self.countdown.emit(NEXT_COUNTDOWN_S)  # shown at once, and already cancellable

    async def _count_down(self) -> None:
        for left in range(NEXT_COUNTDOWN_S - 1, 0, -1):
            await asyncio.sleep(COUNTDOWN_TICK_S)
            self.countdown.emit(left)
        await asyncio.sleep(COUNTDOWN_TICK_S)
        self._countdown_task = None
        self.countdown.emit(0)
        self.step(1)

    def cancel_auto_next(self) -> None:
        task, self._countdown_task = self._countdown_task, None
        if task is not None and not task.done():
            task.cancel()
            self.countdown.emit(0)

    @property
    def counting_down(self) -> bool:
        return self._countdown_task is not None and not self._countdown_task.done()

    def _keep_saving(self) -> None:
        if self._saver is None or self._saver.done():
            self._saver = self._tasks.run(self._save_periodically(), name="save-position")

    async def _save_periodically(self) -> None:
        while True:
            await asyncio.sleep(SAVE_EVERY_S)
            if not self.state.paused:
                self.save_position(periodic=True)

    def save_position(self, periodic: bool = False) -> None:
        """Writes where the episode playing is, off the UI thread (fire and forget). Only the
        `periodic` save while playing may wait to reach the account; the others go at once."""
        state = self.state
        current = self.current
        if current is None or not state.loaded or state.duration <= 0:
            return
        episode = current.episode
        record = self._progress.record(
            current.title.id, episode.number, state.position, state.duration,
            episode_id=episode.id, periodic=periodic,
        )  # fmt: skip
        write = self._tasks.run(record)
        self._writes.add(write)
        write.add_done_callback(self._writes.discard)

    async def flush(self) -> None:
        """Waits for the positions being written (at quit, before tasks are cancelled)."""
        if self._writes:
            await asyncio.gather(*self._writes, return_exceptions=True)

    async def watched(self, title_id: int) -> set[float]:
        return await self._progress.watched(title_id)

    # ----- leaving -----

    def stop(self) -> None:
        """The viewer left the player: the position is saved and the stream closed (it holds
        the network and up to 64 MiB of cache; the next play starts from an idle player)."""
        self.save_position()
        self.cancel_auto_next()
        self._tasks.cancel("playback-check")
        if self.has_player:
            self.player.stop()
        self.current = None
        self.stopped.emit()

    def shutdown(self) -> None:
        """Saves the position, then ends the player (its view's resources first)."""
        if self._closed:
            return
        self._closed = True
        self.save_position()
        self.cancel_auto_next()
        for name in (
            "playback",
            "playback-check",
            "resume",
        ):  # nothing may load into a player being ended
            self._tasks.cancel(name)
        if self._saver is not None:
            with contextlib.suppress(RuntimeError):  # its loop may be closed already
                self._saver.cancel()
        if self._player is not None:
            self._player.terminate()
