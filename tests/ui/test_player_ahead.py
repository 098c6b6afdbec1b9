"""The player is loaded ahead once a play becomes likely, and made for nothing else: a session's
first play does not load libmpv on the UI thread (app.ui.player_ahead; the loading itself:
tests/unit/test_libmpv_preload.py)."""

from __future__ import annotations

import threading

import pytest

from app.services.context import AppServices
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
