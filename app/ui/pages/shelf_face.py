"""How a 'continue watching' card looks, from a plain `ShelfFace`: the shelf's delegate and a warm
start's first paint both paint through here. Qt and the theme only."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPalette

from app.ui import theme
from app.ui.catalog.card_face import draw_cropped, placeholder_colour
from app.ui.palettes import outlined
from app.ui.theme import paint_focus_ring

CARD = QSize(300, 110)
THUMB = QSize(68, 96)


@dataclass(frozen=True, slots=True)
class ShelfFace:
    seed: int  # the title's id: its placeholder's colour
    name: str
    detail: str  # "Episode 3 · 12:04"
    done: float | None = None  # the share watched, when the episode's length is known


def paint_shelf_card(
    painter: QPainter,
    cell: QRect,
    face: ShelfFace,
    image: QImage | None,
    look: tuple[QFont, QPalette],
    hovered: bool = False,
    focused: bool = False,
) -> None:
    font, palette = look
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    card = cell.adjusted(4, 4, -4, -4)
    painter.setPen(Qt.PenStyle.NoPen)
    colours = theme.current()
    painter.setBrush(QColor(colours.hover if hovered else colours.raised))
    if outlined(colours):
        painter.setPen(QColor(colours.border))
    painter.drawRoundedRect(card, 8, 8)
    painter.setPen(Qt.PenStyle.NoPen)
    if focused:
        paint_focus_ring(painter, card, 8, on_accent=False)
    top = card.y() + (card.height() - THUMB.height()) // 2
    thumb = QRect(card.x() + 6, top, THUMB.width(), THUMB.height())
    if image is not None:
        draw_cropped(painter, thumb, image)
    else:
        painter.setBrush(placeholder_colour(face.seed))
        painter.drawRoundedRect(thumb, 4, 4)
    text = QRect(thumb.right() + 10, card.y() + 8, card.right() - thumb.right() - 18, 0)
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    painter.setFont(bold)
    painter.setPen(palette.text().color())
    name = metrics.elidedText(face.name, Qt.TextElideMode.ElideRight, text.width())
    painter.drawText(QRect(text.x(), text.y(), text.width(), metrics.height()), 0, name)
    painter.setFont(font)
    painter.setPen(palette.placeholderText().color())
    line = metrics.height() + 4
    painter.drawText(QRect(text.x(), text.y() + line, text.width(), line), 0, face.detail)
    if face.done is not None:
        bar = QRect(text.x(), card.bottom() - 18, text.width(), 4)
        painter.setPen(Qt.PenStyle.NoPen)  # a flat bar, not one outlined in the text's colour
        painter.setBrush(QColor(colours.track))
        painter.drawRoundedRect(bar, 2, 2)
        done = QRect(bar)
        done.setWidth(max(2, int(bar.width() * min(1.0, face.done))))
        painter.setBrush(QColor(colours.accent))
        painter.drawRoundedRect(done, 2, 2)
    painter.restore()
