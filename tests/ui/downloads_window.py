"""What the downloads views' tests share: one API, a fake downloads queue behind the real
window, English on demand, and readers of menus and episode rows."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QMenu

from app.api.backend import ApiKind
from app.services.context import AppServices
from app.ui.i18n import install_language
from app.ui.main_window import MainWindow
from app.ui.pages.episode_list import STILL
from tests.ui.conftest import close_window
from tests.ui.fake_downloads import FakeDownloads

MB = 1024 * 1024


@pytest.fixture
def api_kind() -> ApiKind:
    """The views do not depend on the API: one is enough."""
    return ApiKind.V2


@pytest.fixture
def downloads(tmp_path: Path) -> FakeDownloads:
    return FakeDownloads(tmp_path / "Libria")


@pytest.fixture
async def window(services: AppServices, downloads: FakeDownloads) -> AsyncIterator[MainWindow]:
    main = MainWindow(services, downloads=downloads)
    main.resize(1300, 860)
    main.show()
    try:
        yield main
    finally:
        await close_window(main)


@pytest.fixture
def english() -> Iterator[None]:
    install_language("en")
    try:
        yield
    finally:
        install_language("ru")


# ----- reading menus and episode rows -----


def texts(menu: QMenu | None) -> list[str]:
    assert menu is not None
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def action(menu: QMenu | None, text: str) -> QAction:
    assert menu is not None
    return next(a for a in menu.actions() if a.text() == text)


def submenu(menu: QMenu, text: str) -> QMenu:
    found = action(menu, text).menu()
    assert isinstance(found, QMenu)
    return found


def episode_text(window: MainWindow, row: int) -> str:
    item = window.title_page.view.episodes.item(row)
    return item.text() if item is not None else ""


def badge(window: MainWindow, number: float) -> str:
    """The word on the episode's still, if any."""
    found = window.title_page.view.episodes.badge(number)
    return found.text if found is not None else ""


def still(window: MainWindow, row: int) -> QImage:
    item = window.title_page.view.episodes.item(row)
    assert item is not None
    return item.icon().pixmap(STILL).toImage()
