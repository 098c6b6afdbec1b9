"""The favourite star, drawn rather than typed: a glyph may be missing from the user's fonts."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

GOLD = QColor("#f5c518")


def star_path(rect: QRectF) -> QPainterPath:
    centre = rect.center()
    outer = min(rect.width(), rect.height()) / 2
    inner = outer * 0.45
    path = QPainterPath()
    for point in range(10):
        radius = outer if point % 2 == 0 else inner
        angle = math.radians(-90 + point * 36)
        vertex = QPointF(
            centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle)
        )
        if point == 0:
            path.moveTo(vertex)
        else:
            path.lineTo(vertex)
    path.closeSubpath()
    return path


def paint_star(painter: QPainter, rect: QRectF, filled: bool, outline: QColor) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(GOLD if filled else outline, 1.6))
    painter.setBrush(GOLD if filled else Qt.BrushStyle.NoBrush)
    painter.drawPath(star_path(rect))
    painter.restore()


def star_icon(filled: bool, size: int = 20) -> QIcon:
    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x: crisp on HiDPI screens too
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_star(painter, QRectF(1.5, 1.5, size - 3, size - 3), filled, QColor("#d8d8e0"))
    painter.end()
    return QIcon(pixmap)
