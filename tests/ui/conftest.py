"""GUI tests: offscreen Qt, a qasync loop under pytest-asyncio, a demo server on its own thread,
and the app's services with settings and caches in a temporary home."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication

from app.api.backend import ApiKind
from app.demo import DemoServerThread
from app.services.context import AppServices
from app.services.settings import SettingsStore
from app.ui.i18n import install_language
from app.ui.main_window import MainWindow
from tests.qt_loop import qt_loop, until

__all__ = ["api_base_for", "api_method", "open_window", "until"]


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]] | None:
    """Async tests in this folder run on the Qt event loop, as the app does."""
    if Path(str(item.fspath)).parent == Path(__file__).parent:
        return {"qt": qt_loop}
    return None


def _windows() -> list[MainWindow]:
    app = QApplication.instance()
    widgets = app.topLevelWidgets() if isinstance(app, QApplication) else []
    return [w for w in widgets if isinstance(w, MainWindow)]


@pytest.fixture(autouse=True)
def no_window_outlives_its_test() -> Iterator[None]:
    """A window left alive keeps its pages' timers and connections, which then fire in a later
    test of the same worker (a shelf refresh with no loop running): each test takes down the
    windows it made (close_window), before the services they show."""
    before = set(_windows())
    yield
    left = [w for w in _windows() if w not in before]
    titles = [w.windowTitle() for w in left]
    for window in left:
        shiboken6.delete(window)  # now, so that it cannot fail the next test too
    assert not titles, f"windows left alive: {titles}"


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


def api_method(services: AppServices, v2: str, v1: str) -> str:
    """The demo fault name of a request on the backend under test (v2 method or v1 path)."""
    return v1 if services.api.kind is ApiKind.V1 else v2


async def open_window(services: AppServices) -> MainWindow:
    """The main window at a desktop size, shown (offscreen)."""
    window = MainWindow(services)
    window.resize(1300, 860)
    window.show()
    return window


async def close_window(window: MainWindow) -> None:
    """Stops playback, hides the window and waits until Qt has deleted it, so that it goes now
    and not in the middle of the next test."""
    gone = asyncio.Event()
    window.destroyed.connect(gone.set)
    window.shutdown_player()
    window.hide()
    window.deleteLater()
    await asyncio.wait_for(gone.wait(), 10)


@pytest.fixture
async def window(services: AppServices) -> AsyncIterator[MainWindow]:
    """The app's main window over the services under test."""
    main = await open_window(services)
    try:
        yield main
    finally:
        await close_window(main)
