"""Every service of one app run, created together and shut down in order."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from PySide6.QtCore import QObject

from app.services.api import ApiService
from app.services.catalog import CatalogService
from app.services.library import LibraryService
from app.services.offline import Connectivity, OfflineCache
from app.services.playback import PlaybackService
from app.services.posters import PosterService
from app.services.search import SearchService
from app.services.settings import SettingsStore
from app.services.tasks import TaskRunner

log = logging.getLogger(__name__)


class AppServices(QObject):
    def __init__(
        self,
        settings: SettingsStore,
        api_base: str,
        cache_dir: Path,
        data_dir: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        data_dir = data_dir or cache_dir.parent / "data"
        super().__init__(parent)
        self.settings = settings
        self.tasks = TaskRunner()
        self.api = ApiService(api_base, self)
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
        self.playback = PlaybackService(self.api, self.tasks, settings, self.library, parent=self)

    async def start(self) -> None:
        await asyncio.gather(self.api.start(), self.library.start())

    async def shutdown(self) -> None:
        """Stage by stage: no task outlives the client it uses, no thread outlives the loop."""
        await self.tasks.shutdown()
        await self.api.close()
        self.posters.close()
        await self.library.close()
        log.info("services stopped")
