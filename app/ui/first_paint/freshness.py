"""The kept record follows the start page: once the page is answered it is kept, and again a
moment after what its first screen shows changes (the API's refresh merged in, a favourite
star or a list's badge, the continue shelf), so a session that ends without a clean shutdown
still leaves the page as it last looked. Captured on the UI thread (a few dozen faces), written
on a thread, and only when it differs from what was written last."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from app.ui.catalog.model import PosterRole
from app.ui.first_paint.capture import captured, write_later
from app.ui.pages.catalog_page import CatalogPage

if TYPE_CHECKING:
    from pathlib import Path

    from app.ui.first_paint.record import KeptPage
    from app.ui.main_window import MainWindow

REWRITE_AFTER_MS = 3000  # a burst of changes (a refresh's merge, live updates) is written once


class KeptFresh(QObject):
    def __init__(self, window: MainWindow, cache: Path) -> None:
        super().__init__(window)
        self._window = window
        self._cache = cache
        self._last: KeptPage | None = None
        self.stale = False  # the page changed since the record was last written
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REWRITE_AFTER_MS)
        self._timer.timeout.connect(self._rewrite)
        model = window.page_for("updates", CatalogPage).model
        for changed in (model.rowsInserted, model.rowsRemoved, model.rowsMoved,
                        model.modelReset, model.layoutChanged):  # fmt: skip
            changed.connect(self._changed)
        model.dataChanged.connect(self._data_changed)
        if window.shelf is not None:
            cards = window.shelf.cards.model()
            for changed in (cards.rowsInserted, cards.rowsRemoved, cards.modelReset):
                changed.connect(self._changed)
        page = captured(window)
        if page is None:  # answered by now, perhaps otherwise than the record the last one left
            self.stale = True
        else:
            self._keep(page)

    def _data_changed(self, _first: object, _last: object, roles: Sequence[int] = ()) -> None:
        if list(roles) != [PosterRole]:  # a poster arriving changes nothing kept
            self._changed()

    def _changed(self, *_: object) -> None:
        self.stale = True
        self._timer.start()

    def _rewrite(self) -> None:
        page = captured(self._window)
        if page is None:  # not capturable now (resized, maximised): see `keep_at_exit`
            return
        if page != self._last:
            self._keep(page)
        self.stale = False

    def _keep(self, page: KeptPage | None) -> None:
        self._last = page
        write_later(page, self._cache)


def keep_at_exit(window: MainWindow, cache: Path) -> None:
    """At shutdown, the page as it is now. One that cannot be captured (maximised, resized, on
    another screen, its posters not yet painted) leaves the record as written unless the page
    changed since: a window kept maximised still starts warm. The window always opens at its
    first size (its state is not restored), so a record of that size is the one a start wants;
    a key of "maximised" would be of no use."""
    page = captured(window)
    fresh = window.findChild(KeptFresh)
    if page is None and (fresh is None or not fresh.stale):
        return  # before KeptFresh the page is still being answered: the next start answers it too
    write_later(page, cache, wait=True)
