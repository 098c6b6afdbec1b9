"""A fresh process's state for app.player.core_ahead (it is process-wide) inside one test: any
real worker an earlier test started (the title page's player ahead) is waited for first, so it
cannot make its core into this test's state."""

from __future__ import annotations

import threading

import pytest

from app.player import core_ahead, preload

SETTLE_S = 30.0


def fresh_core_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    if preload._started.is_set():
        preload._finished.wait(SETTLE_S)
    core_ahead._made.wait(SETTLE_S)
    finished = threading.Event()
    finished.set()
    monkeypatch.setattr(core_ahead, "_made", finished)
    monkeypatch.setattr(core_ahead, "_ready", None)
    monkeypatch.setattr(core_ahead, "_closed", False)
