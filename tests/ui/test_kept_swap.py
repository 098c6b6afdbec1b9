"""A warm start past its first paint: the real start page takes the kept page's place, showing
the same cards, and the window then works as after any start."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.demo import DemoServerThread
from app.services.state import LoadState
from app.ui.catalog.delegate import card_face
from app.ui.i18n import install_language
from app.ui.pages.search_page import SearchPage
from tests.qt_loop import until
from tests.ui.kept_session import WarmStart, keep_a_session


async def test_the_real_page_takes_the_kept_ones_place_and_the_window_works(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    install_language("ru")
    await keep_a_session(demo_thread, tmp_path)
    start = WarmStart(demo_thread, tmp_path)
    window = start.show_kept()
    try:
        kept = window.kept_view
        assert kept is not None and window.centralWidget() is kept and kept.isVisible()
        names = [face.name for face, _ in kept.grid.faces]
        gone = asyncio.Event()
        kept.destroyed.connect(gone.set)
        page = await start.attach()
        made = window.size()
        window.resize(made - QSize(160, 90))  # while the kept page still stands
        await until(lambda: window.kept_view is None, message="the kept page was never replaced")
        await asyncio.wait_for(gone.wait(), 10)  # gone, not just hidden behind the real one
        central = window.centralWidget()
        assert central.isAncestorOf(page) and page.isVisible() and page.grid.isVisible()
        shown = [card_face(item, None, None).name for item in page.model.items()[: len(names)]]
        assert shown == names  # the same first cards: the swap is not seen
        window.resize(made)  # and after it
        await until(lambda: page.grid.viewport().width() > made.width() // 2)

        # The keyboard lands in the grid (its window's focus, as the window becomes active).
        assert window.focusWidget() is page.grid
        window.activateWindow()
        await until(lambda: QApplication.focusWidget() is page.grid, message="no keyboard focus")
        control = Qt.KeyboardModifier.ControlModifier
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, control)
        search = window.page_for("search", SearchPage)
        assert window.stack.currentWidget() is search and search.field.hasFocus()
        window.go_back()

        index = page.model.index(0, 0)
        await until(lambda: page.grid.visualRect(index).isValid())
        spot = page.grid.visualRect(index).center()
        left = Qt.MouseButton.LeftButton  # a double click: QTest's lacks the first press
        QTest.mouseClick(page.grid.viewport(), left, pos=spot)
        QTest.mouseDClick(page.grid.viewport(), left, pos=spot)
        await until(lambda: window.stack.currentWidget() is window.title_page, message="no title")
        await until(lambda: window.title_page.query.state is LoadState.READY)
        assert window.title_page.query.value.id == page.model.item(0).id
    finally:
        await start.close()
