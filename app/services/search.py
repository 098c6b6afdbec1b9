"""Search as you type: criteria changes are debounced, and each new search cancels the last."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer

from app.core import TeamRole, Title
from app.services.api import ApiService
from app.services.catalog import GRID_FIELDS
from app.services.paged import PagedQuery
from app.services.state import LoadState
from app.services.tasks import TaskRunner


@dataclass(frozen=True)
class SearchCriteria:
    text: str = ""
    years: tuple[int, ...] = ()
    seasons: tuple[int, ...] = ()  # 1 winter ... 4 autumn
    genres: tuple[str, ...] = ()
    team: dict[TeamRole, tuple[str, ...]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.text.strip() or self.years or self.seasons or self.genres) and not any(
            self.team.values()
        )


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
        criteria = self.criteria
        params: dict[str, Any] = {
            "search": criteria.text.strip() or None,
            "year": criteria.years or None,
            "season_code": criteria.seasons or None,
            "genres": criteria.genres or None,
        }
        for role, members in criteria.team.items():
            if members:
                params[role.value] = members
        return await self._api.client.search_titles(
            **params, filter=GRID_FIELDS, limit=limit, after=after
        )
