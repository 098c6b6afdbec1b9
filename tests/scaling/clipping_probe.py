"""Walks every page of the window over the demo server, at the scale factor and font size the
environment sets (QT_SCALE_FACTOR, LIBRIA_FONT_SCALE), in Russian and the app's theme, and prints
the widgets whose text does not fit: one JSON line per page (tests/scaling/test_clipping.py).

Clipped: a label, button or check box narrower or lower than its text needs (its size hint; for
a wrapping label, its height for its width). Qt cuts such text off without an ellipsis."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

MARK = "LIBRIA_CLIPPED "


def clipped(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.isVisibleTo(root):
            continue
        if widget.width() <= 0 or not widget.text():
            continue
        if isinstance(widget, QLabel) and (
            widget.pixmap() is not None and not widget.pixmap().isNull()
        ):
            continue
        need = widget.sizeHint()
        if isinstance(widget, QLabel) and widget.wordWrap():
            short = widget.heightForWidth(widget.width()) > widget.height() + 1
        else:
            short = need.width() > widget.width() + 1 or need.height() > widget.height() + 1
        if short:
            name = widget.objectName() or type(widget).__name__
            found.append(f"{name} {widget.text()[:40]!r}: {widget.width()}×{widget.height()} "
                         f"< {need.width()}×{need.height()}")  # fmt: skip
    return found


def report(page: str, root: QWidget) -> None:
    print(MARK + json.dumps({"page": page, "clipped": clipped(root)}), flush=True)


async def walk() -> None:
    from app.demo import DemoConfig, DemoServerThread
    from app.services.context import AppServices
    from app.services.settings import SettingsStore
    from app.ui import theme
    from app.ui.i18n import install_language
    from app.ui.main_window import MainWindow
    from app.ui.pages.catalog_page import CatalogPage
    from app.ui.settings_dialog import SettingsDialog

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    font.setPointSizeF(font.pointSizeF() * float(os.environ.get("LIBRIA_FONT_SCALE", "1")))
    app.setFont(font)
    theme.apply(app)
    install_language("ru")
    demo = DemoServerThread(DemoConfig()).start()
    home = Path(tempfile.mkdtemp(prefix="libria-clipping-"))
    services = AppServices(SettingsStore(home / "settings.ini"), demo.api_base(), home / "cache")
    await services.start()
    window = MainWindow(services)
    window.resize(1320, 860)
    window.show()
    try:
        for entry in window.pages.entries:
            if window.rail.item(entry.key).isHidden():
                continue
            window.show_page(entry.key)
            await asyncio.sleep(1.5)
            report(entry.key, window)
        window.show_page("updates")
        await asyncio.sleep(1.0)
        window.open_title(window.page_for("updates", CatalogPage).model.item(0))  # type: ignore[arg-type]
        await asyncio.sleep(2.0)
        report("title", window)
        dialog = SettingsDialog(services.settings, window)
        dialog.show()
        await asyncio.sleep(0.5)
        report("settings", dialog)
        dialog.close()
    finally:
        print(MARK + json.dumps({"page": "done", "clipped": []}), flush=True)
        window.shutdown_player()
        window.close()
        await services.shutdown()
        demo.stop()


def main() -> int:
    from tests.tools import shot_runner

    shot_runner.run(walk())
    return 0


if __name__ == "__main__":
    sys.exit(main())
