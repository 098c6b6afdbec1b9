"""The catalogue's queries over a backend in memory: what each list and reference shows."""

from __future__ import annotations

import gc
import weakref
from collections.abc import AsyncIterator

import pytest

from app.api import NotFoundError, ServerError
from app.api.backend import Feature
from app.core import Title
from app.core.sort import SeedStatsSort, SortOrder
from app.services.catalog import CatalogService
from app.services.library import LibraryService
from app.services.offline import Connectivity, OfflineCache
from app.services.single import SingleQuery
from app.services.state import LoadState
from app.services.tasks import TaskRunner
from tests.qt_loop import until
from tests.unit.fakes import FakeApiService, FakeBackend


@pytest.fixture
async def catalog(
    api: FakeApiService, tasks: TaskRunner, library: LibraryService
) -> AsyncIterator[CatalogService]:
    connectivity = Connectivity(api, tasks)
    service = CatalogService(api, tasks, OfflineCache(library, connectivity, tasks))
    yield service
    service.deleteLater()


def loaded(query: SingleQuery) -> bool:
    return query.state not in (LoadState.IDLE, LoadState.LOADING)


async def test_updates_are_newest_first_page_after_page(
    catalog: CatalogService, backend: FakeBackend
) -> None:
    shown: list[Title] = []
    catalog.updates.reset.connect(shown.extend)
    catalog.updates.appended.connect(shown.extend)
    catalog.updates.reload()
    await until(lambda: catalog.updates.state is LoadState.READY)
    assert len(shown) == 30
    catalog.updates.load_more()
    await until(lambda: catalog.updates.exhausted)
    assert [t.id for t in shown] == list(range(45, 0, -1))
    assert backend.called("updates") == [(0, 30), (30, 30)]


async def test_each_list_asks_for_its_own_page_size(
    catalog: CatalogService, backend: FakeBackend
) -> None:
    for query in (catalog.feed, catalog.youtube, catalog.seed_stats, catalog.changes):
        query.reload()
        await until(lambda q=query: q.state in (LoadState.READY, LoadState.EMPTY))
    assert backend.called("feed") == [(0, 24)]
    assert backend.called("youtube") == [(0, 40)]
    assert backend.called("changes") == [(0, 30)]
    assert catalog.youtube.count == 40 and catalog.feed.state is LoadState.EMPTY
    assert backend.called("seed_stats")[0][:2] == (0, 100)


async def test_sorting_seed_stats_reloads_them_in_the_new_order(
    catalog: CatalogService, backend: FakeBackend
) -> None:
    catalog.sort_seed_stats(SeedStatsSort.DOWNLOADED, SortOrder.ASC)
    await until(lambda: catalog.seed_stats.state is LoadState.READY)
    assert backend.called("seed_stats") == [(0, 100, SeedStatsSort.DOWNLOADED, SortOrder.ASC)]
    assert catalog.stats_sort == (SeedStatsSort.DOWNLOADED, SortOrder.ASC)


async def test_the_schedule_groups_titles_by_week_day(catalog: CatalogService) -> None:
    catalog.schedule.reload()
    await until(lambda: loaded(catalog.schedule))
    days = catalog.schedule.value
    assert catalog.schedule.state is LoadState.READY
    assert [day.day for day in days] == list(range(7))
    assert all(title.season.week_day == day.day for day in days for title in day.titles)


async def test_references_load_and_genres_follow_the_chosen_order(
    catalog: CatalogService, backend: FakeBackend
) -> None:
    catalog.years.reload()
    catalog.team.reload()
    catalog.load_genres(by_rating=True)
    await until(lambda: all(loaded(q) for q in (catalog.years, catalog.team, catalog.genres)))
    assert catalog.years.value == [2024]
    assert catalog.team.value.voice == ("Голос",)
    assert catalog.genres.value == ["Приключения"]
    assert backend.called("genres") == [(True,)]


async def test_a_failed_reference_shows_the_servers_message(
    catalog: CatalogService, backend: FakeBackend
) -> None:
    backend.fail("team", ServerError(503, "Ведутся работы"))
    catalog.team.reload()
    await until(lambda: loaded(catalog.team))
    assert (catalog.team.state, catalog.team.message) == (LoadState.ERROR, "Ведутся работы")
    catalog.team.reload()
    await until(lambda: loaded(catalog.team))
    assert catalog.team.state is LoadState.READY


async def test_a_title_by_id_or_code_and_a_missing_one(
    catalog: CatalogService, backend: FakeBackend
) -> None:
    assert (await catalog.title(id=7)).names.ru == "Тайтл 7"
    assert (await catalog.title(code="title-8")).id == 8
    with pytest.raises(NotFoundError):
        await catalog.title(id=999)
    assert [t.id for t in await catalog.light_titles([3, 4])] == [3, 4]
    assert (await catalog.brief_title(5)).id == 5
    assert await catalog.franchises(5) == []


async def test_random_opens_a_title(catalog: CatalogService) -> None:
    catalog.random.reload()
    await until(lambda: loaded(catalog.random))
    assert catalog.random.state is LoadState.READY and catalog.random.value.id == 1


async def test_features_follow_the_backend(backend: FakeBackend, tasks: TaskRunner,
                                           library: LibraryService) -> None:  # fmt: skip
    backend.features = frozenset({Feature.CHANGES})
    api = FakeApiService(backend)
    await api.start()
    catalog = CatalogService(api, tasks, OfflineCache(library, Connectivity(api, tasks), tasks))
    assert catalog.supports(Feature.CHANGES)
    assert not catalog.supports(Feature.SEED_STATS)


async def test_a_title_asked_for_before_the_api_opens_waits_for_it(
    backend: FakeBackend, tasks: TaskRunner, library: LibraryService
) -> None:
    api = FakeApiService(backend)  # a warm start: the page is painted before the API opens
    wanted: list[bool] = []
    api.wanted.connect(lambda: wanted.append(True))
    catalog = CatalogService(api, tasks, OfflineCache(library, Connectivity(api, tasks), tasks))
    asked = tasks.run(catalog.title(id=3))
    await until(lambda: wanted == [True])  # start-up is told to open the API now
    assert not asked.done()
    await api.start()
    title = await asked
    assert title.id == 3
    await api.close()


async def test_a_page_appended_is_left_out_of_later_full_collections(
    catalog: CatalogService,
) -> None:
    catalog.updates.reload()
    await until(lambda: catalog.updates.state is LoadState.READY)
    shown: list[Title] = []
    catalog.updates.appended.connect(shown.extend)
    frozen = gc.get_freeze_count()
    gc.disable()  # only the page's own collection may take the cycle below
    try:
        dead = Cycle()
        dead.me = dead
        gone = weakref.ref(dead)
        del dead
        catalog.updates.load_more()
        await until(lambda: bool(shown))
    finally:
        gc.enable()
    assert gc.get_freeze_count() > frozen  # the page, and what its views made of it
    assert gone() is None  # garbage from before it was collected, not kept for good


class Cycle:
    me: object = None
