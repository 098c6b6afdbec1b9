"""Downloads queued without being asked: new episodes of favourite titles as they are announced
(when the `auto_download_favourites` setting is on), and episodes that failed for want of a
connection, once the API answers again."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import msgspec

from app.core import PlaylistUpdated
from app.services.download_run import Titles
from app.services.library import LibraryService
from app.services.settings import SettingsStore
from app.services.tasks import TaskRunner

if TYPE_CHECKING:
    from app.services.downloads import DownloadService
    from app.services.offline import Connectivity

log = logging.getLogger(__name__)


class AutoDownloads:
    def __init__(
        self,
        settings: SettingsStore,
        library: LibraryService,
        titles: Titles,
        downloads: Callable[[], DownloadService],
        tasks: TaskRunner,
    ) -> None:
        self._settings = settings
        self._library = library
        self._titles = titles
        self._downloads = downloads  # asked for only when an episode is queued
        self._tasks = tasks
        self._seen: set[tuple[int, float]] = set()  # a reconnect re-sends events

    def offer(self, event: PlaylistUpdated) -> None:
        """Takes every playlist update; queues the new episodes of favourite titles."""
        if not self._settings.get("auto_download_favourites"):
            return
        if event.reupload or event.episode is None:
            return
        if not self._library.is_favourite(event.title_id):
            return
        key = (event.title_id, event.episode)
        if key not in self._seen:
            self._seen.add(key)
            self._tasks.run(self._queue(event.title_id, event.episode, event))

    async def _queue(self, title_id: int, episode: float, event: PlaylistUpdated) -> None:
        try:
            title = await self._titles.title(id=title_id)
        except Exception as error:  # no details now: the episode is not queued, nothing breaks
            log.info("new episode %g of %s not queued: %s", episode, title_id, error)
            return
        if title.player.episode(episode) is None:  # a kept copy from before the episode came
            title = msgspec.structs.replace(title, player=event.player)
        queued = await self._downloads().add(title, [episode])
        log.info("new episode %g of %s queued for download (%d)", episode, title.code, len(queued))


def retry_when_online(downloads: DownloadService, connectivity: Connectivity) -> None:
    """An episode that failed for want of a connection makes the app ask the API at once (the
    app goes offline when it does not answer either); once it answers again, such episodes are
    queued again."""
    downloads.unreachable.connect(connectivity.check)
    connectivity.restored.connect(downloads.retry_unreachable)
