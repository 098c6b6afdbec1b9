"""Episode stills on the title page: a placeholder at once, the still once the poster service has
it, never blocking; an episode without one (or whose still fails) keeps the placeholder."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

from PySide6.QtWidgets import QListWidgetItem

from app.api.backend import ApiKind
from app.core import Episode, Player, Title
from app.services.context import AppServices
from app.ui.pages.episode_list import STILL, StillRole
from app.ui.pages.title_page import TitleView
from tests.ui.conftest import until


def _origin(services: AppServices) -> str:
    parts = urlsplit(services.api.base_url)
    return f"{parts.scheme}://{parts.netloc}"


async def _ready(services: AppServices, url: str) -> None:
    """Until the poster service says the still at `url` is in."""
    arrived: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def ready(done: str) -> None:
        if done == url and not arrived.done():
            arrived.set_result(None)

    services.posters.ready.connect(ready)
    try:
        async with asyncio.timeout(10):
            await arrived
    finally:
        services.posters.ready.disconnect(ready)


def _icon_key(item: QListWidgetItem) -> int:
    return item.icon().pixmap(STILL).cacheKey()


async def test_stills_replace_the_placeholder_and_ticks_stay(services: AppServices) -> None:
    origin = _origin(services)
    good = f"{origin}/storage/releases/episodes/previews/9003/1/still.jpg"
    missing = f"{origin}/storage/no-such-still.jpg"
    title = Title(id=9003, player=Player(episodes=(
        Episode(1, preview=good), Episode(2), Episode(3, preview=missing),
    )))  # fmt: skip
    view = TitleView(services.posters)
    view.show_title(title)
    items = [view.episodes.item(row) for row in range(3)]
    placeholder = _icon_key(items[1])
    assert all(not item.icon().isNull() for item in items), "a placeholder beside each episode"
    assert not any(item.data(StillRole) for item in items)
    await _ready(services, good)
    assert items[0].data(StillRole) is True
    assert _icon_key(items[0]) != placeholder
    await until(lambda: missing in services.posters._failed)  # the service gave up on it
    assert items[2].data(StillRole) is False and _icon_key(items[2]) == placeholder
    assert items[1].data(StillRole) is False

    view.mark_watched(9003, {1.0})
    assert items[0].text().startswith("✓ Серия 1") and items[0].data(StillRole) is True
    view.show_title(title)  # the same title reloaded: ticks and the cached still at once
    first = view.episodes.item(0)
    assert first.text().startswith("✓") and first.data(StillRole) is True
    view.mark_watched(1, set())  # another title's marks are ignored
    assert view.episodes.item(0).text().startswith("✓")
    view.show_title(Title(id=9004, player=title.player))  # another title: no old ticks
    assert not view.episodes.item(0).text().startswith("✓")
    view.deleteLater()


async def test_a_title_page_shows_the_apis_stills(services: AppServices) -> None:
    full = await services.catalog.title(id=9003)
    view = TitleView(services.posters)
    view.show_title(full)
    episodes = full.player.episodes
    assert view.episodes.count() == len(episodes) > 0
    if services.api.kind is ApiKind.V1:  # the demo's v2 (2.8) has no stills
        assert all(episode.preview for episode in episodes)
    for row, episode in enumerate(episodes):
        item = view.episodes.item(row)
        if episode.preview:
            await until(lambda item=item: item.data(StillRole) is True)
        else:
            assert item.data(StillRole) is False and not item.icon().isNull()
    view.deleteLater()
