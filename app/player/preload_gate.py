"""Holds a file's start in mpv until the video view can draw it.

With `vo=libmpv` mpv creates its video output when a file's tracks are set up, and fails for good
("No render context set", the file then plays without picture) when no render context exists
yet. A play may be asked for before the window has its video widget (a cold `libria play`, or
the first play while the player pane is still being laid out), so the file's `on_preloaded` hook
is held: the demuxer has opened the stream (the playlist and the first segments are on their
way) and mpv waits, before any decoder or output is made, until the view's render context exists.
Once it does, files go through at once.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from typing import Any

log = logging.getLogger(__name__)
HOOK = b"on_preloaded"


def _bind(library: Any) -> tuple[Any, Any]:
    """libmpv's hook calls (python-mpv has no wrapper for them)."""
    add, proceed = library.mpv_hook_add, library.mpv_hook_continue
    add.argtypes = [ctypes.c_void_p, ctypes.c_uint64, ctypes.c_char_p, ctypes.c_int]
    add.restype = ctypes.c_int
    proceed.argtypes = [ctypes.c_void_p, ctypes.c_uint64]
    proceed.restype = ctypes.c_int
    return add, proceed


class PreloadGate:
    """Called from mpv's event thread (`hook`) and the GUI thread (`open`, `close`, `end`)."""

    def __init__(self, library: Any, handle: Any) -> None:
        add, self._continue = _bind(library)
        self._handle = handle  # the client handle whose events python-mpv's thread reads
        self._lock = threading.Lock()
        self._open = False
        self._ended = False  # mpv is ending: the gate stays open whatever the view does
        self._held: list[int] = []
        error = add(handle, 0, HOOK, 0)
        if error < 0:  # an old libmpv: no hook, playback starts as it always did
            log.warning("libmpv refused the %s hook (%d)", HOOK.decode(), error)
            self._open = True

    def hook(self, hook_id: int) -> None:
        """mpv reached the hook for a file: it goes on now, or when the view is there."""
        with self._lock:
            if not self._open:
                self._held.append(hook_id)
                return
        self._continue(self._handle, hook_id)

    def open(self) -> None:
        """The view can draw: what was held goes on, and so does every file from now on."""
        with self._lock:
            self._open = True
        self._release()

    def close(self) -> None:
        """The view's render context is gone: the next file waits for another one."""
        with self._lock:
            self._open = self._ended

    def end(self) -> None:
        """mpv is being ended: what is held goes on, view or not, and so does every file whose
        hook arrives later. A hook left held keeps mpv's core waiting on it, and the core's
        shutdown (and with it the app's exit) waits for ever."""
        with self._lock:
            self._ended = True
        self.open()

    def _release(self) -> None:
        with self._lock:
            held, self._held = self._held, []
        for hook_id in held:
            self._continue(self._handle, hook_id)
