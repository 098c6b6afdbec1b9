"""What the first play of a session needs, loaded on worker threads as soon as a play becomes
likely (the first title page opens), not on the UI thread at the double-click: libmpv (~100 ms,
loaded off the GIL: app.player.preload) and the media keys' D-Bus service (~50 ms of imports,
Python's own: in a worker they take the GIL a few ms at a time). Loaded at the double-click, they
stopped the window for ~0.35 s before a session's first episode could start."""

from __future__ import annotations

import importlib
import logging
import threading
from typing import Protocol

log = logging.getLogger(__name__)
_started = threading.Event()
AHEAD = ("app.desktop.mpris",)  # no Qt in them: safe to import off the UI thread


class PlayerLoader(Protocol):
    def load_player_ahead(self) -> None: ...


def _import_ahead() -> None:
    for name in AHEAD:
        try:
            importlib.import_module(name)
        except Exception:  # the player says what is wrong when it is made
            log.debug("%s did not load ahead", name, exc_info=True)


def load_player_ahead(services: PlayerLoader) -> None:
    """Once per process; returns at once."""
    if _started.is_set():
        return
    _started.set()
    services.load_player_ahead()
    threading.Thread(target=_import_ahead, name="libria-player-ahead", daemon=True).start()
