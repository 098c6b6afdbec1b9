"""The app follows its API: to the server the settings name, and back to what was shown.

`ApiSwitching` moves the client when the user changes the address or the API kind; `Reloading`
loads again whatever was on screen once the client changes or the server answers again. Both
live as long as the services, window shown or not.
"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject

from app.services.api import ApiKind, ApiService
from app.services.catalog import CatalogService
from app.services.offline import Connectivity
from app.services.posters import PosterService
from app.services.search import SearchService
from app.services.settings import SettingsStore
from app.services.state import LoadState
from app.services.tasks import TaskRunner

log = logging.getLogger(__name__)
API_KEYS = ("api_base", "api_kind")


class ApiSwitching(QObject):
    """A changed API address or kind in the settings swaps the client."""

    def __init__(
        self,
        settings: SettingsStore,
        api: ApiService,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._api = api
        self._tasks = tasks
        settings.on_change(API_KEYS, self._api_changed)

    def _api_changed(self, _value: object) -> None:
        self._tasks.run(self.switch(), name="switch-api")

    async def switch(self) -> None:
        """To the address and kind the settings hold now (an empty address: the automatic
        choice). A server that cannot be used is logged: the old client stays."""
        base_url = self._settings.get("api_base") or None
        try:
            await self._api.set_base_url(base_url, ApiKind(self._settings.get("api_kind")))
        except (ValueError, asyncio.CancelledError):
            raise
        except Exception:
            log.exception("cannot switch to %s", base_url or "the automatic address")


class Reloading(QObject):
    """Another client, or the server back after an outage: what was loaded loads again, and
    posters that failed meanwhile are tried again."""

    def __init__(
        self,
        api: ApiService,
        connectivity: Connectivity,
        catalog: CatalogService,
        search: SearchService,
        posters: PosterService,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._search = search
        self._posters = posters
        connectivity.restored.connect(self.reload_all)
        api.client_changed.connect(self.reload_all)

    def reload_all(self) -> None:
        self._posters.forget_failures()
        self._catalog.reload_active()
        if self._search.results.state is not LoadState.IDLE:
            self._search.results.reload()
