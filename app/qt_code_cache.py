"""PySide6's embedded support modules, compiled once per PySide6 and Python, not at each start.

shiboken6 carries its signature support as Python source inside its library (~130 KB) and
compiles it at every import: ~35 ms of each start, before any window. While PySide6 loads
(`kept_while`), `compile()` answers those calls from a file in the app's cache, keyed by the file
name and the flags the caller's compile would have used, and only for the very source it was
compiled from (kept beside it: compared whole, not by a hash, which would load OpenSSL before
Qt); the first start after an install or an upgrade of either compiles them as before and keeps
them. The file is Python's marshal format, as a .pyc: trusted as the user's own cache is (their
.pyc files are too). It is the app's cache, as its posters are, not Python's import cache:
$PYTHONDONTWRITEBYTECODE does not stop it. A file that cannot be read or written only means
they are compiled, as before."""

from __future__ import annotations
import __future__

import builtins
import contextlib
import logging
import marshal
import os
import sys
import threading
from collections.abc import Iterator
from functools import reduce
from importlib.util import MAGIC_NUMBER
from operator import or_
from pathlib import Path
from types import CodeType
from typing import Any

log = logging.getLogger(__name__)

FILE_NAME = f"qt-embedded-code.{sys.implementation.cache_tag}.marshal"
# The future features a caller's compile() passes on to what it compiles (CPython's PyCF_MASK).
_INHERITED = reduce(
    or_,
    (
        feature.compiler_flag
        for feature in (
            __future__.division, __future__.absolute_import, __future__.with_statement,
            __future__.print_function, __future__.unicode_literals, __future__.barry_as_FLUFL,
            __future__.generator_stop, __future__.annotations,
        )
    ),
)  # fmt: skip
Key = tuple[str, int]  # the file name; the compile's flags and optimisation level
Kept = dict[Key, tuple[bytes, CodeType]]  # the source, and its code


class Keeping:
    """What `kept_while` yields: after it, the writing of the kept code, if there was any."""

    def __init__(self) -> None:
        self.writer: threading.Thread | None = None

    def wait(self) -> None:
        if self.writer is not None:
            self.writer.join()


@contextlib.contextmanager
def kept_while(folder: Path) -> Iterator[Keeping]:
    """Within: source compiled for exec is looked up in (and then added to) the kept code."""
    path = folder / FILE_NAME
    kept = _read(path)
    used: Kept = {}
    compile_now = builtins.compile

    def compile_kept(
        source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False,
        optimize: int = -1, **more: Any,
    ) -> Any:  # fmt: skip
        if not dont_inherit:  # as the caller's own compile() would (not this module's)
            flags |= sys._getframe(1).f_code.co_flags & _INHERITED
        if mode != "exec" or more or not isinstance(source, bytes) or not isinstance(filename, str):
            return compile_now(source, filename, mode, flags, True, optimize, **more)
        key = (filename, flags << 2 | _level(optimize))
        code = _kept_code(kept.get(key), source)
        if code is None:
            code = compile_now(source, filename, mode, flags, True, optimize)
        if isinstance(code, CodeType):  # not an AST (ast.PyCF_ONLY_AST)
            used[key] = (source, code)
        return code

    keeping = Keeping()
    builtins.compile = compile_kept
    try:
        yield keeping
    finally:
        builtins.compile = compile_now
    if used and used != kept:  # a first start's few ms of writing and syncing: off its path
        keeping.writer = threading.Thread(target=_write, args=(path, used), name="libria-qt-code")
        keeping.writer.start()


def _kept_code(entry: object, source: bytes) -> CodeType | None:
    """The entry's code, if it is one and was compiled from this very source."""
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == source:
        return entry[1] if isinstance(entry[1], CodeType) else None
    return None


def _level(optimize: int) -> int:
    return sys.flags.optimize if optimize == -1 else optimize


def _read(path: Path) -> Kept:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        log.info("kept Qt code unreadable (%s): compiled again", error)
        return {}
    try:
        magic, codes = marshal.loads(data)
    except Exception as error:  # a damaged file may raise SystemError or MemoryError too
        log.info("kept Qt code damaged (%s): compiled again", type(error).__name__)
        return {}
    if magic != MAGIC_NUMBER or not isinstance(codes, dict):
        return {}
    return codes


def _write(path: Path, codes: Kept) -> None:
    """Once per install or upgrade: whole, or not at all (another start may read it meanwhile).
    On a thread the interpreter waits for at exit, so a start that ends at once still keeps it."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as file:
            file.write(marshal.dumps((MAGIC_NUMBER, codes)))
            file.flush()
            os.fsync(file.fileno())  # never a damaged file after a crash: once per upgrade
        os.replace(partial, path)
    except OSError as error:
        log.info("Qt code not kept (%s): compiled at the next start too", error)
        with contextlib.suppress(OSError):
            partial.unlink()
