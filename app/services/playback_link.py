"""`libria play CODE [EPISODE]` (or a libria://play link) when no window runs yet: the stream
starts as early as it can, and the window is built around the playing video.

Meant to run right after the library opens, before the first page and the window, with start-up
waiting (a bounded while) until the stream is loading: the title comes from the library's kept
copy when it has the episode (no network, not even the API's set-up), else from the API; the
session loads the stream into the player, whose file then waits in mpv for the video view
(app.player.preload_gate) while the window is built. `show_in` then puts the title page behind
the player, or, when the title could not be found, lets the window open the link itself (its
title page says why and offers to retry).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

from app.core import Title
from app.core.deep_link import DeepLink
from app.services.playback_titles import PlayableTitles
from app.services.session import PlaybackSession
from app.services.tasks import TaskRunner

log = logging.getLogger(__name__)
LOADING_WAIT_S = 2.0  # start-up waits this long at most for the stream before it builds on


class LinkWindow(Protocol):
    """What of the main window a link play uses."""

    def open_title(self, title: Title) -> None: ...

    def open_link(self, link: DeepLink) -> None: ...


class LinkPlay:
    def __init__(
        self,
        link: DeepLink,
        titles: PlayableTitles,
        playback: PlaybackSession,
        tasks: TaskRunner,
        open_api: Callable[[], Awaitable[None]],
    ) -> None:
        self.link = link
        self._titles = titles
        self._playback = playback
        self._tasks = tasks
        self._open_api = open_api  # the API's set-up, needed only when the library has no copy
        self.title: Title | None = None
        self.failed = False
        self._found = asyncio.Event()
        self._loading = asyncio.Event()  # the player has the stream, or nothing will load
        self._window: LinkWindow | None = None

    def start(self) -> None:
        """Looks the title up and plays it, without waiting for anything of the window."""
        from app.player.preload import preload_libmpv

        preload_libmpv()  # while the title is looked up (start-up may have begun it already)
        for signal in (self._playback.started, self._playback.failed):
            signal.connect(self._loading_now)
        self._tasks.run(self._play(), name="link-play")

    async def loading(self, within: float = LOADING_WAIT_S) -> None:
        """Until the stream is loading in the player (or cannot be), `within` seconds at most:
        what start-up waits for before it builds the window."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._loading.wait(), within)

    def _loading_now(self, *_: object) -> None:
        self._loading.set()
        for signal in (self._playback.started, self._playback.failed):
            with contextlib.suppress(RuntimeError):
                signal.disconnect(self._loading_now)

    async def _play(self) -> None:
        link = self.link
        try:
            title = await self._titles.kept(code=link.code, episode=link.episode)
            if title is None:
                await self._open_api()
                title = await self._titles.title(code=link.code, episode=link.episode)
        except Exception as error:  # unknown code, no network and no copy: the window tells
            log.warning("cannot play %s: %s", link.code, error)
            self.failed = True
            self._loading_now()
        else:
            self.title = title
            if self._window is not None:
                self._window.open_title(title)  # behind the player, which comes next
            self._playback.play_number(title, link.episode)
            if self._playback.wanted is None:  # no episode to play: the title page says so
                self._loading_now()
        self._found.set()
        if self.failed and self._window is not None:
            self._window.open_link(link)

    def show_in(self, window: LinkWindow) -> None:
        """The window is built: the title page behind the player that shows what plays (now,
        or as soon as the title is known)."""
        self._window = window
        if not self._found.is_set():
            return  # `_play` shows it when the title comes
        if self.failed:
            window.open_link(self.link)
            return
        assert self.title is not None
        window.open_title(self.title)
        self._playback.show_requested()
