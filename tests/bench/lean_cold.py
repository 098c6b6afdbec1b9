"""Floors for the cold start: the least a Python program can do for Libria's first page from an
empty profile. lean_window.py's page, whose 30 cards come from the API: the first page's JSON
(the app's own request), then the posters over QtNetwork (Qt's own threads, six connections), as
the app fetches them, each decoded at the size shown; it reports at the end of the first paint
with every visible card's poster, as the app's probe does. Self-contained, as lean_window.py is.

Usage: lean_cold.py ORIGIN MODE, ORIGIN the demo server's and MODE one of
  qt     the JSON over QtNetwork too: Qt alone, no Python HTTP stack;
  stack  the JSON over httpx on qasync's loop, as the app asks the API (the stack it is built
         on: asyncio, qasync, httpx), and nothing else of the app (no library, no services).
"""

import json
import sys
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QImage, QImageReader, QPainter, QPaintEvent
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
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

ORIGIN, MODE = sys.argv[1], sys.argv[2]
FIRST_PAGE = (
    "/v2/getUpdates?filter=id,code,names,poster,posters,status,type,season,player.series,updated,"
    "last_change,in_favorites,genres,blocked&limit=30&after=0"
)
POSTER = QSize(168, 240)
RAIL = ["Каталог", "Поиск", "Расписание", "Лента", "YouTube", "Команда", "Избранное", "История"]

Index = QModelIndex | QPersistentModelIndex
titles: list[dict[str, Any]] = []  # the API's objects, as JSON gives them
posters: dict[int, QImage] = {}


class Cards(QAbstractListModel):
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return len(titles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        shown = role == Qt.ItemDataRole.DisplayRole
        return titles[index.row()]["names"]["ru"] if shown else None


class Card(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(POSTER.width() + 16, POSTER.height() + 78)

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
        shown = self.viewport().rect()
        visible = [
            r for r in range(len(titles)) if self.visualRect(cards.index(r)).intersects(shown)
        ]
        if not self.painted and visible and all(r in posters for r in visible):
            self.painted = True
            print("LIBRIA_READY", flush=True)
            QTimer.singleShot(0, app.quit)


def poster_in(row: int, reply: QNetworkReply) -> None:
    reader = QImageReader(reply)
    reader.setScaledSize(POSTER)
    posters[row] = reader.read()
    reply.deleteLater()
    if grid is not None:  # else its first paint shows it
        grid.viewport().update()


def page_in(body: bytes) -> None:
    cards.beginResetModel()
    titles.extend(json.loads(body))
    cards.endResetModel()
    for row, title in enumerate(titles):
        asked = network.get(QNetworkRequest(QUrl(ORIGIN + title["poster"]["url"])))
        asked.finished.connect(lambda row=row, asked=asked: poster_in(row, asked))


def failed(why: object) -> None:
    """The floor cannot be measured: said, and the process ends (the benchmark says so)."""
    print(f"lean_cold: {why}", file=sys.stderr, flush=True)
    app.exit(1)


def first_page_over_qt() -> None:
    first = network.get(QNetworkRequest(QUrl(ORIGIN + FIRST_PAGE)))

    def answered() -> None:
        if first.error() != QNetworkReply.NetworkError.NoError:
            failed(first.errorString())
        else:
            page_in(bytes(first.readAll().data()))

    first.finished.connect(answered)


def first_page_over_httpx(build: Any) -> None:
    """The request on its way, then the window built (`build`), then the loop (qasync's) run."""
    import asyncio

    # As app/__init__.py: httpx would import its command-line client.
    sys.modules["httpx._main"] = None  # type: ignore[assignment]
    import httpx
    import qasync

    async def first_page() -> None:
        async with httpx.AsyncClient(verify=False) as client:  # http only: no CA bundle
            page_in((await client.get(ORIGIN + FIRST_PAGE)).content)

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    def ended(done: asyncio.Task[None]) -> None:
        if not done.cancelled() and done.exception() is not None:
            failed(done.exception())

    loop.create_task(first_page()).add_done_callback(ended)
    # As the app's first page (app/ui/first_page.py): the loop turns a moment for the request to
    # be written, so that the server answers while the window is built. Inside the running loop:
    # qasync's run_until_complete() would run what is left of the request after it stopped,
    # outside it (app/ui/event_loop.py), where httpx cannot tell the loop and fails.
    loop.call_later(0.005, build)
    with loop:
        loop.run_forever()


def build() -> None:
    global grid
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
    grid.setModel(cards)
    grid.setItemDelegate(card)
    row = QHBoxLayout(central)
    row.addWidget(rail)
    row.addWidget(grid)
    window.setCentralWidget(central)
    window.resize(1320, 860)
    window.show()


app = QApplication(sys.argv[:1])
network = QNetworkAccessManager()
# The model before the request: with httpx, the answer may come before the window is built.
cards, card = Cards(), Card()
grid: Grid | None = None
window = QMainWindow()
if MODE == "stack":
    first_page_over_httpx(build)
else:
    first_page_over_qt()
    build()
    app.exec()
