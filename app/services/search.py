"""Search as you type: criteria changes are debounced, and each new search cancels the last."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from app.core import Title
from app.core.search import SearchCriteria
from app.services.api import ApiService
from app.services.paged import PagedQuery
from app.services.state import LoadState
from app.services.tasks import TaskRunner


class SearchService(QObject):
    def __init__(
        self,
        api: ApiService,
        tasks: TaskRunner,
        debounce_ms: int = 300,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self.criteria = SearchCriteria()
        self.results = PagedQuery(tasks, "search", self._fetch, page_size=30, parent=self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.results.reload)

    def set_criteria(self, criteria: SearchCriteria, immediately: bool = False) -> None:
        if criteria == self.criteria and self.results.state is not LoadState.IDLE:
            return
        self.criteria = criteria
        if immediately:
            self._timer.stop()
            self.results.reload()
        else:
            self._timer.start()  # restarts: only the last keystroke within the pause searches

    async def _fetch(self, after: int, limit: int) -> list[Title]:
        return await (await self._api.ready()).search(self.criteria, after, limit)
