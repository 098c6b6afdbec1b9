"""'Continue watching': a row of cards above the start page's grid, one per title in progress,
the most recently watched first. One click resumes where the user stopped (or starts the next
episode)."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.services.library import ContinueItem, LibraryService
from app.services.posters import PosterService
from app.services.tasks import TaskRunner
from app.ui import accessible, labels
from app.ui.pages.owned_tasks import OwnedTasks
from app.ui.pages.shelf_face import CARD, THUMB, ShelfFace, paint_shelf_card

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
ItemRole = Qt.ItemDataRole.UserRole + 1
REFRESH_DELAY_MS = 400  # progress is saved every few seconds: refresh once per burst


def progress(item: ContinueItem) -> tuple[str, str]:
    """The card's second line: the episode, and where it stopped (or that it is the next)."""
    where = labels.clock(item.position) if item.position > 0 else ""
    return labels.episode(item.episode.number), where or translate("ContinueShelf", "next episode")


def describe(card: QListWidgetItem) -> None:
    """The card's tooltip, and what a screen reader says for it: the title, then the rest."""
    item: ContinueItem = card.data(ItemRole)
    card.setToolTip(labels.name(item.title.names))
    card.setData(accessible.TextRole, card.toolTip())
    episode, where = progress(item)
    if item.position > 0 and item.duration > 0:
        where = translate("ContinueShelf", "stopped at %1 of %2").replace("%1", where)
        where = where.replace("%2", labels.clock(item.duration))
    card.setData(accessible.DescriptionRole, accessible.facts(episode, where))


class ShelfDelegate(QStyledItemDelegate):
    def __init__(self, posters: PosterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._posters = posters

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return CARD

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = index.data(ItemRole)
        if not isinstance(item, ContinueItem):
            return
        image = self._posters.image(item.title.poster.thumbnail, THUMB)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        look = (option.font, option.palette)
        paint_shelf_card(painter, option.rect, shelf_face(item), image, look, hovered, focused)


def shelf_face(item: ContinueItem) -> ShelfFace:
    """The card of `item`, in the interface's language now."""
    done = min(1.0, item.position / item.duration) if item.duration > 0 else None
    name = labels.name(item.title.names)
    return ShelfFace(item.title.id, name, " · ".join(progress(item)), done)


class ContinueShelf(QWidget):
    resume_requested = Signal(object)  # ContinueItem

    def __init__(
        self,
        library: LibraryService,
        posters: PosterService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._loads = OwnedTasks(self, tasks)  # cards land in the list: gone with the shelf
        self.heading = QLabel()
        self.heading.setObjectName("sectionHeading")
        self.cards = QListWidget()
        self.cards.setObjectName("shelf")
        self.cards.setFlow(QListWidget.Flow.LeftToRight)
        self.cards.setWrapping(False)
        self.cards.setHorizontalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.cards.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cards.setFixedHeight(CARD.height() + 18)
        self.cards.setMouseTracking(True)
        self.cards.setItemDelegate(ShelfDelegate(posters, self.cards))
        self.cards.itemClicked.connect(self._clicked)
        self.cards.itemActivated.connect(self._clicked)
        posters.ready.connect(self._poster_ready)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.cards)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        library.progress_changed.connect(self._progress_changed)
        self.hide()  # until something is in progress
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(translate("ContinueShelf", "Continue watching"))
        accessible.name(
            self.cards, self.heading.text(), translate("ContinueShelf", "Enter: resume")
        )
        for row in range(self.cards.count()):
            describe(self.cards.item(row))
        if self.cards.count():  # (the first viewport() is costly: PySide6 makes its types then)
            self.cards.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        self._loads.run(self._load(), name="continue-shelf")

    async def _load(self) -> None:
        self.show_items(await self._library.continue_watching())

    def show_items(self, items: list[ContinueItem]) -> None:
        self.cards.clear()
        for entry in items:
            item = QListWidgetItem()
            item.setData(ItemRole, entry)
            item.setSizeHint(CARD)
            describe(item)
            self.cards.addItem(item)
        self.setVisible(bool(items))

    def _poster_ready(self, _url: str) -> None:
        if self.cards.count():
            self.cards.viewport().update()

    def _progress_changed(self, _title_id: int) -> None:
        self._refresh_timer.start()

    def items(self) -> list[ContinueItem]:
        return [self.cards.item(row).data(ItemRole) for row in range(self.cards.count())]

    def _clicked(self, item: QListWidgetItem) -> None:
        self.resume_requested.emit(item.data(ItemRole))
