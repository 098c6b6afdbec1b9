"""A floor for the start-up benchmark: the least a window of Libria's first page can be in PySide6,
with none of the app's own code. A main window with a menu bar, a navigation rail and 30 cards of
text in a grid, reporting at the end of its first paint event as the app's probe does. Given a
folder of kept poster files (usage: lean_window.py [FOLDER]), the cards show them, each decoded at
the size shown on a worker thread while the window is built, and the report waits for the first
paint with every visible card's poster, as the app's warm start does. Beside the bare window, it
shows what PySide6 itself costs for such a page: the `Qt` namespace's enums (made whole at its
first touch), a main window, a menu bar, two item views, text layout, image decoding.
Self-contained, as bare_window.py is (whose report at the first paint it repeats): importing a
shared helper would add to the floor."""

import os
import sys
import threading

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListView,
    QListWidget,
    QMainWindow,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

CARDS = 30
POSTER = QSize(170, 240)
RAIL = ["Каталог", "Поиск", "Расписание", "Лента", "YouTube", "Команда", "Избранное", "История"]

Index = QModelIndex | QPersistentModelIndex
FOLDER = sys.argv[1] if len(sys.argv) > 1 else None
KEPT = sorted(os.listdir(FOLDER))[:CARDS] if FOLDER is not None else []
posters: dict[int, QImage] = {}
# Told by its first bytes, as the app does: left to guess, Qt would load every image plugin.
FORMATS = {b"\xff\xd8": b"jpeg", b"\x89P": b"png", b"RI": b"webp", b"GI": b"gif"}


class Decoded(QObject):
    one = Signal()


def decode_kept(folder: str, decoded: Decoded) -> None:
    for row, name in enumerate(KEPT):
        path = os.path.join(folder, name)
        with open(path, "rb") as file:
            kind = FORMATS.get(file.read(2), b"")
        reader = QImageReader(path, kind)
        reader.setScaledSize(POSTER)
        posters[row] = reader.read()
        decoded.one.emit()


class Cards(QAbstractListModel):
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return CARDS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        shown = role == Qt.ItemDataRole.DisplayRole
        return f"Название тайтла номер {index.row() + 1}" if shown else None


class Card(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(POSTER.width() + 10, POSTER.height() + 60)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        x, y = option.rect.x(), option.rect.y()
        poster = posters.get(index.row())
        if poster is None:
            painter.fillRect(QRect(x, y, POSTER.width(), POSTER.height()), Qt.GlobalColor.darkGray)
        else:
            painter.drawImage(x, y, poster)
        text = QRect(x, y + POSTER.height() + 5, POSTER.width(), 50)
        painter.drawText(text, Qt.TextFlag.TextWordWrap, str(index.data()))


class Grid(QListView):
    painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted and (FOLDER is None or self._with_posters()):
            self.painted = True
            print("LIBRIA_READY", flush=True)
            QTimer.singleShot(0, app.quit)

    def _with_posters(self) -> bool:
        shown = self.viewport().rect()
        visible = [r for r in range(len(KEPT)) if self.visualRect(cards.index(r)).intersects(shown)]
        return bool(visible) and all(r in posters for r in visible)


app = QApplication(sys.argv[:1])
decoded = Decoded()
if FOLDER is not None:
    threading.Thread(target=decode_kept, args=(FOLDER, decoded), daemon=True).start()
window = QMainWindow()
window.menuBar().addMenu("Файл")
window.menuBar().addMenu("Справка")
central = QWidget()
rail = QListWidget()
rail.addItems(RAIL)
rail.setFixedWidth(200)
grid = Grid()
grid.setViewMode(QListView.ViewMode.IconMode)
grid.setUniformItemSizes(True)
grid.setResizeMode(QListView.ResizeMode.Adjust)
cards, card = Cards(), Card()
grid.setModel(cards)
grid.setItemDelegate(card)
decoded.one.connect(grid.viewport().update)
row = QHBoxLayout(central)
row.addWidget(rail)
row.addWidget(grid)
window.setCentralWidget(central)
window.resize(1320, 860)
window.show()
app.exec()
