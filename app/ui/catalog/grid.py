"""A grid of cards that asks for the next page as the user nears the bottom."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import cast

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QMouseEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from app.core import Title, YouTubeVideo
from app.ui.catalog.card_face import lay_out_as_cards
from app.ui.catalog.delegate import CARD_SIZE, CardDelegate, star_rect
from app.ui.catalog.model import CatalogModel, FavouriteRole, PosterRole

LAY_OUT_AT_ONCE = 6  # cards' text laid out ahead per turn of the loop (~0.15 ms each)
SPLIT_AT_MOST = 8  # parts of a region painted apart; beyond that, the bounding rectangle


def paint_parts(event: QPaintEvent) -> list[QPaintEvent]:
    """The event as QListView should take it. It paints every card under the bounding rectangle
    of what needs painting: two posters in at once at opposite corners repainted the whole
    screen of cards. Apart, each part paints only its own cards."""
    region = event.region()
    count = region.rectCount()
    if count < 2 or count > SPLIT_AT_MOST:
        return [event]
    rects = list(cast(Iterable[QRect], region))  # PySide6 iterates it; its stubs do not say so
    bounds = region.boundingRect()
    area = sum(rect.width() * rect.height() for rect in rects)
    if area * 2 > bounds.width() * bounds.height():
        return [event]  # mostly the same cards: once is cheaper
    return [QPaintEvent(rect) for rect in rects]


class CatalogGrid(QListView):
    near_end = Signal()
    title_activated = Signal(object)  # Title
    video_activated = Signal(object)  # YouTubeVideo
    favourite_toggled = Signal(object, bool)  # Title, now a favourite
    posters_painted = Signal()  # once watched: a paint has shown cards, each with its poster

    def __init__(self, model: CatalogModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Rows appended since the last layout, when nothing else changed: the first of them.
        self._appended_from: int | None = None
        self._laid_out: tuple[QSize, int] | None = None  # the viewport's size and scroll then
        self._changed_meanwhile: list[tuple[int, int]] = []  # rows changed before that layout
        self.setModel(model)
        self._delegate = CardDelegate(self)
        self.setItemDelegate(self._delegate)
        # New cards' text is laid out a few at a time before they show: a page scrolled into
        # view then paints its cards without measuring their words in the same turn.
        self._to_lay_out: list[Title | YouTubeVideo] = []
        self._lay_out_timer = QTimer(self)
        self._lay_out_timer.setSingleShot(True)
        self._lay_out_timer.timeout.connect(self._lay_out_some)
        model.rowsInserted.connect(self._lay_out_later)
        for change in (model.rowsRemoved, model.rowsMoved, model.layoutChanged, model.modelReset):
            change.connect(self._rows_changed)
        lay_out_as_cards(self)
        self.setMouseTracking(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalScrollBar().setSingleStep(24)
        self.verticalScrollBar().valueChanged.connect(self._check_end)
        self.verticalScrollBar().rangeChanged.connect(lambda *_: self._check_end())
        self.activated.connect(self._activate)
        self.doubleClicked.connect(self._activate)
        # Set where the account's lists exist: the card's menu puts its title in one.
        self.list_menu: Callable[[CatalogGrid, Title, QPoint], None] | None = None
        self.painted_with_posters = False
        self._watching = False

    def _lay_out_later(self, _parent: QModelIndex, first: int, last: int) -> None:
        model = self.catalog_model()
        self._to_lay_out.extend(model.item(row) for row in range(first, last + 1))
        self._lay_out_timer.start(0)

    def rowsInserted(
        self, parent: QModelIndex | QPersistentModelIndex, first: int, last: int
    ) -> None:
        appended = not parent.isValid() and last == self.model().rowCount() - 1
        if not appended:
            self._rows_changed()
        elif self._appended_from is None and self._laid_out is not None:
            self._appended_from = first
        super().rowsInserted(parent, first, last)

    def dataChanged(
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        # While a layout is pending Qt paints no change, leaving it to the layout's repaint of
        # everything: the partial repaint after an append must cover these rows too.
        if self._appended_from is not None:
            self._changed_meanwhile.append((top_left.row(), bottom_right.row()))
        super().dataChanged(top_left, bottom_right, roles)

    def _rows_changed(self, *_: object) -> None:
        self._laid_out = None  # the next layout repaints everything

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._rows_changed()
        super().resizeEvent(event)

    def doItemsLayout(self) -> None:
        """Qt lays every card out again after any change and repaints the whole view. When the
        only change is cards appended at the end, the cards on screen stay where they were:
        then only the new cards that show are repainted (a page appended below the view
        repainted the screen of cards above it, 5-10 ms)."""
        appended_from, self._appended_from = self._appended_from, None
        changed, self._changed_meanwhile = self._changed_meanwhile, []
        before, viewport = self._laid_out, self.viewport()
        if appended_from is None or before is None:
            super().doItemsLayout()
        else:
            viewport.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, True)
            try:
                super().doItemsLayout()
            finally:
                viewport.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, False)
        now = (viewport.size(), self.verticalScrollBar().value())
        self._laid_out = now
        if appended_from is not None and before is not None:
            if now != before:  # a scroll bar came or the view scrolled: all of it moved
                viewport.update()
            else:
                self._update_after_append(appended_from, changed)

    def _update_after_append(self, appended_from: int, changed: list[tuple[int, int]]) -> None:
        """The new cards that show, and the cards changed while the layout was pending."""
        viewport, model = self.viewport(), self.model()
        top = self.visualRect(model.index(appended_from, 0)).top()
        if top < viewport.height():
            viewport.update(QRect(0, top, viewport.width(), viewport.height() - top))
        for first, last in changed:  # their lines of cards (Qt cuts that to the view)
            upper = self.visualRect(model.index(first, 0)).top()
            lower = self.visualRect(model.index(last, 0)).bottom()
            span = QRect(0, upper, viewport.width(), lower - upper + 1)
            if span.intersects(viewport.rect()):
                viewport.update(span)

    def _lay_out_some(self) -> None:
        some, self._to_lay_out = (
            self._to_lay_out[:LAY_OUT_AT_ONCE],
            self._to_lay_out[LAY_OUT_AT_ONCE:],
        )
        font = self.font()
        for item in some:
            self._delegate.lay_out(item, font)
        if self._to_lay_out:
            self._lay_out_timer.start(0)

    def watch_posters_painted(self) -> None:
        """From now until it happens, each paint looks whether every card in view has been
        painted with its poster, and says so once (`posters_painted`): start-up waits for it."""
        self._watching = not self.painted_with_posters

    def paintEvent(self, event: QPaintEvent) -> None:
        for part in paint_parts(event):
            super().paintEvent(part)
        if self._watching and self._posters_shown():
            self._watching = False
            self.painted_with_posters = True
            self.posters_painted.emit()

    def _posters_shown(self) -> bool:
        """Every card in view was just painted with its poster (and there is at least one)."""
        # The viewport's area, scroll bars included; not viewport(): PySide6 would build the
        # Python types of every QWidget subclass (~30 ms) to wrap it on the first paint.
        area = QRect(QPoint(0, 0), self.contentsRect().size())
        model = self.catalog_model()
        shown = False
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            rect = self.visualRect(index)
            if rect.top() > area.bottom():
                break  # rows are laid out top to bottom: the rest are below the view
            if rect.intersects(area):
                if index.data(PosterRole) is None:
                    return False
                shown = True
        return shown

    def catalog_model(self) -> CatalogModel:
        model = self.model()
        assert isinstance(model, CatalogModel)
        return model

    def _on_star(self, event: QMouseEvent) -> QModelIndex | None:
        index = self.indexAt(event.position().toPoint())
        if (
            index.isValid()
            and event.button() == Qt.MouseButton.LeftButton
            and index.data(FavouriteRole) is not None
            and star_rect(self.visualRect(index)).contains(event.position().toPoint())
        ):
            return index
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self._on_star(event)
        if index is None:
            super().mousePressEvent(event)
            return
        title = self.catalog_model().item(index.row())
        self.favourite_toggled.emit(title, not index.data(FavouriteRole))
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._on_star(event) is None:  # a quick second click on the star is not "open"
            super().mouseDoubleClickEvent(event)
        else:
            self.mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        by_mouse = event.reason() == QContextMenuEvent.Reason.Mouse
        index = self.indexAt(event.pos()) if by_mouse else self.currentIndex()
        item = self.catalog_model().item(index.row()) if index.isValid() else None
        if self.list_menu is None or not isinstance(item, Title):
            super().contextMenuEvent(event)
            return
        # From the keyboard (the menu key) the menu opens at the current card, not the pointer.
        at = (
            event.globalPos()
            if by_mouse
            else self.viewport().mapToGlobal(self.visualRect(index).center())
        )
        self.list_menu(self, item, at)
        event.accept()

    def _check_end(self, *_: object) -> None:
        bar = self.verticalScrollBar()
        if bar.maximum() - bar.value() < CARD_SIZE.height() * 2:
            self.near_end.emit()

    def _activate(self, index: QModelIndex) -> None:
        item = self.catalog_model().item(index.row())
        if isinstance(item, Title):
            self.title_activated.emit(item)
        elif isinstance(item, YouTubeVideo):
            self.video_activated.emit(item)
