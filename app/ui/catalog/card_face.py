"""How a catalogue card looks, from a plain `CardFace`: the grid's delegate and a warm start's
first paint (app.ui.first_paint) both paint through here, so the two cannot drift apart. Qt and
the theme only: this loads before the app's data types do."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QAbstractItemView, QListView

from app.ui import theme
from app.ui.catalog.card_text import CardText, CardTexts
from app.ui.theme import paint_focus_ring
from app.ui.widgets.star import GOLD, star_path

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
_LETTER = QColor(255, 255, 255, 200)
_YOUTUBE_RED = QColor("#ff0000")
_STAR_BUTTON = QColor(0, 0, 0, 150)
# Qt's enum members looked up once: each lookup through PySide's enums costs a few µs a card.
_ANTIALIASING = QPainter.RenderHint.Antialiasing
_NO_PEN = Qt.PenStyle.NoPen
_CENTRED = Qt.AlignmentFlag.AlignCenter
_TEXT = QPalette.ColorRole.Text
_PLACEHOLDER_TEXT = QPalette.ColorRole.PlaceholderText


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


@dataclass(frozen=True, slots=True)
class _Places:
    """Where a card's parts sit, from its top left (the painter is moved to each card): made
    once per card size, not as a dozen QRects at every card's paint."""

    frame: QRect  # the card inside its cell (the selection's fill, the focus ring)
    poster: QRect
    video: QRect  # a video's thumbnail, 16:9 in the middle of the poster's place
    star: QRect
    text: QPoint  # the name's first line
    video_text: QPoint
    dot: QRect  # an ongoing title's dot


