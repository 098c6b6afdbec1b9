"""libmpv loaded ahead, on a worker thread: loading the library and everything it links
(FFmpeg, the audio and video stacks) takes ~100 ms, most of it outside the GIL, that a cold
`libria play` would otherwise spend on the UI thread just before it can start the stream."""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)
_started = threading.Event()


def _load() -> None:
    try:
        importlib.import_module("mpv")
    except Exception:  # the player will say what is wrong when it is made
        log.debug("libmpv did not load ahead", exc_info=True)


def preload_libmpv() -> None:
    """Starts loading libmpv (once); the first player then finds it loaded, or waits for it."""
    if _started.is_set():
        return
    _started.set()
    threading.Thread(target=_load, name="libria-libmpv-preload", daemon=True).start()
