"""A downloaded episode plays from its file, with no network: the real resolver and session over
the real library, a fake engine that "downloaded" it, a fake player, and a server that is gone."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from app.api import NetworkError
from app.core import Quality
from app.core.download import DownloadState
from app.services.downloads import DownloadService
from app.services.library import LibraryService
from app.services.session import PlaybackSession
from app.services.settings import SettingsStore
from app.services.streams import StreamChoice, StreamResolver
from app.services.tasks import TaskRunner
from app.storage.downloads import NewDownload
from tests.unit.download_kit import TITLE, FakeTitles, make_service
from tests.unit.fake_engine import FakeEngine
from tests.unit.fake_player import EPISODE_LENGTH, FakePlayer
from tests.unit.fakes import FakeApiService, FakeBackend


class LibraryProgress:
    """The session's progress store over the real library (no account)."""

    def __init__(self, library: LibraryService) -> None:
        self.library = library

    async def record(
        self, title_id: int, episode: float, position: float, duration: float,
        episode_id: str = "", periodic: bool = False,
    ) -> Any:  # fmt: skip
        return await self.library.record(title_id, episode, position, duration)

    async def watched(self, title_id: int) -> set[float]:
        return await self.library.watched(title_id)


@pytest.fixture
async def downloaded(
    library: LibraryService, api: FakeApiService, settings: SettingsStore, tasks: TaskRunner,
    tmp_path: Path,
) -> AsyncIterator[DownloadService]:  # fmt: skip
    """Episode 1 of the title on disk."""
    settings.set("download_dir", str(tmp_path / "videos"))
    service = make_service(library, api, settings, tasks, FakeEngine())
    service.start()
    done = asyncio.Event()
    service.changed.connect(lambda item: item.state is DownloadState.DONE and done.set())
    await service.add(TITLE, [1])
    await asyncio.wait_for(done.wait(), 5)
    try:
        yield service
    finally:
        await service.shutdown()


@pytest.fixture
def offline(backend: FakeBackend) -> FakeBackend:
    """Every request to the server fails as an unreachable one does."""
    for method in ("fetch_media", "caching_nodes", "title"):
        backend.fail(method, NetworkError("cannot reach the server"), times=20)
    return backend


@pytest.fixture
async def session(
    downloaded: DownloadService, api: FakeApiService, settings: SettingsStore,
    library: LibraryService, tasks: TaskRunner,
) -> AsyncIterator[tuple[PlaybackSession, FakePlayer]]:  # fmt: skip
    resolver = StreamResolver(api, settings, library, local=downloaded.playable)
    player = FakePlayer()
    made = PlaybackSession(resolver, LibraryProgress(library), FakeTitles(TITLE), tasks,
                           lambda: player)  # fmt: skip
    yield made, player
    made.shutdown()
    await made.flush()


async def _started(session: PlaybackSession, *play: Any) -> StreamChoice | str:
    """What the session's `started` (or `failed`) said after `play(*play)`: a stream loaded
    before its host was probed counts once the probe has answered (another host, or failed)."""
    told: asyncio.Future[StreamChoice | str] = asyncio.get_running_loop().create_future()

    def started(choice: StreamChoice) -> None:
        if choice.probed and not told.done():
            told.set_result(choice)

    session.started.connect(started)
    session.failed.connect(lambda message: told.done() or told.set_result(message))
    session.play(*play)
    return await asyncio.wait_for(told, 5)


@pytest.mark.usefixtures("offline")
async def test_a_downloaded_episode_plays_from_its_file_without_the_network(
    session: tuple[PlaybackSession, FakePlayer], downloaded: DownloadService,
    backend: FakeBackend, library: LibraryService,
) -> None:  # fmt: skip
    playback, player = session
    await library.record(TITLE.id, 1, 300.0, EPISODE_LENGTH)  # watched up to 5:00 before
    asked_before = len(backend.calls)
    choice = await _started(playback, TITLE, TITLE.player.episodes[0])
    assert isinstance(choice, StreamChoice) and choice.on_disk and choice.host == ""
    path = downloaded.local_file(TITLE.id, 1)
    assert path is not None and choice.url == str(path) and Path(choice.url).is_absolute()
    assert player.loaded == [(str(path), 300.0)]  # resumes where it stopped
    assert len(backend.calls) == asked_before  # not one request


@pytest.mark.usefixtures("offline")
async def test_an_episode_not_downloaded_still_needs_the_server(
    session: tuple[PlaybackSession, FakePlayer],
) -> None:
    playback, player = session
    player.opens = False  # the server is gone: mpv cannot open the stream
    told = await _started(playback, TITLE, TITLE.player.episodes[1])
    assert isinstance(told, str) and "No stream host answered" in told
    assert not player.state.loaded  # tried at once, then given up


async def test_another_quality_than_the_file_streams_and_back_plays_the_file(
    session: tuple[PlaybackSession, FakePlayer], downloaded: DownloadService,
    backend: FakeBackend,
) -> None:  # fmt: skip
    playback, player = session
    backend.fail("fetch_media", NetworkError("cannot reach the server"), times=20)
    player.opens = False
    first = TITLE.player.episodes[0]
    told = await _started(playback, TITLE, first, Quality.HD)
    assert isinstance(told, str)  # hd is not on disk: it is streamed (and the server is gone)
    choice = await _started(playback, TITLE, first, Quality.FHD)
    assert isinstance(choice, StreamChoice) and choice.on_disk


async def test_a_file_gone_from_disk_is_streamed_instead(
    session: tuple[PlaybackSession, FakePlayer], downloaded: DownloadService,
    backend: FakeBackend,
) -> None:  # fmt: skip
    playback, player = session
    player.opens = False  # the fake server gives no playlist either
    path = downloaded.local_file(TITLE.id, 1)
    assert path is not None
    await asyncio.to_thread(path.unlink)
    told = await _started(playback, TITLE, TITLE.player.episodes[0])
    assert isinstance(told, str) and "No stream host answered" in told  # fetch_media said b""
    assert backend.called("fetch_media")


async def test_an_episode_the_shell_downloaded_meanwhile_plays_from_its_file(
    session: tuple[PlaybackSession, FakePlayer], downloaded: DownloadService,
    library: LibraryService,
) -> None:  # fmt: skip
    playback, _ = session
    first = downloaded.local_file(TITLE.id, 1)
    assert first is not None
    second = first.with_name("second.mp4")
    await asyncio.to_thread(second.write_bytes, b"video")
    new = NewDownload(TITLE.id, TITLE.code, "Фрирен", 2, "2", "fhd", str(second))
    row, _ = await library.downloads(lambda store: store.add(new))  # `libria download` did it
    await library.downloads(lambda store: store.set_state(row.id, DownloadState.DONE, size=5))
    choice = await _started(playback, TITLE, TITLE.player.episodes[1])
    assert isinstance(choice, StreamChoice) and choice.on_disk and choice.url == str(second)
    assert downloaded.item_for(TITLE.id, 2) is not None  # and the window knows it now
