"""A word painted on an episode's still ("on disk", "45 %"), with a thin progress bar along its
bottom while the episode downloads: the tile's text stays the episode's number and name."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from app.ui import theme

BAR = 4
_TRACK = QColor(0, 0, 0, 160)  # over the still: dark in every theme, as the white text on it


@dataclass(frozen=True)
class Badge:
    text: str
    colour: QColor
    fraction: float | None = None  # set: the bar along the still's bottom


def badged(still: QPixmap, badge: Badge) -> QPixmap:
    """A copy of the still with the badge in its top-left corner."""
    pixmap = QPixmap(still)
    ratio = pixmap.devicePixelRatio()
    width, height = pixmap.width() / ratio, pixmap.height() / ratio
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = painter.font()
    font.setPointSizeF(7.5)
    font.setBold(True)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    text = metrics.elidedText(badge.text, Qt.TextElideMode.ElideRight, int(width) - 16)
    label = QRectF(4, 4, metrics.horizontalAdvance(text) + 10, metrics.height() + 2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(badge.colour)
    painter.drawRoundedRect(label, 3, 3)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(label, Qt.AlignmentFlag.AlignCenter, text)
    if badge.fraction is not None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.fillRect(QRectF(0, height - BAR, width, BAR), _TRACK)
        filled = width * max(0.0, min(1.0, badge.fraction))
        painter.fillRect(QRectF(0, height - BAR, filled, BAR), QColor(theme.current().accent))
    painter.end()
    return pixmap
