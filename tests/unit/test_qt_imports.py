"""PySide6's own start-up costs, taken off (app.qt_imports): its question to every imported module
("does your source name PySide6?") answered quicker, its answers kept for the app's modules,
installed packages, Python's own library and modules without source; and its signature support's
patterns compiled at first use, with the same signatures and messages as before."""

from __future__ import annotations

import argparse
import builtins
import contextlib
import inspect
import json
import marshal
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any, TypeVar

import msgspec
import pytest
import qasync

import app.core.paths
import app.ui.theme
from app import qt_imports
from app.qt_code_cache import FILE_NAME, kept_while
from app.qt_imports import quicker_imports

T = TypeVar("T")


def _as_pyside_answers(module: ModuleType) -> bool:
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_the_quicker_check_gives_pyside_s_answers() -> None:
    quicker_imports()
    check = sys.modules["PySide6.support.feature"]._mod_uses_pyside
    modules = (app.ui.theme, app.core.paths, qasync, json, argparse, inspect, msgspec._core, sys)
    answers = {module.__name__: check(module) for module in modules}
    assert answers == {module.__name__: _as_pyside_answers(module) for module in modules}
    assert answers["app.ui.theme"] and answers["qasync"]  # the case that matters is there


# What PySide6's signature support gives, in a fresh interpreter ("quicker": as the app starts,
# its embedded modules' code kept in the folder given, if one is; the first line says how many of
# them were compiled and how many of the patterns were made, and compiled, at the start).
_SIGNATURES = """
import builtins
import sys
from pathlib import Path

if sys.argv[1] == "quicker":
    from app.qt_imports import CompiledWhenUsed, quicker_imports

    made, compiled, compile_now = [], [], builtins.compile
    make = CompiledWhenUsed.__init__
    CompiledWhenUsed.__init__ = lambda self, *source: (make(self, *source), made.append(self))[0]
    def counted(source, name, *more, **named):
        compiled.append(name)
        return compile_now(source, name, *more, **named)

    builtins.compile = counted
    quicker_imports(kept_code=Path(sys.argv[2]) if len(sys.argv) > 2 else None)
    builtins.compile = compile_now
    embedded = sum(name.startswith("shibokensupport/") for name in compiled)
    print("embedded compiled", embedded, "patterns", len(made),
          "compiled", sum(m._compiled is not None for m in made))
from PySide6 import QtCore, QtWidgets
from PySide6.support.signature import get_signature

print(get_signature(QtCore.QObject.setProperty))
print(get_signature(QtWidgets.QWidget.resize))
print(get_signature(QtCore.QObject.findChildren))
try:
    QtCore.QSize(1, "a")
except TypeError as error:
    print(error)
"""


def _signatures(*how: str) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", _SIGNATURES, *how], capture_output=True, text=True, env=env,
        timeout=60, check=True,
    )  # fmt: skip
    return done.stdout.splitlines()


def test_pyside_s_signature_patterns_are_compiled_when_first_used_with_the_same_answers() -> None:
    quicker = _signatures("quicker")
    assert quicker[0] == "embedded compiled 13 patterns 3 compiled 0"  # ~20 ms of every start
    assert quicker[1:] == _signatures("plain")
    assert "Supported signatures:" in quicker[-4]  # a wrong call's message, parsed from them


def test_pyside_s_embedded_modules_are_compiled_once_then_kept(tmp_path: Path) -> None:
    plain = _signatures("plain")
    first = _signatures("quicker", str(tmp_path))
    again = _signatures("quicker", str(tmp_path))
    assert first[0].startswith("embedded compiled 13 ")  # as PySide6 itself does
    assert again[0] == "embedded compiled 0 patterns 3 compiled 0"  # ~35 ms of every later start
    assert first[1:] == again[1:] == plain


def test_a_kept_code_file_that_cannot_be_read_is_made_again(tmp_path: Path) -> None:
    (kept,) = _kept_file(tmp_path)
    kept.write_bytes(b"\xe3 not marshal data")
    assert _signatures("quicker", str(tmp_path))[0].startswith("embedded compiled 13 ")
    assert _signatures("quicker", str(tmp_path))[0].startswith("embedded compiled 0 ")


