"""After start-up, what the viewer is likely to open next is imported ahead, a module per step of
the loop, never while the player loads ahead (app.ui.warm_up); the app's own list comes in a
module at a time, and without libmpv. That the launched app does it: tests/desktop/
test_cold_start.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from app.launch_steps import PLAYER_PARTS
from app.ui.warm_up import TARGETS, WarmUp
from tests.ui.conftest import until

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def package(tmp_path: Path) -> Iterator[Path]:
    """A package `wwarm` on the path (forgotten afterwards)."""
    root = tmp_path / "wwarm"
    root.mkdir()
    (root / "__init__.py").write_text("")
    sys.path.insert(0, str(tmp_path))
    yield root
    sys.path.remove(str(tmp_path))
    for name in [m for m in sys.modules if m.split(".")[0] == "wwarm"]:
        del sys.modules[name]


async def run_to_end(warm_up: WarmUp) -> None:
    finished: list[bool] = []
    warm_up.finished.connect(lambda: finished.append(True))
    warm_up.start(after_ms=0)
    try:
        await until(lambda: finished, message="the warming up did not finish")
    finally:
        warm_up.stop()  # a failed test's leaves nothing running into the next


async def test_modules_come_in_one_per_step_after_what_they_import_and_not_while_busy(
    package: Path,
) -> None:
    (package / "leaf.py").write_text("")
    (package / "page.py").write_text("import wwarm.leaf\n")
    busy_calls: list[bool] = []

    def busy() -> bool:  # the player loading ahead for the first three looks
        busy_calls.append("wwarm.leaf" in sys.modules)
        return len(busy_calls) <= 3

    warm_up = WarmUp(("wwarm.page",), busy=busy, step_ms=1, within=("wwarm",))
    await run_to_end(warm_up)
    assert warm_up.imported == ["wwarm", "wwarm.leaf", "wwarm.page"]
    assert busy_calls[:3] == [False, False, False]  # nothing was imported while it was busy


async def test_a_module_that_fails_to_import_is_left_for_later_and_the_rest_come_in(
    package: Path,
) -> None:
    (package / "broken.py").write_text("raise RuntimeError('a broken install')\n")
    (package / "page.py").write_text("")
    warm_up = WarmUp(("wwarm.broken", "wwarm.page"), step_ms=1, within=("wwarm",))
    await run_to_end(warm_up)
    assert warm_up.imported == ["wwarm", "wwarm.page"]
    assert "wwarm.broken" not in sys.modules  # imported again where it is needed, and failing


async def test_a_session_started_in_the_tray_warms_up_once_its_window_is_shown(
    package: Path,
) -> None:
    (package / "page.py").write_text("")
    window = QWidget()  # hidden, as a start in the tray leaves the main window
    warm_up = WarmUp(("wwarm.page",), step_ms=1, within=("wwarm",), parent=window)
    finished: list[bool] = []
    warm_up.finished.connect(lambda: finished.append(True))
    try:
        warm_up.start_when_shown(window, after_ms=0)
        assert not warm_up.waiting  # nothing scheduled: no wake-ups while in the tray
        window.show()
        assert warm_up.waiting
        await until(lambda: finished, message="the warming up did not finish")
        assert warm_up.imported == ["wwarm", "wwarm.page"]
    finally:
        warm_up.stop()
        window.deleteLater()


_THE_APPS_OWN = textwrap.dedent("""\
    import importlib, json, sys
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    # What a start-up has imported when it is over (its first page shown, the announcements up).
    import app.bootstrap, app.services.context, app.ui.main_window, app.ui.announcements
    import app.ui.pages.catalog_page
    from app.core.import_order import IMPORT, import_order
    from app.launch_steps import PLAYER_PARTS
    from app.ui.warm_up import TARGETS
    TARGETS = (*TARGETS, *PLAYER_PARTS)  # as the app's start-up warms up
    steps, failed = [], []
    for kind, name in import_order(TARGETS):
        if kind == IMPORT:
            before = set(sys.modules)
            try:
                importlib.import_module(name)
            except Exception as error:
                failed.append(f"{name}: {error!r}")
            steps.append([name, sorted(set(sys.modules) - before)])
    loaded = [name for name in TARGETS if name in sys.modules]
    print(json.dumps({"steps": steps, "failed": failed, "loaded": loaded,
                      "mpv": "mpv" in sys.modules}))
    """)  # fmt: skip


def test_the_apps_own_list_comes_in_a_module_at_a_time_without_libmpv() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", _THE_APPS_OWN], cwd=ROOT, env=env, capture_output=True,
        text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    result = json.loads(out.splitlines()[-1])
    assert result["failed"] == []
    assert result["loaded"] == [*TARGETS, *PLAYER_PARTS]  # each name is a module that is there
    assert not result["mpv"]  # libmpv (~100 ms) loads on a worker, never in a step
    # Each of the app's own modules is a step of its own: no cycle or package brings in more.
    big = [(name, new) for name, new in result["steps"] if name.startswith("app.") and len(new) > 1]
    assert big == []
    assert len(result["steps"]) > len(TARGETS)  # what they import came first, step by step
