"""A floor for the start-up benchmark: the least a window of Libria's first page can be in PySide6,
with none of the app's own code. A main window with a menu bar, a navigation rail and 30 cards of
text in a grid (no posters: the app's first page also paints 30 of them), reporting at the end of
its first paint event as the app's probe does. Beside the bare window, it shows what PySide6
itself costs for such a page: the `Qt` namespace's enums (made whole at its first touch), a main
window, a menu bar, two item views, text layout. Self-contained, as bare_window.py is (whose
report at the first paint it repeats): importing a shared helper would add to the floor."""

import sys

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QPainter, QPaintEvent
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
        painter.fillRect(QRect(x, y, POSTER.width(), POSTER.height()), Qt.GlobalColor.darkGray)
        text = QRect(x, y + POSTER.height() + 5, POSTER.width(), 50)
        painter.drawText(text, Qt.TextFlag.TextWordWrap, str(index.data()))


class Grid(QListView):
    painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            print("LIBRIA_READY", flush=True)
            QTimer.singleShot(0, app.quit)


app = QApplication(sys.argv[:1])
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
row = QHBoxLayout(central)
row.addWidget(rail)
row.addWidget(grid)
window.setCentralWidget(central)
window.resize(1320, 860)
window.show()
app.exec()
