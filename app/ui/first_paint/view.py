"""The start page as the kept record says it looked, built the way the real page is (the same
rail, margins, style-sheet names and card painters), so the swap to the real one is not seen.
It takes no input: it stands for ~0.3 s while the rest of the app loads (README, Decisions)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenuBar,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.catalog.card_face import CARD_SIZE, CardFace, CardPainter, lay_out_as_cards
from app.ui.first_paint.record import KeptPage, KeptRail
from app.ui.pages.shelf_face import CARD, ShelfFace, paint_shelf_card
from app.ui.rail import NavigationRail
from app.ui.window_fit import FittedCentral

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class _Entry:
    """A rail row as the record has it (the rail asks its entries for these three)."""

    key: str
    text: str
    feature: None = None

    def label(self) -> str:
        return self.text


class _Rows(QAbstractListModel):
    """As many rows as the page had (so the scroll bar is the same); no data."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self._count = count

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self._count

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return None


class _Cards(QStyledItemDelegate):
    def __init__(self, faces: list[tuple[CardFace, QImage]]) -> None:
        super().__init__()
        self._faces = faces
        self._painter = CardPainter()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.row() < len(self._faces):
            face, image = self._faces[index.row()]
            self._painter.paint(painter, option.rect, face, image, (option.font, option.palette))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return CARD_SIZE  # the rows have no data: without this the cells are empty


class _ShelfCards(QStyledItemDelegate):
    def __init__(self, faces: list[tuple[ShelfFace, QImage]]) -> None:
        super().__init__()
        self._faces = faces

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.row() < len(self._faces):
            face, image = self._faces[index.row()]
            paint_shelf_card(painter, option.rect, face, image, (option.font, option.palette))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return CARD


class KeptGrid(QListView):
    """The grid's look (app.ui.catalog.grid.CatalogGrid): cells of CARD_SIZE, no spacing."""

    painted = Signal()  # the end of its first paint: the page with its posters is on screen

    def __init__(self, rows: int, faces: list[tuple[CardFace, QImage]]) -> None:
        super().__init__()
        self.faces = faces
        self._model = _Rows(rows)
        self._delegate = _Cards(faces)
        self.setModel(self._model)
        self.setItemDelegate(self._delegate)
        lay_out_as_cards(self)
        self.painted_once = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted_once:
            self.painted_once = True
            self.painted.emit()


def _plain(text: str) -> QLabel:
    """The record's text as text: rich text would let a record make Qt load any file (<img>)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def _shelf(page: KeptPage, images: list[QImage]) -> QWidget:
    """The continue-watching shelf's look (app.ui.pages.continue_shelf.ContinueShelf)."""
    shelf = QWidget()
    heading = _plain(page.shelf_heading)
    heading.setObjectName("sectionHeading")
    cards = QListWidget()
    cards.setObjectName("shelf")
    cards.setFlow(QListWidget.Flow.LeftToRight)
    cards.setWrapping(False)
    cards.setHorizontalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
    cards.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    cards.setFixedHeight(CARD.height() + 18)
    faces = [(card.face, image) for card, image in zip(page.shelf, images, strict=True)]
    cards.setItemDelegate(_ShelfCards(faces))
    for _ in faces:
        item = QListWidgetItem()
        item.setSizeHint(CARD)
        cards.addItem(item)
    layout = QVBoxLayout(shelf)
    layout.setContentsMargins(0, 0, 0, 8)
    layout.addWidget(heading)
    layout.addWidget(cards)
    return shelf


def _rail(kept: KeptRail) -> NavigationRail:
    rail = NavigationRail(tuple(_Entry(str(row), text) for row, (text, _) in enumerate(kept.rows)))
    for row, (text, hidden) in enumerate(kept.rows):
        item = rail.list.item(row)
        item.setText(text)
        item.setHidden(hidden)
    rail.settings_button.setText(kept.settings)
    if kept.account is not None:
        rail.account_button.setText(kept.account)
        rail.account_button.show()
    rail.list.setCurrentRow(0)  # the start page
    return rail


class KeptView(FittedCentral):
    """The window's central widget until the real one is built (app.ui.main_window)."""

    def __init__(self, page: KeptPage, images: list[QImage]) -> None:
        super().__init__()
        cards = len(page.cards)
        faces = [(card.face, image) for card, image in zip(page.cards, images[:cards], strict=True)]
        self.grid = KeptGrid(page.rows, faces)
        body = QWidget()
        column = QVBoxLayout(body)  # a page's (app.ui.pages.base.Page)
        column.setContentsMargins(20, 16, 20, 8)
        heading = _plain(page.heading)
        heading.setObjectName("pageHeading")
        column.addWidget(heading)
        if page.shelf:
            column.addWidget(_shelf(page, images[cards:]))
        column.addWidget(self.grid, 1)
        layout = QHBoxLayout(self)  # the window's (app.ui.main_window)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(_rail(page.rail))
        layout.addWidget(body, 1)
        # Clicks and keys would reach nothing that works yet; the cursor says "a moment".
        for widget in (self, *self.findChildren(QWidget)):
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.BusyCursor)


_BAR_INPUT = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Shortcut,
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.FocusIn,
}  # fmt: skip


class _InertMenus(QObject):
    """Swallows the kept titles' input: their menus are empty until `attach` fills the bar.
    An event filter, not disabled actions, so the titles keep their colour; on the window too,
    for the Alt that would move the keyboard into the bar. The first title removed (`attach`
    clears the bar) ends it."""

    def __init__(self, bar: QMenuBar, window: QWidget) -> None:
        super().__init__(bar)
        self._watched = (bar, window)
        for watched in self._watched:
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched[0]:
            if event.type() == QEvent.Type.ActionRemoved:
                for each in self._watched:
                    each.removeEventFilter(self)
                self.deleteLater()
                return False
            return event.type() in _BAR_INPUT
        return isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Alt


def kept_menus(window: QWidget, bar: QMenuBar, titles: tuple[str, ...]) -> None:
    """The kept page's menu titles on `bar`, inert until the real menus replace them."""
    for title in titles:
        bar.addMenu(title)
    _InertMenus(bar, window)
