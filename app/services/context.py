"""Every service of one app run, created together and shut down in order."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from PySide6.QtCore import QObject

from app.api.backend import ApiKind
from app.api.select import LIVE_BASES, Candidates
from app.core import Title
from app.desktop.autostart import set_autostart
from app.services.announcer import Announcer, subscriptions_for
from app.services.api import ApiService
from app.services.catalog import CatalogService
from app.services.library import LibraryService
from app.services.offline import Connectivity, OfflineCache
from app.services.playback import PlaybackService
from app.services.posters import PosterService
from app.services.search import SearchService
from app.services.settings import SettingsStore
from app.services.switching import ApiSwitching, Reloading
from app.services.tasks import TaskRunner
from app.services.updates import UpdatesService

log = logging.getLogger(__name__)


def remembered_api(settings: SettingsStore) -> tuple[str, ApiKind] | None:
    """The last automatic choice that answered ("v1 https://..."), if any and well-formed."""
    kind, _, url = str(settings.get("api_answered")).partition(" ")
    if kind not in (ApiKind.V1, ApiKind.V2) or not url.startswith(("https://", "http://")):
        return None
    return url, ApiKind(kind)


class AppServices(QObject):
    def __init__(
        self,
        settings: SettingsStore,
        api_base: str | None,
        cache_dir: Path,
        data_dir: Path | None = None,
        parent: QObject | None = None,
        api_kind: ApiKind = ApiKind.AUTO,
        api_candidates: Candidates = LIVE_BASES,
    ) -> None:
        data_dir = data_dir or cache_dir.parent / "data"
        super().__init__(parent)
        self.settings = settings
        self.tasks = TaskRunner()
        self.api = ApiService(
            api_base, api_kind, self, remembered=remembered_api(settings), candidates=api_candidates
        )
        self.api.auto_chosen.connect(
            lambda url, kind: settings.set("api_answered", f"{kind} {url}")
        )
        self.library = LibraryService(
            data_dir / "library.sqlite3", legacy_progress=data_dir / "progress.json", parent=self
        )
        self.connectivity = Connectivity(self.api, self.tasks, parent=self)
        offline = OfflineCache(self.library, self.connectivity, self.tasks)
        self.catalog = CatalogService(self.api, self.tasks, offline, self)
        self.search = SearchService(self.api, self.tasks, parent=self)
        self.posters = PosterService(
            self.api, self.tasks, cache_dir / "posters", library=self.library, parent=self
        )
        self.switching = ApiSwitching(settings, self.api, self.tasks, self)
        self.reloading = Reloading(
            self.api, self.connectivity, self.catalog, self.search, self.posters, self
        )
        self.playback = PlaybackService(self.api, self.tasks, settings, self.library, parent=self)
        self.updates = UpdatesService(self.api, self.tasks, self.library, parent=self)
        self.announcer = Announcer(
            settings, self.library, self.tasks, self._title_for_announcement, parent=self
        )
        self.updates.playlist_updated.connect(self.announcer.offer)
        settings.changed.connect(self._setting_changed)

    async def start(self) -> None:
        await asyncio.gather(self.api.start(), self.library.start())

    def start_listening(self) -> None:
        """The update stream runs from now until shutdown, window shown or not."""
        self.updates.start(subscriptions_for(self.settings))

    async def _title_for_announcement(self, title_id: int) -> Title:
        kept = await self.library.kept_title(title_id=title_id)
        if kept is not None:
            title: Title = kept.value
            return title
        return await self.catalog.brief_title(title_id)

    def _setting_changed(self, key: str, value: object) -> None:
        if key in ("announce", "announce_year", "announce_genre"):
            self.updates.set_subscriptions(subscriptions_for(self.settings))
        elif key == "autostart":
            self.tasks.run(asyncio.to_thread(set_autostart, bool(value)), name="autostart")

    async def shutdown(self) -> None:
        """Stage by stage: no task outlives the client it uses, no thread outlives the loop."""
        await self.tasks.shutdown()
        await self.api.close()
        self.posters.close()
        await self.library.close()
        log.info("services stopped")
