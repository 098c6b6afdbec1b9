"""`libria play CODE EP` with no window running (app.services.playback_link): the stream starts
from the library's copy of the title with the API unreachable (and without even setting the API
up), resumes where the viewer stopped, and the window built afterwards shows the player with the
title page behind it. Real libmpv, the demo's real HLS, Mesa's GL on pytest-xvfb's display."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from msgspec.structs import replace
from PySide6.QtCore import QCoreApplication

from app.core import Title
from app.core.deep_link import DeepLink
from app.core.player import StreamHosts
from app.demo import DemoServerThread
from app.services.context import AppServices
from app.services.playback_link import LinkPlay
from app.services.playback_titles import PlayableTitles
from app.services.settings import SettingsStore
from app.ui.player_pane import PlayerPane
from tests.ui.conftest import until

UNREACHABLE_API = "http://127.0.0.1:9/v2"  # the discard port: nothing listens
DEAD_HOST = "127.0.0.1:9"
translate = QCoreApplication.translate


@pytest.fixture(autouse=True)
def silent_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIBRIA_AUDIO_OUTPUT", "null")


@pytest.fixture
async def kept_title(demo_thread: DemoServerThread, tmp_path: Path) -> Title:
    """An earlier run opened the title: the library keeps its copy."""
    earlier = AppServices(
        SettingsStore(tmp_path / "earlier.ini"), demo_thread.api_base(), tmp_path / "cache",
        tmp_path / "data",
    )  # fmt: skip
    await earlier.start()
    try:
        title = await earlier.catalog.title(id=9003)
        await earlier.library.keep_title(title)  # as the title page's load does, awaited here
        return title
    finally:
        await earlier.shutdown()


@pytest.fixture
async def offline(kept_title: Title, tmp_path: Path) -> AsyncIterator[AppServices]:
    """This run: the same library, an API that cannot be reached."""
    services = AppServices(
        SettingsStore(tmp_path / "settings.ini"), UNREACHABLE_API, tmp_path / "cache",
        tmp_path / "data",
    )  # fmt: skip
    await services.start_library()  # what start-up has before the link play
    try:
        yield services
    finally:
        await services.shutdown()


class Window:
    """What of the main window a link play uses, recorded."""

    def __init__(self) -> None:
        self.titles: list[Title] = []
        self.links: list[DeepLink] = []

    def open_title(self, title: Title) -> None:
        self.titles.append(title)

    def open_link(self, link: DeepLink) -> None:
        self.links.append(link)


async def test_a_cold_play_starts_from_the_librarys_copy_and_resumes(
    offline: AppServices, kept_title: Title, demo_thread: DemoServerThread
) -> None:
    await offline.library.record(kept_title.id, 1, 12.0, 30.0)  # stopped at 0:12 last time
    link = DeepLink("play", kept_title.code, 1)
    titles = PlayableTitles(offline.library, offline.catalog)
    play = LinkPlay(link, titles, offline.playback, offline.tasks, open_api=offline.start_api)
    requested: list[object] = []
    offline.playback.requested.connect(lambda *args: requested.append(args))
    play.start()
    await play.loading(within=20)
    choice = offline.playback.current
    assert choice is not None and choice.title.id == kept_title.id and choice.resume_at == 12.0
    assert not offline.api.started  # the library's copy: not even the API was set up
    await until(lambda: any(p.endswith(".ts") for p in list(demo_thread.server.media.requests)))

    window = Window()  # built while mpv fetched the stream
    play.show_in(window)
    assert window.titles == [choice.title] and window.links == []  # the title page behind
    assert len(requested) == 2  # asked again: the window shows the player in front
    pane = PlayerPane(offline.playback)
    pane.resize(800, 500)
    pane.show()
    try:
        state = lambda: offline.playback.state  # noqa: E731
        await until(lambda: state().loaded and state().position >= 12.5, within=20)
        assert state().video_size != (0, 0)  # with its picture
    finally:
        offline.playback.shutdown()
        pane.hide()
        pane.deleteLater()


async def test_a_title_that_cannot_be_found_is_left_to_the_window(tmp_path: Path) -> None:
    services = AppServices(
        SettingsStore(tmp_path / "settings.ini"), UNREACHABLE_API, tmp_path / "cache",
        tmp_path / "data",
    )  # fmt: skip
    await services.start_library()
    try:
        link = DeepLink("play", "never-kept", 2)
        titles = PlayableTitles(services.library, services.catalog)
        play = LinkPlay(link, titles, services.playback, services.tasks, services.start_api)
        play.start()
        await play.loading(within=30)  # the API is asked, and cannot be reached
        assert play.failed and services.playback.current is None
        window = Window()
        play.show_in(window)
        assert window.links == [link]  # its title page says what went wrong, and retries
    finally:
        await services.shutdown()


async def test_a_cold_play_that_fails_before_the_window_says_so_in_the_player(
    offline: AppServices, kept_title: Title
) -> None:
    """Offline, the episode not downloaded, its stream host gone: the failure comes before the
    window does, and the player built afterwards tells it (not "Playing from" a dead stream)."""
    dead = replace(kept_title, player=replace(kept_title.player, hosts=StreamHosts(hls=DEAD_HOST)))
    await offline.library.keep_title(dead)
    await offline.start_api()  # as the first page's step opens it meanwhile; nothing answers
    failures: list[str] = []
    offline.playback.failed.connect(failures.append)
    link = DeepLink("play", kept_title.code, 1)
    titles = PlayableTitles(offline.library, offline.catalog)
    play = LinkPlay(link, titles, offline.playback, offline.tasks, open_api=offline.start_api)
    play.start()
    await until(lambda: bool(failures), within=30, message="the play never failed")
    choice = offline.playback.current
    assert choice is not None and choice.host == DEAD_HOST  # the stream it began with
    window = Window()
    play.show_in(window)
    pane = PlayerPane(offline.playback)  # the window's player, built after the failure
    try:
        told = translate("PlayerPane", "Cannot play: %1").replace("%1", failures[-1])
        assert pane.message.text() == told  # what a pane built before the failure shows
        assert kept_title.names.main in pane.title_label.text()
    finally:
        offline.playback.shutdown()
        pane.deleteLater()
