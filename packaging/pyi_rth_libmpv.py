"""PyInstaller runtime hook: python-mpv finds libmpv with ctypes.util.find_library, which does not
look inside the bundle; point it at the copy shipped next to the program."""

import ctypes.util
import os
import sys

_bundled = os.path.join(getattr(sys, "_MEIPASS", ""), "libmpv.so.2")
_find_library = ctypes.util.find_library


def _find_bundled(name: str) -> str | None:
    if name == "mpv" and os.path.exists(_bundled):
        return _bundled
    return _find_library(name)


ctypes.util.find_library = _find_bundled
