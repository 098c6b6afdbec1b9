"""How a catalogue card looks, from a plain `CardFace`: the grid's delegate and a warm start's
first paint (app.ui.first_paint) both paint through here, so the two cannot drift apart. Qt and
the theme only: this loads before the app's data types do."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QLinearGradient,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import QAbstractItemView, QListView

from app.ui import theme
from app.ui.catalog.card_text import CardTexts
from app.ui.theme import paint_focus_ring
from app.ui.widgets.star import paint_star

POSTER_SIZE = QSize(168, 240)
CARD_SIZE = QSize(POSTER_SIZE.width() + 16, POSTER_SIZE.height() + 78)
# On the poster itself, so the same in every theme: readable with white text over any picture.
BADGE_COLOURS = {  # one colour per list (app.core.account.Collection's values)
    "PLANNED": QColor(52, 101, 164, 225),
    "WATCHING": QColor(46, 139, 87, 225),
    "WATCHED": QColor(90, 90, 96, 225),
    "POSTPONED": QColor(196, 128, 20, 225),
    "ABANDONED": QColor(150, 50, 56, 225),
}
_WHITE = QColor("white")


@dataclass(frozen=True, slots=True)
class CardFace:
    """What a card shows, as text already in the interface's language."""

    seed: int  # the item's id: its placeholder's colour
    name: str
    detail: str  # "12 episodes · Ongoing", or "YouTube · date"
    ongoing: bool = False
    video: bool = False
    favourite: bool | None = None  # None: no star on this card
    collection: str | None = None  # the account's list, by its value
    badge: str = ""  # that list's label


@dataclass(frozen=True, slots=True)
class CardState:
    selected: bool = False
    hovered: bool = False
    focused: bool = False


def placeholder_colour(seed: int) -> QColor:
    """A title's own muted colour, shown until its poster is in."""
    return QColor.fromHsv((seed * 47) % 360, 90, 90)


def draw_cropped(painter: QPainter, rect: QRect, image: QImage) -> None:
    """The image's centre, filling `rect` (images are scaled to cover their slot, in device
    pixels: the source is the slot's size times the image's pixel ratio, drawn 1:1)."""
    ratio = image.devicePixelRatio()
    source = QRectF(0, 0, rect.width() * ratio, rect.height() * ratio)
    source.moveCenter(QRectF(image.rect()).center())
    painter.drawImage(QRectF(rect), image, source)


def star_rect(card: QRect) -> QRect:
    """Where a card's favourite star sits (the poster's top-left corner); clicks there toggle it."""
    return QRect(card.x() + 12, card.y() + 12, 30, 30)


def lay_out_as_cards(view: QListView) -> None:
    """A list view as the catalogue's grid of cards: the real grid and a warm start's kept page
    set up alike, so their cards sit at the same places."""
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setMovement(QListView.Movement.Static)
    view.setUniformItemSizes(True)
    view.setGridSize(CARD_SIZE)
    view.setSpacing(0)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)


def text_width(cell: QRect) -> int:
    """The width of a card's text in `cell` (the card's margin and the text's own inside it)."""
    return cell.width() - 8 - 12


