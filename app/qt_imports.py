"""PySide6's own start-up costs, taken off every start of the app (`quicker_imports`); the
compiling of its embedded modules is app.qt_code_cache's.

- PySide6 asks of every module imported after it whether its source names "PySide6" (for its
  optional `__feature__` switches), through `inspect.getsource`: line caching and file look-ups
  that cost ~35 ms over the modules of a start. Here the same question is asked of the file's
  bytes, and not at all where the answer is known: no source (PySide6 answers no for those too),
  or Python's own library. A cold start reads ~400 modules.
- Its signature support compiles three large regular expressions as it loads (~20 ms on every
  start), used only to parse a Qt signature's text: for a Qt function's signature
  (`get_signature`), the message of a call with wrong arguments, or stub files. They are
  compiled at first use.

Where PySide6 has no such hook or pattern, nothing changes."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

_PATTERN_METHODS = frozenset(
    ("match", "fullmatch", "search", "finditer", "findall", "split", "sub", "subn", "scanner")
)
_SIGNATURE_SUPPORT = "shibokensupport."  # PySide6's embedded signature modules, as they load


def quicker_imports(kept_code: Path | None = None) -> None:
    """PySide6 loaded, its costs taken off; with `kept_code` (a folder), its embedded modules'
    code kept there too (app.qt_code_cache)."""
    with contextlib.ExitStack() as loading:
        loading.enter_context(_signature_patterns_compiled_when_used())
        if kept_code is not None:
            from app.qt_code_cache import kept_while

            loading.enter_context(kept_while(kept_code))
        import PySide6.QtCore  # noqa: F401  (loads the hook replaced below)
    _quicker_module_checks()


class CompiledWhenUsed:
    """A regular expression compiled at its first use; its methods may be taken before that."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[Any] | None = None

    def compiled(self) -> re.Pattern[Any]:
        if self._compiled is None:  # a race compiles it twice, to the same pattern
            self._compiled = re.compile(*self._source)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # asked of every class attribute (ABCMeta): not a pattern's
            raise AttributeError(name)
        if name in _PATTERN_METHODS:
            return _MethodWhenUsed(self, name)
        return getattr(self.compiled(), name)


class _MethodWhenUsed:
    """A pattern's method, taken before it is compiled. Not a function: kept on a class (as
    `split = pattern.split` in a class body), it is not bound to that class's instances."""

    def __init__(self, pattern: CompiledWhenUsed, name: str) -> None:
        self._pattern, self._name = pattern, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(self._pattern.compiled(), self._name)(*args, **kwargs)


@contextlib.contextmanager
def _signature_patterns_compiled_when_used() -> Iterator[None]:
    """While PySide6 loads: its signature modules' `re.compile` gives a `CompiledWhenUsed`;
    every other caller (Python's own modules loading meanwhile) gets its pattern as before."""
    compile_now = re.compile

    def compile_for(pattern: Any, flags: Any = 0) -> Any:
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if isinstance(caller, str) and caller.startswith(_SIGNATURE_SUPPORT):
            return CompiledWhenUsed(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_for
    try:
        yield
    finally:
        re.compile = compile_now


def _quicker_module_checks() -> None:
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