def test_a_folder_that_cannot_be_written_leaves_the_start_as_it_was(tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    assert _signatures("quicker", str(blocked))[1:] == _signatures("plain")
    assert blocked.read_text() == "not a folder"


def _kept(folder: Path, make: Callable[[], T]) -> T:
    """`make()` within `kept_while(folder)`, and the kept code written after it."""
    with kept_while(folder) as keeping:
        made = make()
    keeping.wait()
    return made


def _kept_file(folder: Path) -> list[Path]:
    _signatures("quicker", str(folder))
    return list(folder.iterdir())


def test_kept_code_is_what_the_caller_s_own_compile_gives(tmp_path: Path) -> None:
    # This module's `from __future__ import annotations` reaches code it compiles, kept or not.
    source = b"def shown(title: NotDefinedAnywhere) -> None: ...\n"
    expected = compile(source, "kept.py", "exec")
    compiled = _kept(tmp_path, lambda: compile(source, "kept.py", "exec"))
    kept = _kept(tmp_path, lambda: compile(source, "kept.py", "exec"))
    assert [list(tmp_path.iterdir()), kept.co_flags] == [[tmp_path / FILE_NAME], expected.co_flags]
    assert compiled.co_flags == expected.co_flags
    exec(kept, {})  # the annotation is not evaluated, as this module's own compile() has it


def test_kept_code_is_used_only_for_the_very_source_it_came_from(tmp_path: Path) -> None:
    _kept(tmp_path, lambda: compile(b"answer = 1\n", "same.py", "exec"))  # as before an upgrade
    changed = _kept(tmp_path, lambda: compile(b"answer = 2\n", "same.py", "exec"))
    namespace: dict[str, object] = {}
    exec(changed, namespace)
    assert namespace["answer"] == 2


def test_a_kept_entry_of_the_wrong_shape_is_compiled_again(tmp_path: Path) -> None:
    _kept(tmp_path, lambda: compile(b"answer = 1\n", "same.py", "exec"))
    kept = tmp_path / FILE_NAME
    magic, codes = marshal.loads(kept.read_bytes())
    kept.write_bytes(marshal.dumps((magic, {key: (b"answer = 1\n", "no code") for key in codes})))
    again = _kept(tmp_path, lambda: compile(b"answer = 1\n", "same.py", "exec"))
    namespace: dict[str, object] = {}
    exec(again, namespace)
    assert namespace["answer"] == 1
    assert isinstance(marshal.loads(kept.read_bytes())[1].popitem()[1][1], CodeType)  # made again


# A caller with no `from __future__` import: its compile() passes none on.
_PLAIN_CALLER = compile(
    "def compile_plainly(source, optimize=-1):\n"
    "    return compile(source, 'same.py', 'exec', optimize=optimize)\n",
    "plain_caller.py", "exec", dont_inherit=True,
)  # fmt: skip


def test_kept_code_is_not_given_to_a_caller_with_other_flags(tmp_path: Path) -> None:
    names: dict[str, Any] = {}
    exec(_PLAIN_CALLER, names)
    source = b"def shown(title: NotDefinedAnywhere) -> None: ...\n"
    # This module's compile(): its annotations postponed.
    _kept(tmp_path, lambda: compile(source, "same.py", "exec"))
    plain = _kept(tmp_path, lambda: names["compile_plainly"](source))
    with pytest.raises(NameError):  # a plain caller's annotations are evaluated
        exec(plain, {})


def test_kept_code_is_not_given_to_a_compile_of_another_optimisation_level(tmp_path: Path) -> None:
    source = b"assert False, 'kept at the level asserts run'\n"
    _kept(tmp_path, lambda: compile(source, "same.py", "exec"))
    optimised = _kept(tmp_path, lambda: compile(source, "same.py", "exec", optimize=2))
    exec(optimised, {})  # its assert is stripped, as -OO strips it


@pytest.mark.parametrize("damage", [SystemError, MemoryError, ValueError, EOFError])
def test_a_kept_file_that_cannot_be_loaded_only_means_compiling_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: type[Exception]
) -> None:
    # What marshal raises for damaged data (a bit flipped in a code object, a tuple's length).
    _kept(tmp_path, lambda: compile(b"answer = 1\n", "same.py", "exec"))
    kept = (tmp_path / FILE_NAME).read_bytes()

    def damaged(data: bytes) -> Any:
        raise damage("damaged")

    monkeypatch.setattr(marshal, "loads", damaged)  # the module app.qt_code_cache reads with
    again = _kept(tmp_path, lambda: compile(b"answer = 1\n", "same.py", "exec"))
    monkeypatch.undo()
    namespace: dict[str, object] = {}
    exec(again, namespace)
    assert namespace["answer"] == 1
    assert marshal.loads((tmp_path / FILE_NAME).read_bytes()) == marshal.loads(kept)


def test_compile_and_the_patterns_are_python_s_own_again_even_when_the_import_fails(
    tmp_path: Path,
) -> None:
    compile_now, re_compile_now = builtins.compile, re.compile
    replaced: list[bool] = []

    def failing_import(within: contextlib.AbstractContextManager[object]) -> None:
        with within:
            replaced.append(builtins.compile is not compile_now or re.compile is not re_compile_now)
            raise ImportError("PySide6 failed to load")

    with pytest.raises(ImportError):
        failing_import(kept_while(tmp_path))
    with pytest.raises(ImportError):
        failing_import(qt_imports._signature_patterns_compiled_when_used())
    assert replaced == [True, True]
    assert (builtins.compile, re.compile) == (compile_now, re_compile_now)


def test_a_pattern_s_method_kept_on_a_class_is_not_bound_to_its_instances() -> None:
    pattern = qt_imports.CompiledWhenUsed(r",\s*", 0)

    class Formatter:  # as PySide6's pyi_generator keeps `split = brace_searcher.split`
        split = pattern.split

    assert Formatter.split("a, b") == Formatter().split("a, b") == ["a", "b"]
