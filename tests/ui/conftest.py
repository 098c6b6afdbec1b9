"""GUI tests: offscreen Qt, a qasync loop under pytest-asyncio, a demo server on its own thread,
and the app's services with settings and caches in a temporary home."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import pytestqt.plugin
from PySide6.QtWidgets import QApplication

from app.api.backend import ApiKind
from app.demo import DemoServerThread
from app.services.context import AppServices
from app.services.settings import SettingsStore
from app.ui.i18n import install_language

# Every loop made stays referenced: qasync's timer objects of a closed loop can still receive a
# late Qt timer event, and if Python had freed their wrappers that event would crash the run.
_loops: list[asyncio.AbstractEventLoop] = []


def _qt_loop() -> asyncio.AbstractEventLoop:
    from app.ui.event_loop import EventLoop

    app = QApplication.instance() or QApplication([])
    _loops.append(EventLoop(app))
    return _loops[-1]


def _process_events_in_the_loop() -> None:
    """pytest-qt processes Qt events between test phases. With qasync, asyncio callbacks are Qt
    events, and outside a running loop they fail: process them inside the loop instead."""
    loop = _loops[-1] if _loops else None
    if loop is not None and not loop.is_closed() and not loop.is_running():
        loop.run_until_complete(asyncio.sleep(0.01))
    else:
        _original_process_events()


_original_process_events = pytestqt.plugin._process_events
pytestqt.plugin._process_events = _process_events_in_the_loop


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]] | None:
    """Async tests in this folder run on the Qt event loop, as the app does."""
    if Path(str(item.fspath)).parent == Path(__file__).parent:
        return {"qt": _qt_loop}
    return None


@pytest.fixture(params=[ApiKind.V2, ApiKind.V1], ids=["v2", "v1"])
def api_kind(request: pytest.FixtureRequest) -> ApiKind:
    """Every view is tested on both APIs the demo server speaks."""
    kind: ApiKind = request.param
    return kind


def api_base_for(demo_thread: DemoServerThread, kind: ApiKind) -> str:
    return demo_thread.api_base_v1 if kind is ApiKind.V1 else demo_thread.api_base()


@pytest.fixture
async def services(
    demo_thread: DemoServerThread, tmp_path: Path, api_kind: ApiKind
) -> AsyncIterator[AppServices]:
    install_language("ru")
    settings = SettingsStore(tmp_path / "config" / "settings.ini")
    app_services = AppServices(
        settings, api_base_for(demo_thread, api_kind), tmp_path / "cache", api_kind=api_kind
    )
    await app_services.start()
    try:
        yield app_services
    finally:
        await app_services.shutdown()


async def until(condition: Callable[[], Any], within: float = 10.0, message: str = "") -> None:
    """Lets the Qt/asyncio loop run until the condition holds (views update asynchronously)."""
    async with asyncio.timeout(within):
        while not condition():  # noqa: ASYNC110 (the condition lives in Qt widgets)
            await asyncio.sleep(0.02)


def api_method(services: AppServices, v2: str, v1: str) -> str:
    """The demo fault name of a request on the backend under test (v2 method or v1 path)."""
    return v1 if services.api.kind is ApiKind.V1 else v2
