"""What the downloads' unit tests share: a title with three episodes, and the service made over
the real library and the real stream resolver, with the engine a test gives."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx

from app.core import Names, Player, StreamHosts, StreamLinks, Title
from app.core.download import DownloadItem, DownloadState
from app.core.player import Episode
from app.services.downloads import DownloadService
from app.services.library import LibraryService
from app.services.settings import SettingsStore
from app.services.streams import StreamResolver
from app.services.tasks import TaskRunner
from tests.unit.fake_engine import FakeEngine
from tests.unit.fakes import FakeApiService


def _episode(number: float) -> Episode:
    links = StreamLinks(fhd=f"/v/{number:g}/1080.m3u8", hd=f"/v/{number:g}/720.m3u8")
    return Episode(number=number, hls=links)


TITLE = Title(
    id=7, code="frieren", names=Names(ru="Фрирен"),
    player=Player(hosts=StreamHosts(hls="cache.libria.fun"),
                  episodes=tuple(_episode(n) for n in (1, 2, 3))),
)  # fmt: skip


class FakeTitles:
    def __init__(self, *titles: Title) -> None:
        self.titles = {title.id: title for title in titles}

    async def title(
        self, *, code: str | None = None, id: int | None = None, episode: float | None = None
    ) -> Title:
        return self.titles[id or 0]


def make_service(
    library: LibraryService, api: FakeApiService, settings: SettingsStore, tasks: TaskRunner,
    engine: FakeEngine,
) -> DownloadService:  # fmt: skip
    sources = StreamResolver(api, settings, library)
    return DownloadService(library, sources, FakeTitles(TITLE), settings, tasks, engine=engine,
                           make_client=httpx.AsyncClient)  # fmt: skip


async def when(service: DownloadService, condition: Callable[[], Any], within: float = 5) -> None:
    """Until `condition` holds, checked whenever an item changes or goes, or a batch ends."""
    ready = asyncio.Event()

    def check(*_: object) -> None:
        if condition():
            ready.set()

    signals = (service.changed, service.removed, service.batch_finished)
    for signal in signals:
        signal.connect(check)
    try:
        check()
        await asyncio.wait_for(ready.wait(), within)
    finally:
        for signal in signals:
            signal.disconnect(check)


def states(service: DownloadService) -> list[DownloadState]:
    return [item.state for item in service.items()]


async def rows(library: LibraryService) -> list[DownloadItem]:
    return await library.downloads(lambda store: store.all())
