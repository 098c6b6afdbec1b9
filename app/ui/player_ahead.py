"""What the first play of a session needs, loaded on a worker thread once a play becomes likely
(the first title page has opened), not on the UI thread at the double-click: the media keys'
D-Bus service (~50 ms of imports), libmpv (~100 ms, loaded off the GIL: app.player.preload) and
then the mpv core the play takes (app.player.core_ahead).
Loaded at the double-click, they stopped the window for ~0.35 s before a session's first episode
could start.

In that order, one after the other, and only once the title page is built and painted: libmpv's
load holds the dynamic loader's lock, and anything that loads a library meanwhile (dbus-fast's
compiled modules, the title page's own imports) waits behind it holding the GIL, which stops
the UI thread as surely as the loads themselves."""

from __future__ import annotations

import importlib
import logging
import threading
from typing import Protocol

from PySide6.QtCore import QTimer

log = logging.getLogger(__name__)
_started = threading.Event()
_finished = threading.Event()
AHEAD = ("app.desktop.mpris",)  # no Qt in them: safe to import off the UI thread
AFTER_MS = 300  # the title page is built and painted by then


class PlayerLoader(Protocol):
    def load_player_ahead(self) -> None: ...
    def player_loading(self) -> bool: ...


def _load(services: PlayerLoader) -> None:
    try:
        for name in AHEAD:
            try:
                importlib.import_module(name)
            except Exception:  # the player says what is wrong when it is made
                log.debug("%s did not load ahead", name, exc_info=True)
        services.load_player_ahead()  # libmpv, once nothing else of ours loads a library
    finally:
        _finished.set()


def loading(services: PlayerLoader) -> bool:
    """Whether the player is being loaded ahead now (from the first title page's opening until
    libmpv is in): imports on the UI thread meanwhile would wait for the loads' locks."""
    return (_started.is_set() and not _finished.is_set()) or services.player_loading()


def load_player_ahead(services: PlayerLoader) -> None:
    """Once per process; returns at once."""
    if _started.is_set():
        return
    _started.set()
    thread = threading.Thread(target=_load, args=(services,), name="libria-player-ahead")
    thread.daemon = True

    def start() -> None:
        try:
            thread.start()
        except RuntimeError:  # no thread to be had: the player loads when it is made
            log.debug("the player was not loaded ahead", exc_info=True)
            _finished.set()

    QTimer.singleShot(AFTER_MS, start)  # (a lambda or function: bound methods are held weakly)
