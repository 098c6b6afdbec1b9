"""The application is made in Libria's own style, whatever the environment asks for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

STYLE_OF_THE_APPLICATION = """
from PySide6.QtWidgets import QApplication
from app.launch_parts import qt_arguments
app = QApplication(qt_arguments())
print(app.style().name(), app.arguments()[1:])
"""


@pytest.mark.parametrize("override", [None, "Windows"])
def test_the_application_is_made_in_fusion(override: str | None) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("QT_STYLE_OVERRIDE", None)
    if override is not None:
        env["QT_STYLE_OVERRIDE"] = override  # a desktop's choice: Libria's look still wins
    done = subprocess.run(
        [sys.executable, "-c", STYLE_OF_THE_APPLICATION], env=env, capture_output=True,
        text=True, timeout=60, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert done.stdout.split() == ["fusion", "[]"], done.stderr  # Qt took the style argument
