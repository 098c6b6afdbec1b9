"""The window when the service misbehaves: another API version, an error answer with retry, no
network at all (the kept data stays, a banner says since when, and everything recovers)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.api.backend import ApiKind
from app.demo import DemoServerThread
from app.demo.server import Fault
from app.services.context import AppServices
from app.services.state import LoadState
from app.ui import labels
from app.ui.main_window import MainWindow
from app.ui.pages.catalog_page import CatalogPage
from app.ui.pages.tables import TeamPage
from tests.ui.conftest import until


async def _ready(page: CatalogPage) -> None:
    await until(lambda: page.query.state is LoadState.READY, message="page did not load")


async def test_a_server_of_another_api_version_is_told_once(
    demo_thread: DemoServerThread, window: MainWindow, services: AppServices
) -> None:
    if services.api.kind is ApiKind.V1:
        pytest.skip("v1 names no version in its answers: its paths are the version")
    told: list[str] = []
    services.api.version_mismatch.connect(told.append)
    demo_thread.server.faults.append(Fault("getUpdates", api_version="3.0.1"))
    page = window.page_for("updates", CatalogPage)
    page.query.reload()
    await _ready(page)
    warning = window.banners.warning
    await until(lambda: warning.isVisible())
    assert "3.0.1" in warning.label.text() and told == ["3.0.1"]
    page.query.reload()  # answers in the expected version again: nothing more to tell
    await _ready(page)
    assert told == ["3.0.1"]


async def test_api_error_shows_the_message_and_retry_works(
    demo_thread: DemoServerThread, window: MainWindow, services: AppServices
) -> None:
    method = "anime/catalog/releases" if services.api.kind is ApiKind.V1 else "getUpdates"
    demo_thread.server.faults.append(
        Fault(method, status=500, code=503, message="Ведутся работы", count=3)
    )
    page = window.page_for("updates", CatalogPage)
    page.query.reload()
    await until(lambda: page.query.state is LoadState.ERROR)
    assert page.state.state is LoadState.ERROR and page.state.currentWidget() is not page.grid
    assert page.state.message_label.text() == "Ведутся работы"  # the server's own words
    assert page.state.retry_button.isVisible()
    QTest.mouseClick(page.state.retry_button, Qt.MouseButton.LeftButton)
    await _ready(page)
    assert page.model.rowCount() == 30
    assert page.state.currentWidget() is page.grid


async def test_offline_keeps_the_last_data_and_recovers(
    window: MainWindow, services: AppServices
) -> None:
    page = window.page_for("updates", CatalogPage)
    await _ready(page)
    shown = [item.id for item in page.model.items()]
    demo_base = services.api.base_url
    await services.api.set_base_url("http://127.0.0.1:9/v2")  # nothing listens there
    await until(lambda: window.banners.offline.isVisible(), within=20)
    kept_at = services.connectivity.data_time
    assert kept_at > 0 and labels.date_time(kept_at) in window.banners.offline.label.text()
    assert page.query.state is LoadState.READY
    assert [item.id for item in page.model.items()] == shown  # the kept copy, not an error
    window.show_page("team")  # never loaded, so nothing kept
    team = window.page_for("team", TeamPage)
    await until(lambda: team.state.state is LoadState.OFFLINE)
    assert team.query.state is LoadState.OFFLINE and team.state.retry_button.isVisible()
    await services.api.set_base_url(demo_base)
    window.banners.offline.button.click()  # "retry now"
    await until(lambda: not window.banners.offline.isVisible(), within=20)
    await until(lambda: team.table.rowCount() > 0)  # what was open reloads
