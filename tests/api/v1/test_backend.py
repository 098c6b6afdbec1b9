"""The v1 backend: the app's offset pages and search criteria in v1's terms, over real sockets."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.api.v1.backend import UnsupportedError, V1Backend
from app.core import Season, Title, YouTubeVideo
from app.core.search import SearchCriteria
from app.demo import DemoServer


@pytest.fixture
async def backend(demo: DemoServer) -> AsyncIterator[V1Backend]:
    async with V1Backend(demo.api_base_v1) as opened:
        yield opened


async def test_offset_pages_follow_each_other(backend: V1Backend, demo: DemoServer) -> None:
    first, second = await backend.updates(0, 30), await backend.updates(30, 30)
    assert len(first) == len(second) == 30
    ids = [t.id for t in first + second]
    assert len(set(ids)) == 60
    visible = sorted((t for t in demo.catalog.titles.values() if t.status != 3),
                     key=lambda t: -t.updated)  # fmt: skip
    assert ids == [t.id for t in visible[:60]]


async def test_search_over_years_with_gaps_pages_only_those_years(
    backend: V1Backend, demo: DemoServer
) -> None:
    criteria = SearchCriteria(years=(2001, 2005), seasons=(int(Season.WINTER),))
    wanted = {t.id for t in demo.catalog.titles.values()
              if t.status != 3 and t.year in (2001, 2005) and t.season == 1}  # fmt: skip
    assert wanted
    pages = [await backend.search(criteria, after, 2) for after in range(0, len(wanted) + 2, 2)]
    found = [t for page in pages for t in page]
    assert {t.id for t in found} == wanted and len(found) == len(wanted)
    assert all(len(page) == 2 for page in pages[: len(wanted) // 2])  # full pages until the end


async def test_search_by_genre_uses_the_servers_genre_ids(
    backend: V1Backend, demo: DemoServer
) -> None:
    found = await backend.search(SearchCriteria(genres=("Драма", "Магия")), 0, 50)
    wanted = {t.id for t in demo.catalog.titles.values()
              if t.status != 3 and {"Драма", "Магия"} <= set(t.genres)}  # fmt: skip
    assert {t.id for t in found} == wanted
    assert await backend.search(SearchCriteria(genres=("Нет такого",)), 0, 50) == []


async def test_feed_mixes_videos_into_their_place_and_youtube_pages(backend: V1Backend) -> None:
    feed = await backend.feed(0, 30)
    times = [i.updated if isinstance(i, Title) else i.timestamp for i in feed]
    assert times == sorted(times, reverse=True)
    assert any(isinstance(i, YouTubeVideo) for i in feed)
    first, second = await backend.youtube(0, 40), await backend.youtube(40, 40)
    assert first and not {v.id for v in first} & {v.id for v in second}


async def test_what_v1_lacks_says_so(backend: V1Backend) -> None:
    with pytest.raises(UnsupportedError, match="v1"):
        await backend.changes(0, 30)
    with pytest.raises(UnsupportedError, match="v1"):
        await backend.seed_stats(0, 30, None, None)
    assert await backend.caching_nodes() == []
