"""PySide6 asks of every module imported after it whether its source names "PySide6" (for its
optional `__feature__` switches), through `inspect.getsource`: line caching and file look-ups
that cost ~35 ms over the modules of a start. Here the same question is asked of the file's
bytes, and not at all where the answer is known: no source (PySide6 answers no for those too),
or Python's own library. A cold start reads ~400 modules. Where PySide6 has no such hook,
nothing changes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import ModuleType


def quicker_module_checks() -> None:
    import PySide6.QtCore  # noqa: F401  (loads the hook this replaces)

    feature = sys.modules.get("PySide6.support.feature")
    upstream: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or upstream is None or getattr(upstream, "reads_bytes", False):
        return

    home = getattr(os, "__file__", None)  # absent in some embedded interpreters
    stdlib = os.path.dirname(home) + os.sep if home else None  # packages may be below it
    packages = ("site-packages", "dist-packages")

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return False  # no source to read: PySide6's own check answers no for these too
        if stdlib and path.startswith(stdlib) and not path[len(stdlib) :].startswith(packages):
            return False  # Python's own library never names PySide6
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return upstream(module)

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
