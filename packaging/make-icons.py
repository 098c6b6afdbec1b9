"""Renders the app icon (resources/icons/libria.svg) into the PNG sizes desktops look for, in the
freedesktop hicolor layout under resources/icons/hicolor/. Run after changing the SVG:

    .venv/bin/python packaging/make-icons.py
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "tv.libria.Libria"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    source = ROOT / "resources" / "icons" / "libria.svg"
    renderer = QSvgRenderer(str(source))
    hicolor = ROOT / "resources" / "icons" / "hicolor"
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(target))
    scalable = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, scalable)
    print(f"wrote {len(SIZES)} PNGs and the scalable icon under {hicolor}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
