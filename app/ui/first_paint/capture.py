"""The kept record made from the running window: what the start page's first screen shows now,
written off the UI thread, for the next start's first paint (app.ui.first_paint.start)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from app.ui.catalog.card_face import CARD_SIZE
from app.ui.catalog.delegate import card_face
from app.ui.catalog.model import CollectionRole, FavouriteRole, image_url
from app.ui.first_paint import FILE_NAME
from app.ui.first_paint.record import KeptCard, KeptPage, KeptRail, KeptShelfCard
from app.ui.first_paint.record import write as write_record
from app.ui.first_paint.start import api_of, current_key
from app.ui.pages.catalog_page import CatalogPage
from app.ui.pages.continue_shelf import shelf_face
from app.ui.window_fit import first_size

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

log = logging.getLogger(__name__)
_writing = threading.Lock()  # writers (the refresh's, shutdown's) share one `.part` file


def _rail(window: MainWindow) -> KeptRail:
    rail = window.rail
    items = [rail.list.item(row) for row in range(rail.list.count())]
    account = rail.account_button
    return KeptRail(
        tuple((item.text(), item.isHidden()) for item in items),
        rail.settings_button.text(), None if account.isHidden() else account.text(),
    )  # fmt: skip


def _menus(window: MainWindow) -> tuple[str, ...]:
    return tuple(action.text() for action in window.menuBar().actions())


def _shelf(window: MainWindow) -> tuple[KeptShelfCard, ...]:
    shelf = window.shelf
    if shelf is None or shelf.isHidden():
        return ()
    files = window.services.posters.disk_file
    return tuple(
        KeptShelfCard(shelf_face(item), files(item.title.poster.thumbnail).name)
        for item in shelf.items()
    )


def capture(window: MainWindow) -> KeptPage | None:
    """The start page's first screen, if it is one to keep: painted with its posters, in a
    window of the size it is made with (a resized one lays its cards out otherwise)."""
    page = window.page_for("updates", CatalogPage)
    grid, model = page.grid, page.model
    state = window.windowState() & ~Qt.WindowState.WindowActive
    if not grid.painted_with_posters or state != Qt.WindowState.WindowNoState:
        return None
    if window.size() != first_size(window.screen()) or window.shelf is None:
        return None
    view = grid.viewport().size()
    columns = max(1, view.width() // CARD_SIZE.width())
    lines = -(-view.height() // CARD_SIZE.height())
    files = window.services.posters.disk_file
    cards: list[KeptCard] = []
    for row in range(min(model.rowCount(), columns * lines)):
        index = model.index(row, 0)
        face = card_face(model.item(row), index.data(FavouriteRole), index.data(CollectionRole))
        cards.append(KeptCard(face, files(image_url(model.item(row))).name))
    api = api_of(window.services.settings)
    return KeptPage(
        current_key(api, window.size(), window.devicePixelRatio()),
        window.windowTitle(), _menus(window), _rail(window), page.heading.text(),
        window.shelf.heading.text(), _shelf(window), model.rowCount(), tuple(cards),
    )  # fmt: skip


def _write(path: Path, page: KeptPage | None) -> None:
    posters = path.parent / "posters"
    try:
        with _writing:
            if page is not None and all((posters / name).is_file() for name in page.posters()):
                write_record(path, page)
            else:  # an older record would show a page that is no longer the first
                path.unlink(missing_ok=True)
    except OSError as error:
        log.warning("the first page could not be kept: %s", error)


def captured(window: MainWindow) -> KeptPage | None:
    try:
        return capture(window)
    except Exception:  # a record is a nicety: never a failure of the app
        log.exception("the first page could not be captured")
        return None


def keep(window: MainWindow, cache: Path, wait: bool = False) -> None:
    """Captures now and writes on a thread (`wait`: and waits for it, as at shutdown)."""
    write_later(captured(window), cache, wait)


def write_later(page: KeptPage | None, cache: Path, wait: bool = False) -> None:
    """Writes `page` on a thread (None: removes the record)."""
    thread = threading.Thread(target=_write, args=(cache / FILE_NAME, page), name="libria-keep")
    thread.start()
    if wait:
        thread.join()
