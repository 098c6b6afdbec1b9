"""A finished episode stays finished: a pause that reaches the queue just after the engine
recorded the episode done (the file complete, the table saying so) leaves it done, in memory and
in the table, and its file where it is; nothing is fetched again on the next start."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from app.core.download import DownloadState, SharedRecord
from app.services.library import LibraryService
from app.services.settings import SettingsStore
from app.services.tasks import TaskRunner
from tests.unit.download_kit import TITLE, make_service, rows, when
from tests.unit.fake_engine import FakeEngine
from tests.unit.fakes import FakeApiService

DONE = DownloadState.DONE


def is_file(path: str) -> bool:
    return Path(path).is_file()


class FinishesThenLingers(FakeEngine):
    """Records the episode done, then lingers before it returns, as the real engine does while
    it lets go of the episode's lock: the pause lands in that moment."""

    def __init__(self) -> None:
        super().__init__()
        self.recorded = asyncio.Event()
        self.lingering = asyncio.Event()

    async def __call__(self, *args: Any, record: SharedRecord | None = None, **kwargs: Any) -> int:
        size = await super().__call__(*args, record=record, **kwargs)
        self.recorded.set()
        await self.lingering.wait()
        return size


async def test_a_pause_that_crosses_the_finish_leaves_the_episode_done(
    library: LibraryService, api: FakeApiService, settings: SettingsStore, tasks: TaskRunner,
    root: Path,
) -> None:  # fmt: skip
    engine = FinishesThenLingers()
    downloads = make_service(library, api, settings, tasks, engine)
    downloads.start()
    try:
        (item,) = await downloads.add(TITLE, [1])
        await engine.recorded.wait()
        seen: list[DownloadState] = []
        downloads.changed.connect(lambda changed: seen.append(changed.state))
        downloads.pause(item.id)  # the viewer's click, a moment too late
        await when(downloads, lambda: seen[-1:] == [DONE])
        assert seen == [DownloadState.PAUSED, DONE]  # shown paused for a moment, then done
        assert [row.state for row in await rows(library)] == [DONE]
        assert is_file(item.path)
    finally:
        await downloads.shutdown()
    again = make_service(library, api, settings, tasks, engine)  # the next start
    again.start()
    try:
        await again.refresh()
        assert [found.state for found in again.items()] == [DONE]
        assert len(engine.calls) == 1
    finally:
        await again.shutdown()
