"""The player's full-screen button icon, drawn: the style's title-bar glyph is painted in a dark
colour that all but vanishes on the dark theme's buttons."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

LIGHT = QColor("#d8d8e0")  # as the other drawn glyphs (the star's outline)


def fullscreen_icon(size: int = 16) -> QIcon:
    """Four corners pointing out, as video players show it."""
    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x: crisp on HiDPI screens too
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(LIGHT, 1.8)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    low, high, arm = 2.0, size - 2.0, size * 0.32
    for x, y, dx, dy in ((low, low, 1, 1), (high, low, -1, 1), (low, high, 1, -1),
                         (high, high, -1, -1)):  # fmt: skip
        corner = QPointF(x, y)
        painter.drawLine(corner, QPointF(x + dx * arm, y))
        painter.drawLine(corner, QPointF(x, y + dy * arm))
    painter.end()
    return QIcon(pixmap)
