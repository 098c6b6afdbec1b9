"""Shared fixtures: a real demo server on 127.0.0.1 and clients pointed at it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

# Every in-process Qt test shares one QApplication, whichever test makes it first: set what the
# app sets before it exists (offscreen widgets; GL through the X display pytest-xvfb provides).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LC_NUMERIC"] = "C"
# v1 has no WebSocket: the app polls; tests cannot wait minutes for a poll.
os.environ["LIBRIA_POLL_INTERVAL"] = "1"
# No test (nor an app process a test starts) talks to the machine's session bus: tests that need
# one start their own (the session_bus fixture) and point the app at it.
os.environ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/libria-tests-have-no-bus"
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

from app.api import AniLibriaClient  # noqa: E402
from app.demo import DemoConfig, DemoServer, DemoServerThread  # noqa: E402
from app.demo.wire import SHAPE_28, SHAPE_213  # noqa: E402
from tests.app_process import App  # noqa: E402
from tests.dbus_session import private_session_bus  # noqa: E402

UNIT_TESTS = Path(__file__).parent / "unit"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Everything outside tests/unit is end to end (a demo server, app processes, a display, a
    session bus, mpv): `-m e2e` runs only those, `pytest tests/unit` only the fast layer."""
    for item in items:
        if UNIT_TESTS not in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def no_app_outlives_its_test() -> Iterator[None]:
    """An app process a failed test left running is ended with the test, not at some later
    test's garbage collection (an unclosed pipe there would fail that test instead)."""
    yield
    App.end_all()


@pytest.fixture
async def demo() -> AsyncIterator[DemoServer]:
    server = DemoServer(DemoConfig())
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def client(demo: DemoServer) -> AsyncIterator[AniLibriaClient]:
    async with AniLibriaClient(demo.api_base(SHAPE_28), retry_backoff=0.01) as api:
        yield api


@pytest.fixture(params=[SHAPE_28, SHAPE_213], ids=["v2.8", "v2.13"])
async def any_client(
    demo: DemoServer, request: pytest.FixtureRequest
) -> AsyncIterator[AniLibriaClient]:
    """The same test against both payload shapes the demo serves."""
    async with AniLibriaClient(demo.api_base(request.param), retry_backoff=0.01) as api:
        yield api


@pytest.fixture
def session_bus(tmp_path: Path) -> Iterator[str]:
    """A session bus of our own: no test touches (or depends on) the machine's."""
    with private_session_bus(tmp_path) as address:
        yield address


@pytest.fixture
def demo_thread() -> Iterator[DemoServerThread]:
    runner = DemoServerThread(DemoConfig()).start()
    try:
        yield runner
    finally:
        runner.stop()
