"""Search as you type over a backend in memory: one request per pause, the newest one wins."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.api import NetworkError
from app.core import Title
from app.core.search import SearchCriteria
from app.services.search import SearchService
from app.services.state import LoadState
from app.services.tasks import TaskRunner
from tests.qt_loop import until
from tests.unit.fakes import FakeApiService, FakeBackend, make_title


@pytest.fixture
def backend() -> FakeBackend:
    names = ["Тайна города", "Тайна леса", "Легенда о драконе", "Дракона сердце"]
    return FakeBackend([make_title(n, name) for n, name in enumerate(names, start=1)])


@pytest.fixture
async def search(api: FakeApiService, tasks: TaskRunner) -> AsyncIterator[SearchService]:
    service = SearchService(api, tasks, debounce_ms=30)
    yield service
    service.deleteLater()


def names(titles: list[Title]) -> list[str]:
    return [title.names.ru for title in titles]


def texts_searched(backend: FakeBackend) -> list[str]:
    return [criteria.text for criteria, *_ in backend.called("search")]


async def test_typing_searches_once_for_the_last_text(
    search: SearchService, backend: FakeBackend
) -> None:
    shown: list[list[Title]] = []
    search.results.reset.connect(shown.append)
    for text in ("т", "та", "тай", "тайна"):
        search.set_criteria(SearchCriteria(text=text))  # faster than the pause: one search
    await until(lambda: search.results.state is LoadState.READY)
    assert texts_searched(backend) == ["тайна"]
    assert [names(titles) for titles in shown] == [["Тайна города", "Тайна леса"]]


async def test_enter_searches_at_once(api: FakeApiService, tasks: TaskRunner,
                                      backend: FakeBackend) -> None:  # fmt: skip
    search = SearchService(api, tasks, debounce_ms=60_000)  # a pause that never ends in time
    search.set_criteria(SearchCriteria(text="дракон"), immediately=True)
    await until(lambda: search.results.state is LoadState.READY)
    assert texts_searched(backend) == ["дракон"]
    assert search.results.count == 2


async def test_the_same_criteria_again_is_not_searched_again(
    search: SearchService, backend: FakeBackend
) -> None:
    search.set_criteria(SearchCriteria(text="лес"), immediately=True)
    await until(lambda: search.results.state is LoadState.READY)
    search.set_criteria(SearchCriteria(text="лес"), immediately=True)
    assert search.results.state is LoadState.READY  # no new request started
    assert texts_searched(backend) == ["лес"]


async def test_nothing_found_is_the_empty_state(search: SearchService) -> None:
    search.set_criteria(SearchCriteria(text="нет такого"), immediately=True)
    await until(lambda: search.results.state is LoadState.EMPTY)
    assert search.results.count == 0


async def test_filters_narrow_the_results(search: SearchService, backend: FakeBackend) -> None:
    backend.titles.append(make_title(9, "Тайна гор", year=2010, genres=("Драма",)))
    search.set_criteria(SearchCriteria(text="тайна", years=(2010,)), immediately=True)
    await until(lambda: search.results.state is LoadState.READY)
    assert search.results.count == 1
    assert backend.called("search")[0][0].years == (2010,)


async def test_a_slow_older_answer_never_overwrites_a_newer_one(
    search: SearchService, backend: FakeBackend
) -> None:
    shown: list[list[str]] = []
    search.results.reset.connect(lambda titles: shown.append(names(titles)))
    slow = backend.hold("search")
    search.set_criteria(SearchCriteria(text="тайна"), immediately=True)
    await until(lambda: texts_searched(backend) == ["тайна"])
    search.set_criteria(SearchCriteria(text="дракон"), immediately=True)
    await until(lambda: search.results.state is LoadState.READY)
    slow.set()  # the older answer could arrive now
    await until(lambda: backend.finished.count("search") == 2)
    assert shown == [["Легенда о драконе", "Дракона сердце"]]
    assert search.criteria.text == "дракон"


async def test_an_unreachable_server_is_the_offline_state(
    search: SearchService, backend: FakeBackend
) -> None:
    backend.fail("search", NetworkError("Нет связи"))
    search.set_criteria(SearchCriteria(text="тайна"), immediately=True)
    await until(lambda: search.results.state is LoadState.OFFLINE)
    assert search.results.message == "Нет связи"
