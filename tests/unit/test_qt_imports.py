"""PySide6's question to every imported module ("does your source name PySide6?"), answered
quicker: the answers stay PySide6's own, for the app's modules, installed packages, Python's own
library and modules without source."""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from types import ModuleType

import msgspec
import qasync

import app.core.paths
import app.ui.theme
from app.qt_imports import quicker_module_checks


def _as_pyside_answers(module: ModuleType) -> bool:
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_the_quicker_check_gives_pyside_s_answers() -> None:
    quicker_module_checks()
    check = sys.modules["PySide6.support.feature"]._mod_uses_pyside
    modules = (app.ui.theme, app.core.paths, qasync, json, argparse, inspect, msgspec._core, sys)
    answers = {module.__name__: check(module) for module in modules}
    assert answers == {module.__name__: _as_pyside_answers(module) for module in modules}
    assert answers["app.ui.theme"] and answers["qasync"]  # the case that matters is there
