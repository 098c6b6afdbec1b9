"""A fresh process's state for app.player.core_ahead (it is process-wide) inside one test: any
real worker an earlier test started (a title page's player ahead, libmpv's preload) is waited
for first, so it cannot make its core into this test's state."""

from __future__ import annotations

import threading

import pytest

from app.player import core_ahead

SETTLE_S = 30.0
WORKERS = ("libria-player-ahead", "libria-libmpv-preload")


def fresh_core_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    for thread in threading.enumerate():
        if thread.name in WORKERS:
            thread.join(SETTLE_S)
    core_ahead._made.wait(SETTLE_S)
    finished = threading.Event()
    finished.set()
    monkeypatch.setattr(core_ahead, "_made", finished)
    monkeypatch.setattr(core_ahead, "_ready", None)
    monkeypatch.setattr(core_ahead, "_closed", False)
