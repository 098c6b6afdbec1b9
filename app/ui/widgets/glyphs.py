"""Icons drawn as vectors at whatever size and pixel ratio they are shown (crisp at 100, 150 and
200 %), in the palette's button text colour at that moment (so a theme switch reaches them):
the player's buttons, the full-screen corners and the favourite star. The style's own media
icons are small raster images in one dark grey."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)

from app.ui.widgets.star import paint_star

Draw = Callable[[QPainter, QRectF, QColor], None]


class GlyphEngine(QIconEngine):
    def __init__(self, draw: Draw) -> None:
        super().__init__()
        self._draw = draw

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        group = (
            QPalette.ColorGroup.Disabled
            if mode is QIcon.Mode.Disabled
            else QPalette.ColorGroup.Active
        )
        colour = QGuiApplication.palette().color(group, QPalette.ColorRole.ButtonText)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(rect.width(), rect.height())
        square = QRectF(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2,
                        side, side)  # fmt: skip
        self._draw(painter, square, colour)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(QSize(round(size.width() * scale), round(size.height() * scale)))
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(self._draw)

    def key(self) -> str:
        return "libria-glyph"


def glyph(draw: Draw) -> QIcon:
    return QIcon(GlyphEngine(draw))


def _poly(painter: QPainter, colour: QColor, points: list[tuple[float, float]], r: QRectF) -> None:
    """A filled polygon, its points as fractions of the square `r`."""
    path = QPainterPath()
    path.moveTo(r.x() + points[0][0] * r.width(), r.y() + points[0][1] * r.height())
    for x, y in points[1:]:
        path.lineTo(r.x() + x * r.width(), r.y() + y * r.height())
    path.closeSubpath()
    painter.fillPath(path, colour)


def _bars(painter: QPainter, colour: QColor, r: QRectF, spans: list[tuple[float, float]]) -> None:
    for left, right in spans:
        painter.fillRect(QRectF(r.x() + left * r.width(), r.y() + 0.2 * r.height(),
                                (right - left) * r.width(), 0.6 * r.height()), colour)  # fmt: skip


def _play(painter: QPainter, r: QRectF, colour: QColor) -> None:
    _poly(painter, colour, [(0.25, 0.18), (0.25, 0.82), (0.82, 0.5)], r)


def _pause(painter: QPainter, r: QRectF, colour: QColor) -> None:
    _bars(painter, colour, r, [(0.26, 0.42), (0.58, 0.74)])


def _previous(painter: QPainter, r: QRectF, colour: QColor) -> None:
    _bars(painter, colour, r, [(0.2, 0.3)])
    _poly(painter, colour, [(0.8, 0.2), (0.8, 0.8), (0.32, 0.5)], r)


def _next(painter: QPainter, r: QRectF, colour: QColor) -> None:
    _bars(painter, colour, r, [(0.7, 0.8)])
    _poly(painter, colour, [(0.2, 0.2), (0.2, 0.8), (0.68, 0.5)], r)


def _speaker(painter: QPainter, r: QRectF, colour: QColor) -> None:
    _poly(painter, colour, [(0.12, 0.38), (0.3, 0.38), (0.52, 0.18), (0.52, 0.82), (0.3, 0.62),
                            (0.12, 0.62)], r)  # fmt: skip


def _volume(painter: QPainter, r: QRectF, colour: QColor) -> None:
    _speaker(painter, r, colour)
    pen = QPen(colour, max(1.2, r.width() * 0.08))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    for reach in (0.14, 0.28):
        arc = QRectF(r.x() + (0.52 - reach) * r.width(), r.y() + (0.5 - reach) * r.height(),
                     2 * reach * r.width(), 2 * reach * r.height())  # fmt: skip
        painter.drawArc(arc, -50 * 16, 100 * 16)


def _muted(painter: QPainter, r: QRectF, colour: QColor) -> None:
    _speaker(painter, r, colour)
    pen = QPen(colour, max(1.2, r.width() * 0.08))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    for (x1, y1), (x2, y2) in (((0.62, 0.36), (0.88, 0.64)), ((0.88, 0.36), (0.62, 0.64))):
        painter.drawLine(QPointF(r.x() + x1 * r.width(), r.y() + y1 * r.height()),
                         QPointF(r.x() + x2 * r.width(), r.y() + y2 * r.height()))  # fmt: skip


def _full_screen(painter: QPainter, r: QRectF, colour: QColor) -> None:
    """Four corners pointing out, as video players show it."""
    pen = QPen(colour, max(1.2, r.width() * 0.11))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    low, high, arm = 0.125, 0.875, 0.32
    for x, y, dx, dy in ((low, low, 1, 1), (high, low, -1, 1), (low, high, 1, -1),
                         (high, high, -1, -1)):  # fmt: skip
        corner = QPointF(r.x() + x * r.width(), r.y() + y * r.height())
        painter.drawLine(corner, corner + QPointF(dx * arm * r.width(), 0))
        painter.drawLine(corner, corner + QPointF(0, dy * arm * r.height()))


def _star(filled: bool) -> Draw:
    def draw(painter: QPainter, r: QRectF, colour: QColor) -> None:
        inset = r.width() * 0.075
        paint_star(painter, r.adjusted(inset, inset, -inset, -inset), filled, colour)

    return draw


def play_icon() -> QIcon:
    return glyph(_play)


def pause_icon() -> QIcon:
    return glyph(_pause)


def previous_icon() -> QIcon:
    return glyph(_previous)


def next_icon() -> QIcon:
    return glyph(_next)


def volume_icon(muted: bool) -> QIcon:
    return glyph(_muted if muted else _volume)


def full_screen_icon() -> QIcon:
    return glyph(_full_screen)


def star_icon(filled: bool) -> QIcon:
    return glyph(_star(filled))
