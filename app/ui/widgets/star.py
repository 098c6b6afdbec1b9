"""The favourite star, drawn rather than typed: a glyph may be missing from the user's fonts."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

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
