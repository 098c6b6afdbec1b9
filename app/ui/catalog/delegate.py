"""Paints one catalogue card: poster (or a placeholder), name, episodes and status. The painting
itself is app.ui.catalog.card_face's, shared with a warm start's first paint."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.core import Title, TitleStatus, YouTubeVideo
from app.core.account import Collection
from app.ui import labels
from app.ui.catalog.card_face import (
    CARD_SIZE,
    CardFace,
    CardPainter,
    CardState,
    draw_cropped,
    placeholder_colour,
    star_rect,
)
from app.ui.catalog.model import CollectionRole, FavouriteRole, ItemRole, PosterRole

# Where callers have imported them.
__all__ = ["CARD_SIZE", "CardDelegate", "card_face", "draw_cropped", "placeholder_colour",
           "star_rect"]  # fmt: skip


def card_face(
    item: Title | YouTubeVideo, favourite: bool | None, collection: str | None
) -> CardFace:
    """The card of `item`, in the interface's language now."""
    if isinstance(item, YouTubeVideo):
        detail = " · ".join(p for p in ("YouTube", labels.date(item.timestamp)) if p)
        return CardFace(item.id, item.title, detail, video=True, favourite=favourite)
    parts = (labels.episodes(item), labels.status(item.status, item.status_label))
    listed = Collection(collection) if collection is not None else None
    return CardFace(
        item.id, labels.name(item.names), " · ".join(p for p in parts if p),
        ongoing=item.status is TitleStatus.ONGOING, favourite=favourite,
        collection=listed.value if listed is not None else None,
        badge=labels.collection(listed) if listed is not None else "",
    )  # fmt: skip


class CardDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._painter = CardPainter()

    def lay_out(self, item: Title | YouTubeVideo, font: QFont) -> None:
        """Lays out the card's text before it is first painted (its star and badge are not
        text laid out ahead: the card's face without them will do)."""
        self._painter.lay_out(card_face(item, None, None), font, CARD_SIZE)

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
        # A plain str once through Qt's variant.
        face = card_face(item, index.data(FavouriteRole), index.data(CollectionRole))
        flags = option.state
        state = CardState(
            selected=bool(flags & QStyle.StateFlag.State_Selected),
            hovered=bool(flags & QStyle.StateFlag.State_MouseOver),
            focused=bool(flags & QStyle.StateFlag.State_HasFocus),
        )
        look = (option.font, option.palette)
        self._painter.paint(painter, option.rect, face, index.data(PosterRole), look, state)
