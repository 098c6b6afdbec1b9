"""The kept page's menu bar looks like the real one but takes no input until the real menus are
built: a click or an Alt+letter opens nothing (the menus would be empty); afterwards they work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenuBar

from app.demo import DemoServerThread
from app.ui.i18n import install_language
from tests.qt_loop import until
from tests.ui.kept_session import WarmStart, keep_a_session


def _click_first(bar: QMenuBar) -> None:
    spot = bar.actionGeometry(bar.actions()[0]).center()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=spot)


def _untouched(bar: QMenuBar) -> bool:
    """No menu open, no title highlighted, the keyboard not in the bar."""
    popup = QApplication.activePopupWidget()
    return popup is None and bar.activeAction() is None and not bar.hasFocus()


def _mnemonic(bar: QMenuBar) -> Qt.Key:
    sequence = QKeySequence.mnemonic(bar.actions()[0].text())
    return sequence[0].key()


async def test_the_kept_menu_bar_takes_no_input_until_attach(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    install_language("ru")
    await keep_a_session(demo_thread, tmp_path)
    start = WarmStart(demo_thread, tmp_path)
    window = start.show_kept()
    bar = window.menuBar()
    try:
        window.activateWindow()
        await until(window.isActiveWindow, message="the window never became active")
        assert bar.actions() and _untouched(bar)
        _click_first(bar)
        assert _untouched(bar)
        QTest.keyClick(window, _mnemonic(bar), Qt.KeyboardModifier.AltModifier)
        assert _untouched(bar)
        QTest.keyClick(window, Qt.Key.Key_Alt)  # Alt alone: the bar's keyboard navigation
        QTest.keyClick(window, Qt.Key.Key_Down)
        assert _untouched(bar)

        await start.attach()
        _click_first(bar)  # the real menus work as soon as they are built
        await until(lambda: QApplication.activePopupWidget() is not None, message="no menu")
        popup = QApplication.activePopupWidget()
        assert popup is not None
        popup.close()
    finally:
        await start.close()
