"""A downloaded episode plays from disk with the server gone: the app's own services download it
from the demo server (the real engine and ffmpeg), the server stops, and the episode resumed from
the library plays in libmpv from the file, with its position and watched mark kept as usual."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from app.core.download import DownloadItem, DownloadState
from app.demo import DemoConfig, DemoServerThread
from app.services.context import AppServices
from app.services.settings import SettingsStore
from app.services.streams import StreamChoice
from app.ui.main_window import MainWindow
from tests.ui.conftest import close_window, until


@pytest.fixture(autouse=True)
def silent_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIBRIA_AUDIO_OUTPUT", "null")


async def _downloaded(services: AppServices, title_id: int, episode: float) -> DownloadItem:
    title = await services.catalog.title(id=title_id)
    done: asyncio.Future[DownloadItem] = asyncio.get_running_loop().create_future()

    def changed(item: DownloadItem) -> None:
        if item.state in (DownloadState.DONE, DownloadState.FAILED) and not done.done():
            done.set_result(item)

    services.downloads.changed.connect(changed)
    await services.downloads.add(title, [episode])
    return await asyncio.wait_for(done, 60)


async def test_a_downloaded_episode_plays_with_the_server_gone(tmp_path: Path) -> None:
    demo = DemoServerThread(DemoConfig()).start()
    settings = SettingsStore(tmp_path / "config" / "settings.ini", environ={})
    settings.set("download_dir", str(tmp_path / "Videos"))
    services = AppServices(settings, demo.api_base(), tmp_path / "cache", tmp_path / "data")
    await services.start()
    window = MainWindow(services)
    window.resize(1100, 760)
    window.show()
    try:
        item = await _downloaded(services, 9003, 1)
        assert item.state is DownloadState.DONE, item.reason
        demo.stop()  # no API, no stream host from here on
        started: asyncio.Future[StreamChoice] = asyncio.get_running_loop().create_future()
        services.playback.started.connect(lambda c: started.done() or started.set_result(c))
        services.playback.failed.connect(lambda m: started.done() or started.set_exception(
            AssertionError(m)))  # fmt: skip
        services.playback.resume(9003, 1)  # the title comes from the library's copy
        choice = await asyncio.wait_for(started, 30)
        assert choice.on_disk and choice.url == str(services.downloads.local_file(9003, 1))
        assert choice.url.startswith(str(tmp_path / "Videos"))
        # The viewer is told it plays the file, not a host (there is none).
        told = QCoreApplication.translate("PlayerPane", "Playing the downloaded file")
        assert window.player.message.text().startswith(told)
        assert window.player.download_button.isHidden()  # no "Download mp4": it is on disk
        # The play needed no network (the library's copy, the file): the app learns the server is
        # gone when something asks it, and the offline banner goes up while the file plays on.
        services.catalog.updates.reload()
        await until(lambda: not services.connectivity.online, within=30)
        session = services.playback
        await until(lambda: session.state.loaded and session.state.position > 1.0, within=30)
        session.seek_to(session.state.duration - 0.5)
        await until(lambda: session.state.ended, within=30)
        await session.flush()  # the position the end saved
        assert 1.0 in await services.library.watched(9003)
    finally:
        await close_window(window)
        await services.shutdown()
        demo.stop()


async def test_after_a_restart_a_downloaded_episode_plays_from_its_file(tmp_path: Path) -> None:
    """The next start's services look in the downloads table before they make the queue: the
    file is found, and a play of an episode never downloaded does not make the queue."""
    demo = DemoServerThread(DemoConfig()).start()
    settings = SettingsStore(tmp_path / "config" / "settings.ini", environ={})
    settings.set("download_dir", str(tmp_path / "Videos"))
    first = AppServices(settings, demo.api_base(), tmp_path / "cache", tmp_path / "data")
    await first.start()
    try:
        item = await _downloaded(first, 9003, 1)
        assert item.state is DownloadState.DONE, item.reason
        title = await first.catalog.title(id=9003)
    finally:
        await first.shutdown()
    again = AppServices(settings, demo.api_base(), tmp_path / "cache", tmp_path / "data")
    await again.start()
    made: list[bool] = []
    again.downloads_made.connect(lambda: made.append(True))
    try:
        other = await again.streams.resolve(title, title.player.episodes[1])
        assert not other.on_disk and not made  # never downloaded: the queue is not made for it
        choice = await again.streams.resolve(title, title.player.episodes[0])
        assert choice.on_disk and choice.url == item.path and made
    finally:
        await again.shutdown()
        demo.stop()
