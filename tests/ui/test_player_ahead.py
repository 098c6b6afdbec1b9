"""A session's first play does not load libmpv on the UI thread: it loads ahead, on a worker,
once the first title page opens (app.ui.player_ahead; the loading itself: test_libmpv_preload)."""

from __future__ import annotations

import threading

import pytest

from app.services.context import AppServices
from app.ui import player_ahead
from app.ui.main_window import MainWindow


async def test_the_first_title_page_loads_the_player_ahead(
    window: MainWindow, services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(player_ahead, "_started", threading.Event())  # once per process
    asked: list[str] = []
    monkeypatch.setattr(services, "load_player_ahead", lambda: asked.append("libmpv"))
    title = await services.catalog.title(id=9003)
    assert asked == []  # the catalogue alone: most sessions browse before they watch
    window.open_title(title)
    assert asked == ["libmpv"]
    window.go_back()
    window.open_title(title)
    assert asked == ["libmpv"]  # once
    assert not services.playback.has_player  # nothing played: no player was made for it
