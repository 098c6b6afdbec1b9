"""PySide6's own start-up costs, taken off (app.qt_imports): its question to every imported module
("does your source name PySide6?") answered quicker, its answers kept for the app's modules,
installed packages, Python's own library and modules without source; and its signature support's
patterns compiled at first use, with the same signatures and messages as before."""

from __future__ import annotations

import argparse
import inspect
import json
import os
import subprocess
import sys
from types import ModuleType

import msgspec
import qasync

import app.core.paths
import app.ui.theme
from app.qt_imports import quicker_imports


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


# What PySide6's signature support gives, in a fresh interpreter ("quicker": as the app starts).
_SIGNATURES = """
import sys
if sys.argv[1] == "quicker":
    from app.qt_imports import CompiledWhenUsed, quicker_imports

    made = []
    make = CompiledWhenUsed.__init__
    CompiledWhenUsed.__init__ = lambda self, *source: (make(self, *source), made.append(self))[0]
    quicker_imports()
    print("patterns", len(made), "compiled at start", sum(m._compiled is not None for m in made))
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


def _signatures(how: str) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", _SIGNATURES, how], capture_output=True, text=True, env=env,
        timeout=60, check=True,
    )  # fmt: skip
    return done.stdout.splitlines()


def test_pyside_s_signature_patterns_are_compiled_when_first_used_with_the_same_answers() -> None:
    quicker = _signatures("quicker")
    assert quicker[0] == "patterns 3 compiled at start 0"  # ~20 ms of every start
    assert quicker[1:] == _signatures("plain")
    assert "Supported signatures:" in quicker[-4]  # a wrong call's message, parsed from them