def _places(cell: QSize) -> _Places:
    frame = QRect(4, 4, cell.width() - 8, cell.height() - 8)
    poster = QRect(8, 8, POSTER_SIZE.width(), POSTER_SIZE.height())
    height = POSTER_SIZE.width() * 9 // 16
    video = QRect(8, 8 + (POSTER_SIZE.height() - height) // 2, POSTER_SIZE.width(), height)
    return _Places(
        frame, poster, video, star_rect(QRect(QPoint(0, 0), cell)),
        text=QPoint(10, poster.bottom() + 6), video_text=QPoint(10, POSTER_SIZE.height() + 14),
        dot=QRect(poster.right() - 16, poster.top() + 6, 10, 10),
    )  # fmt: skip


class CardPainter:
    """Paints cards, a screen of them at a time (a new screen's first paint is one frame):
    geometry, colours, fonts and laid-out text are made once and kept, so a card's paint is
    mostly Qt's own drawing, not Python building the same objects again."""

    def __init__(self) -> None:
        self._badge_font: QFont | None = None
        self._badge_widths: dict[str, int] = {}
        self._badge_height = 0
        self._texts = CardTexts()  # each card's lines, laid out once, not at every paint
        self._places: dict[tuple[int, int], _Places] = {}
        self._accent: tuple[str, QColor] = ("", QColor())
        self._crops: dict[tuple[int, int, float, bool], QRectF] = {}  # posters' middles

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
        width, height = cell.width(), cell.height()
        places = self._places.get((width, height))
        if places is None:
            places = self._places[width, height] = _places(cell.size())
        painter.save()
        painter.translate(cell.x(), cell.y())
        painter.setRenderHint(_ANTIALIASING)
        painter.setPen(_NO_PEN)
        if state.selected or state.hovered:
            painter.setBrush(theme.selection_fill())
            painter.drawRoundedRect(places.frame, 8, 8)
        poster = places.video if face.video else places.poster
        if image is not None and not image.isNull():
            painter.drawImage(QRectF(poster), image, self._crop(image, face.video))
        else:
            _paint_placeholder(painter, poster, face)
        self._paint_marks(painter, places, face, state)
        if face.collection in BADGE_COLOURS:
            self._paint_badge(painter, poster, face, font)
        text = self._texts.get(font, width - 20, face.name, face.detail)
        _paint_text(painter, places.video_text if face.video else places.text, text, palette)
        if state.focused:  # the keyboard's card, while the grid has focus
            paint_focus_ring(painter, places.frame, 8, on_accent=False)
        painter.restore()

    def _crop(self, image: QImage, video: bool) -> QRectF:
        """The middle of `image` that fills the poster's place, 1:1 in device pixels (as
        `draw_cropped`)."""
        key = (image.width(), image.height(), image.devicePixelRatio(), video)
        source = self._crops.get(key)
        if source is None:
            ratio, width = key[2], POSTER_SIZE.width()
            height = width * 9 // 16 if video else POSTER_SIZE.height()
            source = QRectF(0, 0, width * ratio, height * ratio)
            source.moveCenter(QRectF(0, 0, key[0], key[1]).center())
            self._crops[key] = source
        return source

    def _paint_marks(
        self, painter: QPainter, places: _Places, face: CardFace, state: CardState
    ) -> None:
        """The video's badge or the ongoing title's dot, and the favourite star."""
        if face.video:
            _paint_video_badge(painter, places.video)
        elif face.ongoing:
            accent = theme.current().accent
            if accent != self._accent[0]:
                self._accent = (accent, QColor(accent))
            painter.setBrush(self._accent[1])
            painter.drawEllipse(places.dot)
        if face.favourite or (face.favourite is not None and state.hovered):
            _paint_star(painter, places.star, bool(face.favourite))

    def lay_out(self, face: CardFace, font: QFont, cell: QSize) -> None:
        """Lays the card's text out now, so that its first paint only draws it."""
        self._texts.get(font, text_width(QRect(QPoint(0, 0), cell)), face.name, face.detail)

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
        painter.setPen(_NO_PEN)
        painter.setBrush(BADGE_COLOURS[face.collection or ""])
        painter.drawRoundedRect(badge, 5, 5)
        painter.setPen(_WHITE)
        painter.setFont(self._badge_font)
        painter.drawText(badge, _CENTRED, text)


def _paint_text(painter: QPainter, at: QPoint, text: CardText, palette: QPalette) -> None:
    painter.setFont(text.bold)
    painter.setPen(palette.color(_TEXT))
    x, y = at.x(), at.y()
    for line in text.lines:
        painter.drawStaticText(x, y, line)
        y += text.height
    painter.setFont(text.small)
    painter.setPen(palette.color(_PLACEHOLDER_TEXT))
    painter.drawStaticText(x, y + 2, text.detail)


@cache
def _star_shape(rect: QRect, filled: bool) -> tuple[QPainterPath, QPen, QBrush]:
    """The star on a card's round button, as app.ui.widgets.star paints it: its path is ten
    points of trigonometry, made once per place on the card, not at every card's paint."""
    path = star_path(QRectF(rect).adjusted(6, 5.5, -6, -6.5))
    colour = GOLD if filled else _WHITE
    return path, QPen(colour, 1.6), QBrush(colour) if filled else QBrush()


def _paint_star(painter: QPainter, rect: QRect, filled: bool) -> None:
    painter.setBrush(_STAR_BUTTON)
    painter.drawEllipse(rect)
    path, pen, brush = _star_shape(rect, filled)
    painter.setPen(pen)
    painter.setBrush(brush)
    painter.drawPath(path)
    painter.setPen(_NO_PEN)


def _paint_placeholder(painter: QPainter, rect: QRect, face: CardFace) -> None:
    """The title's own colour and first letter, until its poster is in."""
    colour = placeholder_colour(face.seed)
    gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
    gradient.setColorAt(0, colour.lighter(130))
    gradient.setColorAt(1, colour.darker(180))
    painter.setBrush(gradient)
    painter.drawRoundedRect(rect, 6, 6)
    painter.setPen(_LETTER)
    painter.setFont(_letter_font(painter.font()))
    painter.drawText(rect, _CENTRED, (face.name[:1] or "?").upper())
    painter.setPen(_NO_PEN)


_letter_fonts: list[tuple[QFont, QFont]] = []  # the last base font, and its letter's font


def _letter_font(base: QFont) -> QFont:
    """The placeholder letter's font: made once per base font, not at every placeholder."""
    if not _letter_fonts or base != _letter_fonts[0][0]:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * 2.4)
        font.setBold(True)
        _letter_fonts[:] = [(QFont(base), font)]
    return _letter_fonts[0][1]


def _paint_video_badge(painter: QPainter, rect: QRect) -> None:
    badge = QRect(rect.x() + 6, rect.y() + 6, 22, 16)
    painter.setBrush(_YOUTUBE_RED)
    painter.drawRoundedRect(badge, 4, 4)
    painter.setBrush(_WHITE)
    cx, cy = badge.center().x(), badge.center().y()
    painter.drawPolygon([QPoint(cx - 3, cy - 4), QPoint(cx - 3, cy + 4), QPoint(cx + 4, cy)])
