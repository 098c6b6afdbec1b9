"""No text is cut off at 200 % (QT_SCALE_FACTOR=2) nor with the app's font at 1.5×: every page
of the window, the title page and the settings dialog, in Russian (the longer words)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.app_process import ROOT, environment
from tests.scaling.clipping_probe import MARK


@pytest.mark.parametrize(("scale", "font"), [("2", "1"), ("1", "1.5")], ids=["200%", "font1.5"])
def test_no_text_is_clipped(scale: str, font: str, tmp_path: Path) -> None:
    env = environment(tmp_path, {"QT_SCALE_FACTOR": scale, "LIBRIA_FONT_SCALE": font})
    done = subprocess.run(
        [sys.executable, "-m", "tests.scaling.clipping_probe"], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=110, check=False,
    )  # fmt: skip
    pages = [json.loads(line[len(MARK):]) for line in done.stdout.splitlines()
             if line.startswith(MARK)]  # fmt: skip
    assert pages and pages[-1]["page"] == "done", done.stdout[-4000:] + done.stderr[-4000:]
    assert len(pages) > 8, [page["page"] for page in pages]
    clipped = {page["page"]: page["clipped"] for page in pages if page["clipped"]}
    assert clipped == {}
