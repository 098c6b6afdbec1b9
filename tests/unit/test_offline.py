"""Working without the server: the last copies answer, the app knows it is offline and since
when its data is, and a probe notices when the server is back."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from app.api import MalformedResponseError, NetworkError, ServerError
from app.core import Title
from app.services.library import LibraryService
from app.services.offline import Connectivity, OfflineCache
from app.services.tasks import TaskRunner
from tests.qt_loop import until
from tests.unit.fakes import FakeApiService, FakeBackend, make_title

FAST_PROBES = (0.01,)  # seconds between probes while offline


class Online:
    """The connectivity signals a banner would follow."""

    def __init__(self, connectivity: Connectivity) -> None:
        self.changes: list[tuple[bool, float]] = []
        self.restored = 0
        connectivity.changed.connect(lambda online, since: self.changes.append((online, since)))
        connectivity.restored.connect(self._restored)

    def _restored(self) -> None:
        self.restored += 1


@pytest.fixture
def connectivity(api: FakeApiService, tasks: TaskRunner) -> Connectivity:
    return Connectivity(api, tasks, delays=FAST_PROBES)


@pytest.fixture
def cache(library: LibraryService, connectivity: Connectivity, tasks: TaskRunner) -> OfflineCache:
    return OfflineCache(library, connectivity, tasks)


async def until_kept(read: Callable[[], Awaitable[Any]]) -> Any:
    """Copies are written in the background: waits until one is there."""
    for _ in range(500):
        kept = await read()
        if kept is not None:
            return kept
    raise AssertionError("nothing was kept")


def answering(value: Any) -> Callable[[], Awaitable[Any]]:
    async def fetch() -> Any:
        return value

    return fetch


def failing(error: BaseException) -> Callable[[], Awaitable[Any]]:
    async def fetch() -> Any:
        raise error

    return fetch


async def test_the_last_copy_answers_when_the_server_is_unreachable(
    cache: OfflineCache, library: LibraryService, connectivity: Connectivity
) -> None:
    online = Online(connectivity)
    titles = [make_title(1), make_title(2)]
    before = time.time()
    assert await cache.page("updates:0:30", list[Title], answering(titles)) == titles
    kept = await until_kept(lambda: library.kept_page("updates:0:30", list[Title]))
    assert kept.fetched >= before
    answer = await cache.page("updates:0:30", list[Title], failing(NetworkError("нет сети")))
    assert answer == titles
    assert not connectivity.online
    assert online.changes == [(False, kept.fetched)]  # the banner says since when
    assert connectivity.data_time == kept.fetched


async def test_unreachable_with_nothing_kept_is_an_error_and_offline(
    cache: OfflineCache, connectivity: Connectivity
) -> None:
    online = Online(connectivity)
    with pytest.raises(NetworkError):
        await cache.page("schedule", list[Title], failing(NetworkError("нет сети")))
    assert not connectivity.online and online.changes == [(False, 0.0)]


@pytest.mark.parametrize(
    "error", [ServerError(500, "Сломалось"), MalformedResponseError("не JSON")]
)
async def test_a_server_that_answers_wrongly_is_not_offline(
    cache: OfflineCache, library: LibraryService, connectivity: Connectivity,
    error: BaseException,
) -> None:  # fmt: skip
    await cache.page("years", list[int], answering([2024]))
    await until_kept(lambda: library.kept_page("years", list[int]))
    with pytest.raises(type(error)):
        await cache.page("years", list[int], failing(error))
    assert connectivity.online


async def test_a_kept_title_is_found_by_id_and_by_code(
    cache: OfflineCache, library: LibraryService
) -> None:
    title = make_title(7)
    await cache.title(answering(title), title_id=7, code=None)
    await until_kept(lambda: library.kept_title(title_id=7))
    gone = failing(NetworkError("нет сети"))
    assert await cache.title(gone, title_id=7, code=None) == title
    assert await cache.title(gone, title_id=None, code="title-7") == title
    with pytest.raises(NetworkError):
        await cache.title(gone, title_id=8, code=None)


async def test_the_oldest_data_on_screen_is_what_the_banner_owns_up_to(
    connectivity: Connectivity, backend: FakeBackend
) -> None:
    backend.fail("years", NetworkError("нет сети"), times=1000)  # the probe keeps failing
    connectivity.went_offline(2000.0)
    connectivity.went_offline(1000.0)
    connectivity.went_offline(3000.0)
    connectivity.went_offline(0.0)  # nothing kept for this one
    assert connectivity.data_time == 1000.0


async def test_the_probe_notices_the_server_is_back(
    connectivity: Connectivity, backend: FakeBackend
) -> None:
    online = Online(connectivity)
    backend.fail("years", NetworkError("нет сети"), times=3)
    connectivity.went_offline(1000.0)
    await until(lambda: online.restored)
    assert connectivity.online and connectivity.data_time == 0.0
    assert online.changes == [(False, 1000.0), (True, 0.0)]
    assert len(backend.called("years")) == 4  # three failed probes, then the answer


async def test_retry_now_probes_at_once(api: FakeApiService, tasks: TaskRunner,
                                        backend: FakeBackend) -> None:  # fmt: skip
    connectivity = Connectivity(api, tasks, delays=(3600.0,))  # no probe on its own in time
    online = Online(connectivity)
    connectivity.went_offline(0.0)
    connectivity.retry_now()
    await until(lambda: online.restored)
    assert connectivity.online


async def test_an_answer_while_offline_brings_the_app_back(
    library: LibraryService, api: FakeApiService, tasks: TaskRunner
) -> None:
    slow = Connectivity(api, tasks, delays=(3600.0,))  # no probe on its own in time
    cache = OfflineCache(library, slow, tasks)
    online = Online(slow)
    with pytest.raises(NetworkError):
        await cache.page("years", list[int], failing(NetworkError("нет сети")))
    assert await cache.page("years", list[int], answering([2024])) == [2024]
    assert slow.online and online.restored == 1
