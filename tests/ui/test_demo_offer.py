"""An offline first start offers the built-in demo: the button, the window's request, and the
restart into `libria --demo` after the orderly shutdown (exec patched: nothing is replaced)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from app import bootstrap
from app.api.backend import ApiKind
from app.bootstrap import DemoRestart, demo_command
from app.services.context import AppServices
from app.services.settings import SettingsStore
from app.services.state import LoadState
from app.ui.i18n import install_language
from app.ui.main_window import MainWindow
from app.ui.pages.catalog_page import CatalogPage
from tests.ui.conftest import until


def test_demo_command_line() -> None:
    assert demo_command(None, False, "/venv/bin/python") == [
        "/venv/bin/python", "-m", "app", "--demo",
    ]  # fmt: skip
    assert demo_command("en", False, "/venv/bin/python") == [
        "/venv/bin/python", "-m", "app", "--demo", "--lang", "en",
    ]  # fmt: skip
    assert demo_command("ru", True, "/opt/libria/libria") == [
        "/opt/libria/libria", "--demo", "--lang", "ru",
    ]  # fmt: skip
    # The demo speaks the API the viewer was on: v1, the live service's, when that was it.
    assert demo_command(None, False, "/venv/bin/python", "v1") == [
        "/venv/bin/python", "-m", "app", "--demo", "--api-kind", "v1",
    ]  # fmt: skip
    assert demo_command(None, False, "/venv/bin/python", "v2") == [
        "/venv/bin/python", "-m", "app", "--demo",
    ]  # fmt: skip


@pytest.fixture
async def offline(tmp_path: Path) -> AsyncIterator[AppServices]:
    """A first start with no network: nothing answers, nothing kept."""
    install_language("ru")
    settings = SettingsStore(tmp_path / "config" / "settings.ini")
    services = AppServices(
        settings, "http://127.0.0.1:9/api/v1", tmp_path / "cache", tmp_path / "data",
        api_kind=ApiKind.V1,
    )  # fmt: skip
    await services.start()
    try:
        yield services
    finally:
        await services.shutdown()


async def _window(services: AppServices, offer_demo: bool) -> MainWindow:
    window = MainWindow(services, offer_demo=offer_demo)
    window.show()
    page = window.page_for("updates", CatalogPage)
    page.query.reload()
    await until(lambda: page.state.state is LoadState.OFFLINE, within=20)
    return window


async def _close(window: MainWindow) -> None:
    window.hide()
    window.deleteLater()
    await asyncio.sleep(0.05)


async def test_offline_start_offers_the_demo_and_restarts_into_it(
    offline: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = await _window(offline, offer_demo=True)
    panel = window.page_for("updates", CatalogPage).state
    assert panel.retry_button.isVisible() and panel.demo_button.isVisible()
    assert panel.retry_button.text() == QCoreApplication.translate("StatePanel", "Try again")
    assert panel.demo_button.text() == QCoreApplication.translate("StatePanel", "Open the demo")
    quits: list[bool] = []
    restart = DemoRestart("en", lambda: quits.append(True), lambda: offline.api.kind.value)
    window.demo_requested.connect(restart.request)
    execs: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(bootstrap.os, "execv", lambda path, args: execs.append((path, args)))
    monkeypatch.delattr(sys, "frozen", raising=False)

    panel.demo_button.click()
    assert quits == [True], "the window asks to quit first"
    assert execs == [], "nothing is replaced before the shutdown"
    command = [sys.executable, "-m", "app", "--demo", "--api-kind", "v1", "--lang", "en"]
    assert restart.command == command
    restart.finish()  # what run() does once everything is shut down
    assert execs == [(sys.executable, command)]

    panel.show_state(LoadState.ERROR, "500")  # a server error: retry only
    assert panel.retry_button.isVisible() and not panel.demo_button.isVisible()
    await _close(window)


async def test_no_demo_offer_in_the_demo_itself(offline: AppServices) -> None:
    window = await _window(offline, offer_demo=False)
    panel = window.page_for("updates", CatalogPage).state
    assert panel.retry_button.isVisible() and not panel.demo_button.isVisible()
    await _close(window)


async def test_a_restart_not_asked_for_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    execs: list[object] = []
    monkeypatch.setattr(bootstrap.os, "execv", lambda *args: execs.append(args))
    DemoRestart(None, lambda: None).finish()
    assert execs == []
