"""The player is loaded ahead once a play becomes likely, and made for nothing else: a session's
first play does not load libmpv on the UI thread (app.ui.player_ahead; the loading itself:
tests/unit/test_libmpv_preload.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.demo import DemoServerThread
from app.player import core_ahead, preload
from app.player.backend import MpvPlayer
from app.services.context import AppServices
from app.services.settings import SettingsStore
from app.ui import player_ahead
from app.ui.main_window import MainWindow
from tests.core_ahead_state import fresh_core_ahead
from tests.ui.conftest import until


async def test_the_first_title_page_loads_the_player_ahead(
    window: MainWindow, services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(player_ahead, "_started", threading.Event())  # once per process
    asked: list[str] = []
    monkeypatch.setattr(services, "load_player_ahead", lambda: asked.append("libmpv"))
    title = await services.catalog.title(id=9003)
    assert asked == []  # the catalogue alone: most sessions browse before they watch
    window.open_title(title)
    await until(lambda: asked == ["libmpv"], message="the player was not loaded ahead")
    window.go_back()
    window.open_title(title)
    await until(lambda: window.title_page.isVisible())
    assert asked == ["libmpv"]  # once
    assert not services.playback.has_player  # nothing played: no player was made for it


async def test_quitting_a_session_that_never_played_makes_no_player(
    window: MainWindow, services: AppServices
) -> None:
    window.shutdown_player()  # as the quit does
    assert not services.made("playback")


@pytest.fixture
def fresh_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """libmpv's preload and the core made ahead as in a fresh process (both once per process;
    libmpv itself may be loaded already: then it is found at once)."""
    fresh_core_ahead(monkeypatch)
    monkeypatch.setattr(preload, "_started", threading.Event())
    monkeypatch.setattr(preload, "_finished", threading.Event())


async def own_services(demo_thread: DemoServerThread, tmp_path: Path) -> AppServices:
    """Services this test shuts down itself (the `services` fixture does it after the test)."""
    services = AppServices(
        SettingsStore(tmp_path / "settings.ini"), demo_thread.api_base(), tmp_path / "cache"
    )
    await services.start()
    return services


@pytest.mark.usefixtures("fresh_state")
async def test_the_first_play_takes_the_mpv_core_the_worker_made_ahead(
    services: AppServices,
) -> None:
    services.settings.set("audio_output", "null")
    services.load_player_ahead()  # what the first title page asks for (test above)
    await until(lambda: core_ahead._ready is not None, within=30, message="no core made ahead")
    made = core_ahead._ready
    assert made is not None and made[0] == "null"  # for the audio output the play will use
    try:
        player = services.playback.player
        assert isinstance(player, MpvPlayer) and player.mpv is made[1]
    finally:
        services.playback.shutdown()


@pytest.mark.usefixtures("fresh_state")
async def test_a_core_made_ahead_for_no_play_ends_with_the_services(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    services = await own_services(demo_thread, tmp_path)
    try:
        core_ahead.make("null")  # as the worker does once libmpv is in: a real mpv core
        made = core_ahead._ready
        assert made is not None and made[1].handle is not None
    finally:
        await services.shutdown()
    assert made[1].handle is None  # terminated: no mpv core outlives the app
    assert not services.made("playback")


@pytest.mark.usefixtures("fresh_state")
async def test_services_that_ended_while_libmpv_loaded_make_no_core_after(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    services = await own_services(demo_thread, tmp_path)
    await services.shutdown()  # the worker has not reached the core yet
    core_ahead.make("null")  # ... and does now
    assert core_ahead._ready is None
    services.load_player_ahead()  # the first title page's timer, after a quick quit
    assert not preload._started.is_set()  # libmpv does not load while the process ends
