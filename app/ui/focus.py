"""Keyboard focus on the pages: where it goes when a page is shown, and a current item in every
list as soon as it has rows, so that the arrows and Enter work at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QWidget,
)
from shiboken6 import Shiboken


def first_index(view: QAbstractItemView) -> QModelIndex:
    """The first row a user can choose (a disabled tile, e.g. the open title, is skipped)."""
    model = view.model()
    if model is None:
        return QModelIndex()
    column = 0
    if isinstance(view, QTableView):  # the first column shown (a list model has only one)
        columns = range(view.horizontalHeader().count())
        column = next((c for c in columns if not view.isColumnHidden(c)), 0)
    wanted = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    for row in range(model.rowCount(QModelIndex())):
        if isinstance(view, QListView) and view.isRowHidden(row):
            continue
        index = model.index(row, column)
        if index.flags() & wanted == wanted:
            return index
    return QModelIndex()


def choose_first(view: QAbstractItemView) -> None:
    """A current (and selected) first item for a view that has none, so that Enter and the
    arrows work at once."""
    if not view.currentIndex().isValid():
        first = first_index(view)
        if first.isValid():
            view.setCurrentIndex(first)


def follow_current(scroller: QScrollArea, tiles: QListWidget) -> None:
    """Arrows through tiles as tall as their rows (a page scrolls, not the list) scroll the page
    to the current one. Not the first one set: a page opens at its top."""

    def follow(current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if current is None or previous is None or not tiles.hasFocus():
            return
        rect = tiles.visualItemRect(current)
        content = scroller.widget()
        if content is not None:
            centre = tiles.viewport().mapTo(content, rect.center())
            scroller.ensureVisible(centre.x(), centre.y(), 50, rect.height())

    tiles.currentItemChanged.connect(follow)


def takes_focus(widget: QWidget | None) -> bool:
    return (
        widget is not None
        and Shiboken.isValid(widget)
        and widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )


class PageFocus(QObject):
    """Where the focus goes as the window's stack changes page: back on a page, where it was
    (e.g. the card opened before); on a page seen for the first time, its main list, grid or
    field (`target`). A hidden target (a grid behind "Loading…") takes it once it is shown.
    While `keep()` holds (the user walks the rail with the arrows) the focus stays put."""

    def __init__(
        self,
        stack: QStackedWidget,
        target: Callable[[QWidget], QWidget | None],
        keep: Callable[[], bool],
    ) -> None:
        super().__init__(stack)
        self._stack = stack
        self._target = target
        self._keep = keep
        self._shown: QWidget | None = None
        self._last: dict[QWidget, QWidget] = {}  # page -> the widget last focused on it
        self._choosing = False
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        stack.currentChanged.connect(self._page_shown)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Only the shown page's own moves: the stack hands the focus to the next page's first
        # widget while it switches, before `_page_shown` puts it where it belongs.
        shown = self._shown
        if new is not None and shown is not None and shown.isAncestorOf(new):
            self._last[shown] = new
            if isinstance(new, QAbstractItemView):
                choose_first(new)

    def _track(self, page: QWidget) -> None:
        """A list's rows often arrive after it got the focus (pages load once shown)."""
        for view in page.findChildren(QAbstractItemView):
            model = view.model()
            if model is not None and not model.property("focusTracked"):
                model.setProperty("focusTracked", True)
                model.rowsInserted.connect(self._rows_arrived)
                model.modelReset.connect(self._rows_arrived)

    def _rows_arrived(self) -> None:
        # After the whole batch (a table fills row by row, then sorts): its first row then.
        if not self._choosing:
            self._choosing = True
            QTimer.singleShot(0, self._choose_after_rows)

    def _choose_after_rows(self) -> None:
        self._choosing = False
        view = QApplication.focusWidget()
        shown = self._shown
        if isinstance(view, QAbstractItemView) and shown is not None and shown.isAncestorOf(view):
            choose_first(view)

    def _page_shown(self, index: int) -> None:
        page = self._stack.widget(index)
        self._shown = page
        if page is None:
            return
        self._track(page)
        if self._keep():
            return
        last = self._last.get(page)
        if last is not None and takes_focus(last) and page.isAncestorOf(last):
            last.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        target = self._target(page)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
