"""Paints one catalogue card: poster (or a placeholder), name, episodes and status."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.core import Title, TitleStatus, YouTubeVideo
from app.core.account import Collection
from app.ui import labels, theme
from app.ui.catalog.card_text import CardTexts
from app.ui.catalog.model import POSTER_SIZE, CollectionRole, FavouriteRole, ItemRole, PosterRole
from app.ui.theme import paint_focus_ring
from app.ui.widgets.star import paint_star

CARD_SIZE = QSize(POSTER_SIZE.width() + 16, POSTER_SIZE.height() + 78)
# On the poster itself, so the same in every theme: readable with white text over any picture.
_BADGE_COLOURS = {  # one colour per list
    Collection.PLANNED: QColor(52, 101, 164, 225),
    Collection.WATCHING: QColor(46, 139, 87, 225),
    Collection.WATCHED: QColor(90, 90, 96, 225),
    Collection.POSTPONED: QColor(196, 128, 20, 225),
    Collection.ABANDONED: QColor(150, 50, 56, 225),
}
_WHITE = QColor("white")


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


class CardDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The badge's font and each label's width, made once: painting runs for every card.
        self._badge_font: QFont | None = None
        self._badge_widths: dict[str, int] = {}
        self._badge_height = 0
        self._texts = CardTexts()  # each card's lines, laid out once, not at every paint

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return CARD_SIZE

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = index.data(ItemRole)
        if item is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(4, 4, -4, -4)
        state = option.state
        if state & QStyle.StateFlag.State_Selected or state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.selection_fill())
            painter.drawRoundedRect(rect, 8, 8)
        poster_rect = QRect(rect.x() + 4, rect.y() + 4, POSTER_SIZE.width(), POSTER_SIZE.height())
        if isinstance(item, YouTubeVideo):
            height = POSTER_SIZE.width() * 9 // 16
            poster_rect.setTop(poster_rect.top() + (POSTER_SIZE.height() - height) // 2)
            poster_rect.setHeight(height)
        self._paint_poster(painter, poster_rect, item, index.data(PosterRole))
        favourite = index.data(FavouriteRole)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        if favourite or (favourite is not None and hovered):
            self._paint_star(painter, star_rect(option.rect), bool(favourite))
        collection = index.data(CollectionRole)  # a plain str once through Qt's variant
        if collection is not None:
            self._paint_badge(painter, poster_rect, Collection(collection), option.font)
        text_rect = QRect(rect.x() + 6, poster_rect.bottom() + 6, rect.width() - 12, 40)
        if isinstance(item, YouTubeVideo):
            text_rect.moveTop(rect.y() + POSTER_SIZE.height() + 10)
        self._paint_text(painter, text_rect, option, item)
        if state & QStyle.StateFlag.State_HasFocus:  # the keyboard's card, while the grid has focus
            paint_focus_ring(painter, rect, 8, on_accent=False)
        painter.restore()

    @staticmethod
    def _paint_star(painter: QPainter, rect: QRect, filled: bool) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 150))
        painter.drawEllipse(rect)
        paint_star(painter, QRectF(rect).adjusted(6, 5.5, -6, -6.5), filled, QColor("white"))
        painter.restore()

    def _paint_badge(
        self, painter: QPainter, poster: QRect, collection: Collection, base: QFont
    ) -> None:
        """The list the title is in, at the poster's bottom left (the star is at the top)."""
        if self._badge_font is None:
            self._badge_font = QFont(base)
            self._badge_font.setPointSizeF(base.pointSizeF() * 0.85)
            self._badge_font.setBold(True)
            self._badge_height = QFontMetrics(self._badge_font).height() + 6
        text = labels.collection(collection)  # asked each time: the language may change
        width = self._badge_widths.get(text)
        if width is None:
            width = QFontMetrics(self._badge_font).horizontalAdvance(text) + 14
            self._badge_widths[text] = width
        height = self._badge_height
        badge = QRect(poster.x() + 6, poster.bottom() - 6 - height, width, height)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_BADGE_COLOURS[collection])
        painter.drawRoundedRect(badge, 5, 5)
        painter.setPen(_WHITE)
        painter.setFont(self._badge_font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def _paint_poster(
        self, painter: QPainter, rect: QRect, item: Title | YouTubeVideo, image: QImage | None
    ) -> None:
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        if image is not None and not image.isNull():
            draw_cropped(painter, rect, image)
        else:
            colour = placeholder_colour(item.id)
            gradient = QLinearGradient(rect.topLeft(), rect.bottomLeft())
            gradient.setColorAt(0, colour.lighter(130))
            gradient.setColorAt(1, colour.darker(180))
            painter.setBrush(gradient)
            painter.drawRoundedRect(rect, 6, 6)
            name = labels.name(item.names) if isinstance(item, Title) else item.title
            painter.setPen(QColor(255, 255, 255, 200))
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 2.4)
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, (name[:1] or "?").upper())
        if isinstance(item, YouTubeVideo):
            badge = QRect(rect.x() + 6, rect.y() + 6, 22, 16)
            painter.setBrush(QColor("#ff0000"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(badge, 4, 4)
            painter.setBrush(QColor("white"))
            cx, cy = badge.center().x(), badge.center().y()
            painter.drawPolygon(
                [QPoint(cx - 3, cy - 4), QPoint(cx - 3, cy + 4), QPoint(cx + 4, cy)]
            )
        elif isinstance(item, Title) and item.status is TitleStatus.ONGOING:
            painter.setBrush(QColor(theme.current().accent))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(rect.right() - 16, rect.top() + 6, 10, 10)
        painter.restore()

    def _paint_text(
        self,
        painter: QPainter,
        rect: QRect,
        option: QStyleOptionViewItem,
        item: Title | YouTubeVideo,
    ) -> None:
        palette = option.palette
        name = labels.name(item.names) if isinstance(item, Title) else item.title
        if isinstance(item, Title):
            parts = [labels.episodes(item), labels.status(item.status, item.status_label)]
        else:
            parts = ["YouTube", labels.date(item.timestamp)]
        detail = " · ".join(p for p in parts if p)
        text = self._texts.get(option.font, rect.width(), name, detail)
        painter.setFont(text.bold)
        painter.setPen(palette.text().color())
        y = rect.top()
        for line in text.lines:
            painter.drawStaticText(QPoint(rect.x(), y), line)
            y += text.height
        painter.setFont(text.small)
        painter.setPen(palette.placeholderText().color())
        painter.drawStaticText(QPoint(rect.x(), y + 2), text.detail)
