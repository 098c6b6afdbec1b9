"""The player is loaded ahead once a play becomes likely, and made for nothing else: a session's
first play does not load libmpv on the UI thread (app.ui.player_ahead; the loading itself:
tests/unit/test_libmpv_preload.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.demo import DemoServerThread
from app.player import core_ahead
from app.player.backend import MpvPlayer
from app.services.context import AppServices
from app.services.settings import SettingsStore
from app.ui import player_ahead
from app.ui.main_window import MainWindow
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
def fresh_core_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh process's core-ahead state (it is process-wide)."""
    finished = threading.Event()
    finished.set()
    monkeypatch.setattr(core_ahead, "_made", finished)
    monkeypatch.setattr(core_ahead, "_ready", None)
    monkeypatch.setattr(core_ahead, "_closed", False)


@pytest.mark.usefixtures("fresh_core_ahead")
async def test_the_first_play_takes_the_mpv_core_made_ahead(services: AppServices) -> None:
    services.settings.set("audio_output", "null")
    core_ahead.make("null")  # as the worker that loaded libmpv does: a real mpv core
    made = core_ahead._ready
    assert made is not None
    try:
        player = services.playback.player
        assert isinstance(player, MpvPlayer) and player.mpv is made[1]
    finally:
        services.playback.shutdown()


@pytest.mark.usefixtures("fresh_core_ahead")
async def test_a_core_made_ahead_for_no_play_ends_with_the_services(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    services = AppServices(
        SettingsStore(tmp_path / "settings.ini"), demo_thread.api_base(), tmp_path / "cache"
    )
    await services.start()
    core_ahead.make("null")
    made = core_ahead._ready
    assert made is not None and made[1].handle is not None
    await services.shutdown()
    assert made[1].handle is None  # terminated: no mpv core outlives the app
    assert not services.made("playback")
