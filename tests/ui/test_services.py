"""Services on the Qt loop against the demo server: debounced, cancelling search; stale answers
never win; a failed next page. (The queries' own rules are unit-tested in tests/unit.)"""

from __future__ import annotations

import asyncio

import pytest

from app.core import Title
from app.core.search import SearchCriteria
from app.demo import DemoServerThread
from app.demo.server import Fault
from app.services.context import AppServices
from app.services.state import LoadState
from tests.ui.conftest import api_method, until


async def test_typing_sends_one_search_for_the_last_text(
    services: AppServices, demo_thread: DemoServerThread
) -> None:
    search = services.search
    before = demo_thread.server.request_count
    for text in ("л", "ле", "лег", "леге", "легенда", "легенда ледяного"):
        search.set_criteria(SearchCriteria(text=text))
        await asyncio.sleep(0.05)  # faster than the debounce
    await until(lambda: search.results.state is LoadState.READY)
    assert demo_thread.server.request_count - before == 1
    assert search.results.count > 0


async def test_a_slow_older_answer_never_overwrites_a_newer_one(
    services: AppServices, demo_thread: DemoServerThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    search = services.search
    shown: list[str] = []
    search.results.reset.connect(lambda titles: shown.append(titles[0].names.ru if titles else ""))
    backend = services.api.backend
    real_search = backend.search
    over: list[str] = []  # the searches whose request has ended, answered or cancelled

    async def observed(criteria: SearchCriteria, after: int, limit: int) -> list[Title]:
        try:
            return await real_search(criteria, after, limit)
        finally:
            over.append(criteria.text)

    monkeypatch.setattr(backend, "search", observed)
    slow = Fault(api_method(services, "searchTitles", "app/search/releases"), delay=1.0)
    demo_thread.server.faults.append(slow)  # the first one is slow
    search.set_criteria(SearchCriteria(text="тайна"), immediately=True)
    await until(lambda: slow not in demo_thread.server.faults)  # the server has it
    search.set_criteria(SearchCriteria(text="дракона"), immediately=True)
    await until(lambda: sorted(over) == ["дракона", "тайна"])  # the slow one is over too
    assert search.results.state is LoadState.READY
    assert len(shown) == 1 and "дракона" in shown[0]


async def test_a_failed_next_page_keeps_what_is_shown(
    services: AppServices, demo_thread: DemoServerThread
) -> None:
    updates = services.catalog.updates
    failures: list[str] = []
    updates.more_failed.connect(failures.append)
    updates.reload()
    await until(lambda: updates.state is LoadState.READY)
    method = api_method(services, "getUpdates", "anime/catalog/releases")
    demo_thread.server.faults.append(Fault(method, status=404, message="Нет страницы"))
    updates.load_more()
    await until(lambda: failures)
    assert failures == ["Нет страницы"]
    assert updates.state is LoadState.READY and updates.count == 30
    updates.load_more()
    await until(lambda: updates.count == 60)


async def test_a_new_api_address_in_the_settings_swaps_the_client_and_reloads(
    services: AppServices,
) -> None:
    """No window needed: the services follow the settings and reload what was loaded."""
    updates, team = services.catalog.updates, services.catalog.team
    updates.reload()
    await until(lambda: updates.state is LoadState.READY)
    states: list[LoadState] = []
    updates.state_changed.connect(lambda state, _message: states.append(state))
    swapped: list[str] = []
    services.api.client_changed.connect(lambda: swapped.append(services.api.base_url))
    base = services.api.base_url
    services.settings.set("api_base", base)  # typed in the settings dialog
    await until(lambda: swapped)
    assert swapped == [base]
    await until(lambda: LoadState.LOADING in states and updates.state is LoadState.READY)
    assert team.state is LoadState.IDLE  # never opened: not loaded now either
