"""The live update stream for the app's whole run, window shown or not.

One WebSocket listener at a time (v2): it is restarted when the API client changes or the
subscriptions change (the server filters by them), and its events are re-emitted as signals.
Where the API has no WebSocket (v1), a poller stands in and emits the same new-episode events.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core import PlaylistUpdated, Title, TitleUpdated
from app.services.api import ApiService, Feature
from app.services.library import LibraryService
from app.services.polling import EpisodePoller, poll_interval
from app.services.settings import SettingsStore
from app.services.tasks import TaskRunner

log = logging.getLogger(__name__)
TASK_NAME = "updates-listener"
TURN_S = 0.004  # a flood of frames is handled this long at a time, then the UI has its turn
TITLES_KEPT = 200  # the newest copies of titles the stream brought, for whoever asks


class UpdatesService(QObject):
    title_updated = Signal(object)  # TitleUpdated
    playlist_updated = Signal(object)  # PlaylistUpdated
    connection_changed = Signal(str)  # ConnectionState value

    def __init__(
        self,
        api: ApiService,
        tasks: TaskRunner,
        library: LibraryService,
        settings: SettingsStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._tasks = tasks
        self._library = library
        self._settings = settings
        self._subscriptions: list[Mapping[str, Any]] = []
        self.running = False
        self.connection = "idle"
        self._titles: OrderedDict[int, Title] = OrderedDict()
        self._awaited: dict[int, list[asyncio.Future[Title]]] = {}  # titles waited for
        api.client_changed.connect(self._restart)
        self.title_updated.connect(self._keep_title)

    def recent_title(self, title_id: int) -> Title | None:
        """The copy of a title the stream brought last (None if it brought none lately): the
        announcer names a new episode from it instead of asking the server about each one."""
        return self._titles.get(title_id)

    async def title_soon(self, title_id: int, within: float) -> Title | None:
        """The stream's copy of a title, waiting `within` seconds at most for it: a new
        episode's title update follows its playlist update, and may come in the next read."""
        title = self.recent_title(title_id)
        if title is not None:
            return title
        future: asyncio.Future[Title] = asyncio.get_running_loop().create_future()
        self._awaited.setdefault(title_id, []).append(future)
        try:
            return await asyncio.wait_for(future, within)
        except TimeoutError:
            return None
        finally:
            waiting = self._awaited.get(title_id, [])
            if future in waiting:
                waiting.remove(future)
            if not waiting:
                self._awaited.pop(title_id, None)

    def _keep_title(self, event: TitleUpdated) -> None:
        for future in self._awaited.pop(event.title.id, []):
            if not future.done():
                future.set_result(event.title)
        self._titles.pop(event.title.id, None)
        self._titles[event.title.id] = event.title
        if len(self._titles) > TITLES_KEPT:
            self._titles.popitem(last=False)

    def start(self, subscriptions: Sequence[Mapping[str, Any]] | None = None) -> None:
        if subscriptions is not None:
            self._subscriptions = list(subscriptions)
        self.running = True
        self._tasks.run(self._listen(), name=TASK_NAME)

    def set_subscriptions(self, subscriptions: Sequence[Mapping[str, Any]]) -> None:
        """Subscriptions cannot be withdrawn on a socket: a new one starts with the new set."""
        if subscriptions != self._subscriptions:
            self._subscriptions = list(subscriptions)
            self._restart()

    def _restart(self) -> None:
        if self.running:
            self.start()

    def _poll_state(self, state: str) -> None:
        if state != self.connection:
            if state == "connected":
                log.info("update stream connected (polling)")
            self.connection = state
            self.connection_changed.emit(state)

    def _state(self, state: Any) -> None:
        self.connection = str(state.value)
        if self.connection == "connected":
            log.info("update stream connected")
        self.connection_changed.emit(self.connection)

    async def _listen(self) -> None:
        if not self._api.has(Feature.LIVE_UPDATES):
            poller = EpisodePoller(
                self._api,
                self._library,
                self.playlist_updated.emit,
                self.title_updated.emit,
                poll_interval(self._settings),
            )
            log.info("polling %s every %.0f s", self._api.base_url, poller.interval)
            await poller.run(on_state=self._poll_state)
            return
        listener = self._api.backend.updates_listener(
            subscriptions=self._subscriptions, on_state=self._state
        )
        log.info("listening for updates at %s", listener.url)
        # Frames that arrived together are read without a pause in between: a burst of hundreds
        # would hold the UI thread for the whole of it, so the loop gets a turn every TURN_S.
        # Only after a title update: a new episode's playlist update comes just before its
        # title's, and the pair stays together (the announcer finds the title already here).
        turn = time.perf_counter()
        async for event in listener.events():
            if isinstance(event, PlaylistUpdated):
                self.playlist_updated.emit(event)
            elif isinstance(event, TitleUpdated):
                self.title_updated.emit(event)
                if time.perf_counter() - turn > TURN_S:
                    await asyncio.sleep(0)
                    turn = time.perf_counter()