class CardPainter:
    """Paints cards; keeps the badge's font and each label's width, as painting runs per card."""

    def __init__(self) -> None:
        self._badge_font: QFont | None = None
        self._badge_widths: dict[str, int] = {}
        self._badge_height = 0
        self._texts = CardTexts()  # each card's lines, laid out once, not at every paint

    def paint(
        self,
        painter: QPainter,
        cell: QRect,
        face: CardFace,
        image: QImage | None,
        look: tuple[QFont, QPalette],
        state: CardState = CardState(),
    ) -> None:
        font, palette = look
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = cell.adjusted(4, 4, -4, -4)
        if state.selected or state.hovered:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.selection_fill())
            painter.drawRoundedRect(rect, 8, 8)
        poster = QRect(rect.x() + 4, rect.y() + 4, POSTER_SIZE.width(), POSTER_SIZE.height())
        if face.video:
            height = POSTER_SIZE.width() * 9 // 16
            poster.setTop(poster.top() + (POSTER_SIZE.height() - height) // 2)
            poster.setHeight(height)
        _paint_poster(painter, poster, face, image)
        if face.favourite or (face.favourite is not None and state.hovered):
            _paint_star(painter, star_rect(cell), bool(face.favourite))
        if face.collection in BADGE_COLOURS:
            self._paint_badge(painter, poster, face, font)
        text_rect = QRect(rect.x() + 6, poster.bottom() + 6, text_width(cell), 40)
        if face.video:
            text_rect.moveTop(rect.y() + POSTER_SIZE.height() + 10)
        self._paint_text(painter, text_rect, face, font, palette)
        if state.focused:  # the keyboard's card, while the grid has focus
            paint_focus_ring(painter, rect, 8, on_accent=False)
        painter.restore()

    def lay_out(self, face: CardFace, font: QFont, cell: QSize) -> None:
        """Lays the card's text out now, so that its first paint only draws it."""
        self._texts.get(font, text_width(QRect(QPoint(0, 0), cell)), face.name, face.detail)

    def _paint_text(
        self, painter: QPainter, rect: QRect, face: CardFace, base: QFont, palette: QPalette
    ) -> None:
        text = self._texts.get(base, rect.width(), face.name, face.detail)
        painter.setFont(text.bold)
        painter.setPen(palette.text().color())
        y = rect.top()
        for line in text.lines:
            painter.drawStaticText(QPoint(rect.x(), y), line)
            y += text.height
        painter.setFont(text.small)
        painter.setPen(palette.placeholderText().color())
        painter.drawStaticText(QPoint(rect.x(), y + 2), text.detail)

    def _paint_badge(self, painter: QPainter, poster: QRect, face: CardFace, base: QFont) -> None:
        """The list the title is in, at the poster's bottom left (the star is at the top)."""
        if self._badge_font is None:
            self._badge_font = QFont(base)
            self._badge_font.setPointSizeF(base.pointSizeF() * 0.85)
            self._badge_font.setBold(True)
            self._badge_height = QFontMetrics(self._badge_font).height() + 6
        text = face.badge
        width = self._badge_widths.get(text)
        if width is None:
            width = QFontMetrics(self._badge_font).horizontalAdvance(text) + 14
            self._badge_widths[text] = width
        height = self._badge_height
        badge = QRect(poster.x() + 6, poster.bottom() - 6 - height, width, height)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BADGE_COLOURS[face.collection or ""])
        painter.drawRoundedRect(badge, 5, 5)
        painter.setPen(_WHITE)
        painter.setFont(self._badge_font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


def _paint_star(painter: QPainter, rect: QRect, filled: bool) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 150))
    painter.drawEllipse(rect)
    paint_star(painter, QRectF(rect).adjusted(6, 5.5, -6, -6.5), filled, QColor("white"))
    painter.restore()


def _paint_poster(painter: QPainter, rect: QRect, face: CardFace, image: QImage | None) -> None:
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    if image is not None and not image.isNull():
        draw_cropped(painter, rect, image)
    else:
        colour = placeholder_colour(face.seed)
        gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
        gradient.setColorAt(0, colour.lighter(130))
        gradient.setColorAt(1, colour.darker(180))
        painter.setBrush(gradient)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(QColor(255, 255, 255, 200))
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, (face.name[:1] or "?").upper())
    if face.video:
        badge = QRect(rect.x() + 6, rect.y() + 6, 22, 16)
        painter.setBrush(QColor("#ff0000"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(badge, 4, 4)
        painter.setBrush(QColor("white"))
        cx, cy = badge.center().x(), badge.center().y()
        painter.drawPolygon([QPoint(cx - 3, cy - 4), QPoint(cx - 3, cy + 4), QPoint(cx + 4, cy)])
    elif face.ongoing:
        painter.setBrush(QColor(theme.current().accent))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(rect.right() - 16, rect.top() + 6, 10, 10)
    painter.restore()
