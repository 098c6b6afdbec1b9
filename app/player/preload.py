"""libmpv loaded ahead, on a worker thread: loading the library and everything it links
(FFmpeg, the audio and video stacks) takes ~100 ms that the first play would otherwise spend on
the UI thread.

ctypes' own loading (`CDLL`, which python-mpv uses) holds the GIL for the whole `dlopen`: a
thread loading libmpv that way stops every other thread's Python for those ~100 ms (measured in a
running window: a 96-103 ms stall of the UI thread). So the library is first opened by calling
the C library's `dlopen` like any foreign function, which lets go of the GIL while it runs
(measured: 7-15 ms at worst); python-mpv's `CDLL` then finds the library loaded and returns at
once. The dynamic loader's own lock is still held for the whole load: a library the UI thread
loads meanwhile (a C extension's import, a Qt plugin) waits for it. A cold `libria play` loads
such libraries every few milliseconds while it starts, so there the gain is small; a running
window seldom does.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib
import logging
import os
import sys
import threading

log = logging.getLogger(__name__)
_started = threading.Event()
_finished = threading.Event()


def open_without_gil(name: str) -> int | None:
    """Loads the shared library `name` as `ctypes.CDLL(name)` would (same name, same flags, so
    the same handle, returned; None when it cannot be loaded), but with the GIL released
    meanwhile. The handle is kept for the process's life, as python-mpv keeps its own."""
    if sys.platform == "win32":
        return None  # no dlopen; LoadLibrary's cost is not this one's
    try:
        dlopen = ctypes.CDLL(None).dlopen  # the process's own symbols (libc, or libdl's)
    except (OSError, AttributeError):
        return None
    dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    dlopen.restype = ctypes.c_void_p
    # ctypes.CDLL adds RTLD_NOW to its mode (RTLD_LOCAL by default on Linux and macOS).
    handle: int | None = dlopen(os.fsencode(name), os.RTLD_NOW | ctypes.DEFAULT_MODE)
    return handle


def _load(audio_output: str | None) -> None:
    try:
        name = ctypes.util.find_library("mpv")  # python-mpv's own lookup, outside Windows
        if name is not None and open_without_gil(name) is None:
            log.debug("libmpv (%s) did not open ahead", name)
        importlib.import_module("mpv")
    except Exception:  # the player will say what is wrong when it is made
        log.debug("libmpv did not load ahead", exc_info=True)
        return
    finally:
        _finished.set()
    if audio_output is not None:  # loads no library: after the loader's lock is free again
        from app.player import core_ahead

        core_ahead.make(audio_output)


def loading() -> bool:
    """Whether libmpv is being loaded now: the dynamic loader's lock is held meanwhile, and a
    library loaded on another thread (a C extension's import) waits for it."""
    return _started.is_set() and not _finished.is_set()


def preload_libmpv(audio_output: str | None = None) -> None:
    """Starts loading libmpv (once); the first player then finds it loaded, or waits for it.
    With the audio output the play will use, an mpv core is made ahead too, once libmpv is in
    (app.player.core_ahead)."""
    if _started.is_set():
        return
    _started.set()
    threading.Thread(
        target=_load, args=(audio_output,), name="libria-libmpv-preload", daemon=True
    ).start()
