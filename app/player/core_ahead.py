"""One mpv core made ahead, on the worker that loaded libmpv (app.player.preload), for the
session's first play to take. Made at the double-click, mpv's start (its core thread, its
options, waits on both) held the UI thread ~15-25 ms, in the same pass as the player pane's own
build; a cold `libria play` made it while its title was still being looked up.

A core made for another audio output than the one the play asks for is ended, not used; one
never taken is ended at shutdown (`discard`). Process-wide, as libmpv's own load is."""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger(__name__)
TAKE_WAIT_S = 5.0  # a core being made is waited for this long at most (then none is used)
_lock = threading.Lock()
_made = threading.Event()  # no core is being made (none asked for, or made, or failed)
_made.set()
_ready: tuple[str, Any] | None = None  # (audio output, core)
_closed = False  # taken or discarded: no core is made ahead any more


def make(audio_output: str) -> None:
    """Makes the core ahead (on the calling thread, a worker); once per process."""
    global _ready
    with _lock:
        if _closed or _ready is not None or not _made.is_set():
            return
        _made.clear()
    try:
        core = None
        try:
            from app.player.core import new_core

            core = new_core(audio_output)
        except Exception:  # the player says what is wrong when it is made
            log.debug("no mpv core was made ahead", exc_info=True)
        with _lock:
            unwanted = _closed
            if core is not None and not unwanted:
                _ready = (audio_output, core)
        if core is not None and unwanted:  # discarded (the app is ending) while it was made
            _end(core)
    finally:
        _made.set()  # after an unwanted core has ended: `discard` waits for that


def take(audio_output: str) -> Any | None:
    """The core made ahead for this audio output (None: make one now); no core is made ahead
    after this."""
    global _ready, _closed
    _made.wait(TAKE_WAIT_S)
    with _lock:
        _closed = True
        ready, _ready = _ready, None
    if ready is None:
        return None
    made_for, core = ready
    if made_for != audio_output:  # the setting changed since: a core for the new one
        _end(core)
        return None
    return core


def discard() -> None:
    """The app ends: a core never taken is ended, and one still being made is waited for (its
    worker ends it), so none starts or runs while the interpreter finalises; none is made after
    this."""
    global _ready, _closed
    with _lock:
        _closed = True
        ready, _ready = _ready, None
    if ready is not None:
        _end(ready[1])
    _made.wait(TAKE_WAIT_S)


def _end(core: Any) -> None:
    try:
        core.terminate()
    except Exception:
        log.warning("an mpv core made ahead did not end cleanly", exc_info=True)
