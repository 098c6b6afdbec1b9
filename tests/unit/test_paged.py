"""A list that loads page by page: what the view is told as pages arrive, fail or go stale."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from app.api import MalformedResponseError, NetworkError, NotFoundError, ServerError
from app.services.paged import PagedQuery
from app.services.state import LoadState
from app.services.tasks import TaskRunner
from tests.qt_loop import until


class Pages:
    """A fetch over `total` numbered items, recording every (after, limit) asked for."""

    def __init__(self, total: int) -> None:
        self.items = list(range(total))
        self.asked: list[tuple[int, int]] = []
        self.errors: list[BaseException] = []

    async def __call__(self, after: int, limit: int) -> list[int]:
        self.asked.append((after, limit))
        if self.errors:
            raise self.errors.pop(0)
        return self.items[after : after + limit]


class Seen:
    """Everything a view bound to the query would receive."""

    def __init__(self, query: PagedQuery) -> None:
        self.resets: list[list[Any]] = []
        self.appended: list[list[Any]] = []
        self.states: list[tuple[LoadState, str]] = []
        self.more_failed: list[str] = []
        query.reset.connect(self.resets.append)
        query.appended.connect(self.appended.append)
        query.state_changed.connect(lambda state, message: self.states.append((state, message)))
        query.more_failed.connect(self.more_failed.append)


def settled(query: PagedQuery) -> bool:
    return query.state is not LoadState.LOADING and not query.loading


async def test_pages_arrive_in_order_until_a_short_page_ends_the_list(tasks: TaskRunner) -> None:
    pages = Pages(25)
    query = PagedQuery(tasks, "numbers", pages, page_size=10)
    seen = Seen(query)
    query.reload()
    assert query.state is LoadState.LOADING  # the view shows its spinner at once
    await until(lambda: settled(query))
    assert seen.resets == [list(range(10))] and query.state is LoadState.READY
    query.load_more()
    await until(lambda: query.count == 20 and not query.loading)
    query.load_more()
    await until(lambda: query.count == 25 and not query.loading)
    assert seen.appended == [list(range(10, 20)), list(range(20, 25))]
    assert query.exhausted
    query.load_more()  # the end was reached: nothing more is asked for
    assert pages.asked == [(0, 10), (10, 10), (20, 10)]
    assert [state for state, _ in seen.states] == [LoadState.LOADING, LoadState.READY]


async def test_an_empty_answer_is_the_empty_state(tasks: TaskRunner) -> None:
    query = PagedQuery(tasks, "nothing", Pages(0), page_size=10)
    seen = Seen(query)
    query.reload()
    await until(lambda: settled(query))
    assert query.state is LoadState.EMPTY and seen.resets == [[]] and query.exhausted


async def test_load_more_before_a_first_page_asks_for_nothing(tasks: TaskRunner) -> None:
    pages = Pages(25)
    query = PagedQuery(tasks, "idle", pages, page_size=10)
    query.load_more()
    assert query.state is LoadState.IDLE and not query.loading
    query.reload()
    query.load_more()  # the first page is still on its way
    await until(lambda: settled(query))
    assert pages.asked == [(0, 10)]


@pytest.mark.parametrize(
    ("error", "state", "message"),
    [
        (NetworkError("Сервер не отвечает"), LoadState.OFFLINE, "Сервер не отвечает"),
        (ServerError(503, "Ведутся работы"), LoadState.ERROR, "Ведутся работы"),
        (NotFoundError(404, "Нет страницы"), LoadState.ERROR, "Нет страницы"),
        (MalformedResponseError("Не JSON"), LoadState.ERROR, "Не JSON"),  # reached, but wrong
        (ValueError("broken"), LoadState.ERROR, "ValueError: broken"),
    ],
)
async def test_a_failed_first_page_becomes_a_state_with_its_message(
    tasks: TaskRunner, error: BaseException, state: LoadState, message: str
) -> None:
    pages = Pages(25)
    pages.errors.append(error)
    query = PagedQuery(tasks, "failing", pages, page_size=10)
    seen = Seen(query)
    query.reload()
    await until(lambda: settled(query))
    assert (query.state, query.message) == (state, message)
    assert seen.resets == []
    query.reload()  # the view's retry
    await until(lambda: settled(query))
    assert query.state is LoadState.READY and query.message == ""
    assert seen.resets == [list(range(10))]


async def test_a_failed_next_page_keeps_what_is_shown_and_can_be_retried(
    tasks: TaskRunner,
) -> None:
    pages = Pages(25)
    query = PagedQuery(tasks, "more", pages, page_size=10)
    seen = Seen(query)
    query.reload()
    await until(lambda: settled(query))
    pages.errors.append(NotFoundError(404, "Нет страницы"))
    query.load_more()
    await until(lambda: seen.more_failed)
    assert seen.more_failed == ["Нет страницы"]
    assert query.state is LoadState.READY and query.count == 10 and not query.loading
    query.load_more()
    await until(lambda: query.count == 20)
    assert seen.appended == [list(range(10, 20))]


async def test_reload_starts_over_from_the_first_page(tasks: TaskRunner) -> None:
    pages = Pages(15)
    query = PagedQuery(tasks, "again", pages, page_size=10)
    seen = Seen(query)
    query.reload()
    await until(lambda: settled(query))
    query.load_more()
    await until(lambda: query.exhausted)
    pages.items = list(range(100, 130))  # the server has news
    query.reload()
    assert query.count == 0 and not query.exhausted
    await until(lambda: settled(query))
    assert seen.resets[-1] == list(range(100, 110)) and query.count == 10
    assert not query.exhausted


async def test_an_answer_of_an_older_reload_is_dropped(tasks: TaskRunner) -> None:
    release = asyncio.Event()
    finished = asyncio.Event()
    asked: list[int] = []

    async def fetch(after: int, limit: int) -> list[str]:
        asked.append(after)
        if len(asked) > 1:
            return ["new"]
        try:
            await release.wait()
        except asyncio.CancelledError:
            return ["stale"]  # an answer that came anyway, as the newer request started
        finally:
            finished.set()
        return ["stale"]

    query = PagedQuery(tasks, "generations", fetch, page_size=10)
    seen = Seen(query)
    query.reload()
    await until(lambda: asked == [0])
    query.reload()
    release.set()
    await finished.wait()
    await until(lambda: settled(query))
    assert seen.resets == [["new"]]
    assert query.count == 1 and query.state is LoadState.READY


async def test_a_kept_first_page_shows_at_once_and_its_refresh_has_no_loading_state(
    tasks: TaskRunner,
) -> None:
    pages = Pages(25)
    query = PagedQuery(tasks, "kept", pages, page_size=10)
    seen = Seen(query)
    refreshed: list[list[Any]] = []
    query.refreshed.connect(refreshed.append)
    query.show_kept([7, 8, 9])
    assert seen.resets == [[7, 8, 9]] and query.kept == [7, 8, 9]
    assert query.state is LoadState.READY and pages.asked == []  # nothing asked yet
    query.load_more()  # the next page waits for the first page's answer
    query.refresh()
    assert query.loading and query.state is LoadState.READY  # the cards stay, no spinner
    await until(lambda: settled(query))
    assert refreshed == [list(range(10))] and seen.resets == [[7, 8, 9]]  # merged, not reset
    assert [state for state, _ in seen.states] == [LoadState.READY, LoadState.READY]
    assert query.kept == [] and query.count == 10
    query.load_more()
    await until(lambda: query.count == 20 and not query.loading)
    assert pages.asked == [(0, 10), (10, 10)]


async def test_a_failed_refresh_of_a_kept_page_shows_its_error_and_retries_as_a_reload(
    tasks: TaskRunner,
) -> None:
    pages = Pages(25)
    pages.errors.append(ServerError(503, "Ведутся работы"))
    query = PagedQuery(tasks, "kept-failing", pages, page_size=10)
    seen = Seen(query)
    query.show_kept([1, 2])
    query.refresh()
    await until(lambda: settled(query))
    assert (query.state, query.message) == (LoadState.ERROR, "Ведутся работы")
    query.reload()  # the view's retry
    await until(lambda: settled(query))
    assert seen.resets == [[1, 2], list(range(10))] and query.state is LoadState.READY
