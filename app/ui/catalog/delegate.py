"""Paints one catalogue card: poster (or a placeholder), name, episodes and status. The painting
itself is app.ui.catalog.card_face's, shared with a warm start's first paint."""

from __future__ import annotations

from enum import Enum

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
from app.ui.catalog.model import CatalogModel, CollectionRole, FavouriteRole, ItemRole, PosterRole
from app.ui.i18n import current_language

FACES_KEPT = 4000  # cards' faces remembered; all are forgotten past this
# The view's state flags as plain bits: Python's enum.Flag operators cost ~5 µs a card.
_SELECTED = QStyle.StateFlag.State_Selected.value
_HOVERED = QStyle.StateFlag.State_MouseOver.value
_FOCUSED = QStyle.StateFlag.State_HasFocus.value
# Each combination of those as a card's state, made once (a dataclass built per card is ~1 µs).
_STATES = {
    bits: CardState(
        selected=bool(bits & _SELECTED),
        hovered=bool(bits & _HOVERED),
        focused=bool(bits & _FOCUSED),
    )
    for bits in (a | b | c for a in (0, _SELECTED) for b in (0, _HOVERED) for c in (0, _FOCUSED))
}
_ANY_STATE = _SELECTED | _HOVERED | _FOCUSED
FaceKey = tuple[object, bool | None, str | None, str]  # item, favourite, list, language
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
        # Each card's face as last painted, by the item's identity: the grid paints a card again
        # and again (posters coming in, hover, scrolling back), and its labels are the same.
        self._faces: dict[int, tuple[FaceKey, CardFace]] = {}

    def _face(
        self, item: Title | YouTubeVideo, favourite: bool | None, listed: str | None
    ) -> CardFace:
        key = (item, favourite, listed, current_language())
        kept = self._faces.get(id(item))
        if kept is not None and kept[0][0] is item and kept[0][1:] == key[1:]:
            return kept[1]
        face = card_face(item, favourite, listed)
        if len(self._faces) >= FACES_KEPT:
            self._faces.clear()
        self._faces[id(item)] = (key, face)  # the key holds the item: its id is not reused
        return face

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
        model = index.model()
        if isinstance(model, CatalogModel):  # one call, not four trips through Qt's variants
            card = model.card(index.row())
            if card is None:
                return
            item, favourite, listed, image = card
        else:
            item = index.data(ItemRole)
            if item is None:
                return
            favourite, listed = index.data(FavouriteRole), index.data(CollectionRole)
            image = index.data(PosterRole)
        face = self._face(item, favourite, listed.value if isinstance(listed, Enum) else listed)
        state = _STATES[option.state.value & _ANY_STATE]
        look = (option.font, option.palette)
        self._painter.paint(painter, option.rect, face, image, look, state)
