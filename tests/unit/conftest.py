"""Unit tests: no server, no X display, no GL. Qt objects live on the offscreen platform, and
async tests run on the Qt event loop (qasync) as the app's services do."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any QApplication exists

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from pathlib import Path

import pytest

from app.services.account import AccountService
from app.services.downloads import DownloadService
from app.services.library import LibraryService
from app.services.settings import SettingsStore
from app.services.tasks import TaskRunner
from tests.qt_loop import qt_loop
from tests.unit.account_fakes import FakeAccountApi, Keeper, Kit
from tests.unit.download_kit import make_service
from tests.unit.fake_engine import FakeEngine
from tests.unit.fakes import FakeApiService, FakeBackend, make_title


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]] | None:
    """Async tests here run on the Qt event loop, as the app does."""
    return {"qt": qt_loop}


@pytest.fixture
async def tasks() -> AsyncIterator[TaskRunner]:
    runner = TaskRunner()
    try:
        yield runner
    finally:
        await runner.shutdown()


@pytest.fixture
def backend() -> FakeBackend:
    """45 titles: a page and a half of the 30 a list asks for."""
    return FakeBackend([make_title(n, week_day=n % 7) for n in range(1, 46)])


@pytest.fixture
async def api(backend: FakeBackend) -> AsyncIterator[FakeApiService]:
    service = FakeApiService(backend)
    await service.start()
    try:
        yield service
    finally:
        await service.close()


@pytest.fixture
async def library(tmp_path: Path) -> AsyncIterator[LibraryService]:
    service = LibraryService(tmp_path / "library.sqlite3")
    await service.start()
    try:
        yield service
    finally:
        await service.close()


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[SettingsStore]:
    # No environment: the e2e suites set LIBRIA_POLL_INTERVAL for the app processes they start.
    store = SettingsStore(tmp_path / "config" / "settings.ini", environ={})
    yield store
    store.deleteLater()


@pytest.fixture
def kit(
    api: FakeApiService, backend: FakeBackend, library: LibraryService, tasks: TaskRunner,
    settings: SettingsStore,
) -> Kit:  # fmt: skip
    remote = FakeAccountApi()
    backend.account = remote
    return Kit(AccountService(api, Keeper(), settings), library, tasks, remote)


# The downloads queue over the fake engine (tests/unit/fake_engine.py) and the real library.
@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def root(tmp_path: Path, settings: SettingsStore) -> Path:
    settings.set("download_dir", str(tmp_path / "videos"))
    return tmp_path / "videos"


@pytest.fixture
async def downloads(
    library: LibraryService, api: FakeApiService, settings: SettingsStore, tasks: TaskRunner,
    engine: FakeEngine, root: Path,
) -> AsyncIterator[DownloadService]:  # fmt: skip
    service = make_service(library, api, settings, tasks, engine)
    service.start()
    try:
        yield service
    finally:
        await service.shutdown()
