"""Downloads: every episode queued, on its way or on disk, by title then episode, with its
progress, size, speed, time left and state; the selected rows can be paused, resumed, retried,
cancelled, deleted (after a question), shown in their folder or played."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDesktopServices, QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QMessageBox,
    QTableView,
    QToolButton,
    QWidget,
)

from app.core.download import DownloadItem, DownloadState
from app.services.state import LoadState
from app.services.tasks import TaskRunner
from app.ui import accessible
from app.ui.downloads.delegate import ProgressDelegate
from app.ui.downloads.model import Column, DownloadsModel
from app.ui.downloads.source import DownloadsSource
from app.ui.pages.base import Page
from app.ui.widgets.confirm import confirm
from app.ui.widgets.state_panel import StatePanel

COLUMN_WIDTHS = {
    Column.EPISODE: 80, Column.PROGRESS: 150, Column.SIZE: 150, Column.SPEED: 100,
    Column.LEFT: 100,
}  # fmt: skip
ACTIVE = (DownloadState.QUEUED, DownloadState.DOWNLOADING)
REFRESH_MS = 2000  # while shown, what `libria download` does in another process shows up


class Act(Enum):
    PLAY = "play"
    PAUSE = "pause"
    RESUME = "resume"
    RETRY = "retry"
    CANCEL = "cancel"
    DELETE = "delete"
    FOLDER = "folder"


class DownloadsTable(QTableView):
    """The rows; Enter plays (the view's `activated`), Delete asks to delete."""

    delete_pressed = Signal()

    def __init__(self, model: DownloadsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("downloads")
        self.setModel(model)
        self.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(34)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        for stretched in (Column.NAME, Column.STATE):  # a long name, a long reason
            header.setSectionResizeMode(stretched, QHeaderView.ResizeMode.Stretch)
        for column, width in COLUMN_WIDTHS.items():  # fixed: no measuring of every row
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and not event.modifiers():
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class DownloadsPage(Page):
    play_requested = Signal(int, float)  # title id, episode: the same path as the title page's

    def __init__(
        self, source: DownloadsSource | None, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._tasks = tasks
        self.model = DownloadsModel(self)
        self.table = DownloadsTable(self.model)
        self.table.activated.connect(self._activated)
        self.table.delete_pressed.connect(self.delete_selected)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.acts = self._make_actions()
        self.state = StatePanel(self.table)
        self.body.addWidget(self._toolbar())
        self.body.addWidget(self.state, 1)
        self.question: QMessageBox | None = None  # the open "delete?" question, if any
        self.menu: QMenu | None = None  # the last context menu
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._show_state)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        if source is not None:
            source.changed.connect(self._changed)
            source.removed.connect(self._removed)
            source.progress.connect(self.model.set_progress)
            source.batch_finished.connect(self.refresh)  # this window's queue is idle again
            self.model.reset(source.items())
        self.retranslate()
        self._show_state()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self.refresh_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.refresh_timer.stop()
        super().hideEvent(event)

    def refresh(self, *_batch: int) -> None:
        """The rows again from the library: another process may have changed them."""
        if self._source is not None:
            self._source.refresh()

    def _make_actions(self) -> dict[Act, QAction]:
        handlers = {
            Act.PLAY: self.play_selected, Act.PAUSE: self.pause_selected,
            Act.RESUME: self.resume_selected, Act.RETRY: self.retry_selected,
            Act.CANCEL: self.cancel_selected, Act.DELETE: self.delete_selected,
            Act.FOLDER: self.open_folder,
        }  # fmt: skip
        actions: dict[Act, QAction] = {}
        for act, handler in handlers.items():
            action = QAction(self)
            action.triggered.connect(handler)
            action.setEnabled(False)
            actions[act] = action
        return actions

    def _toolbar(self) -> QWidget:
        """The actions as buttons; hidden while there is nothing to act on."""
        self.toolbar = QWidget()
        row = QHBoxLayout(self.toolbar)
        row.setContentsMargins(0, 0, 0, 4)
        for act, action in self.acts.items():
            button = QToolButton()
            button.setObjectName(f"download-{act.value}")
            button.setDefaultAction(action)
            row.addWidget(button)
            if act in (Act.PLAY, Act.CANCEL):
                row.addSpacing(12)  # play | the queue's actions | the file's
        row.addStretch(1)
        return self.toolbar

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Downloads"))
        accessible.name(self.table, self.heading.text(), self.tr("Enter: play; Delete: delete"))
        texts = {
            Act.PLAY: self.tr("Play"), Act.PAUSE: self.tr("Pause"), Act.RESUME: self.tr("Resume"),
            Act.RETRY: self.tr("Retry"), Act.CANCEL: self.tr("Cancel download"),
            Act.DELETE: self.tr("Delete file"), Act.FOLDER: self.tr("Open folder"),
        }  # fmt: skip
        for act, text in texts.items():
            self.acts[act].setText(text)
        self.state.empty_text = self.tr("Downloaded episodes will appear here")
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self.model.rowCount():
            last = self.model.index(self.model.rowCount() - 1, len(Column) - 1)
            self.model.dataChanged.emit(self.model.index(0, 0), last)
        self._show_state()

    def _show_state(self) -> None:
        self.toolbar.setVisible(self.model.rowCount() > 0)
        if self.model.rowCount():
            self.state.show_state(LoadState.READY)
            return
        hint = self.tr("Download a season or an episode from a title's page.")
        self.state.show_state(LoadState.EMPTY, hint)

    # ----- what is selected -----

    def selected(self) -> list[DownloadItem]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.item(row) for row in rows]

    def select(self, *item_ids: int) -> None:
        """Selects these rows (the first one current), as a click and shift-click would."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        flag = QItemSelectionModel.SelectionFlag
        rows = [row for i in item_ids if (row := self.model.row_of(i)) is not None]
        for row in rows:
            selection.select(self.model.index(row, 0), flag.Select | flag.Rows)
        if rows:
            selection.setCurrentIndex(self.model.index(rows[0], 0), flag.NoUpdate)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()

    def _changed(self, item: DownloadItem) -> None:
        self.model.upsert(item)
        self._update_actions()

    def _removed(self, item_id: int) -> None:
        self.model.remove(item_id)
        self._update_actions()  # removing a selected row does not always tell the selection

    def _update_actions(self) -> None:
        items = self.selected()
        states = {item.state for item in items}
        single_done = len(items) == 1 and items[0].state is DownloadState.DONE
        enabled = {
            Act.PLAY: single_done,
            Act.PAUSE: bool(states.intersection(ACTIVE)),
            Act.RESUME: DownloadState.PAUSED in states,
            Act.RETRY: DownloadState.FAILED in states,
            Act.CANCEL: bool(states - {DownloadState.DONE}),
            Act.DELETE: bool(items),
            Act.FOLDER: bool(items),
        }
        for act, on in enabled.items():
            self.acts[act].setEnabled(on and self._source is not None)

    def _context_menu(self, position: QPoint) -> None:
        if self.table.indexAt(position).isValid():
            menu = self.context_menu()
            menu.popup(self.table.viewport().mapToGlobal(position))

    def context_menu(self) -> QMenu:
        """What can be done to the selected rows: only what applies."""
        if self.menu is not None:
            self.menu.deleteLater()
        self.menu = QMenu(self)
        for act, action in self.acts.items():
            if action.isEnabled():
                self.menu.addAction(action)
            if act in (Act.PLAY, Act.CANCEL) and not self.menu.isEmpty():
                self.menu.addSeparator()
        return self.menu

    # ----- actions -----

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.item(index.row())
        if item.state is DownloadState.DONE:
            self.play_requested.emit(item.title_id, item.episode)

    def play_selected(self) -> None:
        items = self.selected()
        if len(items) == 1 and items[0].state is DownloadState.DONE:
            self.play_requested.emit(items[0].title_id, items[0].episode)

    def pause_selected(self) -> None:
        if self._source is not None:
            for item in self.selected():
                if item.state in ACTIVE:
                    self._source.pause(item.id)

    def resume_selected(self) -> None:
        if self._source is not None:
            for item in self.selected():
                if item.state is DownloadState.PAUSED:
                    self._source.resume(item.id)

    def retry_selected(self) -> None:
        if self._source is not None:
            for item in self.selected():
                if item.state is DownloadState.FAILED:
                    self._source.retry(item.id)

    def cancel_selected(self) -> None:
        if self._source is not None:
            for item in self.selected():
                if item.state is not DownloadState.DONE:
                    self._source.cancel(item.id)

    def open_folder(self) -> None:
        items = self.selected()
        if self._source is not None and items:
            folder = self._source.folder_of(items[0].id)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def delete_selected(self) -> None:
        """Asks first; the files go only on "Delete"."""
        items = self.selected()
        source = self._source
        if source is None or not items:
            return
        if len(items) == 1:
            item = items[0]
            text = self.tr("Delete the file of “%1”, episode %2?")
            text = text.replace("%1", item.title_name).replace("%2", item.episode_label)
        else:
            text = self.tr("Delete the files of %1 episodes?").replace("%1", str(len(items)))
        ids = [item.id for item in items]

        async def delete() -> None:
            for item_id in ids:
                await source.delete(item_id)

        def confirmed() -> None:
            self._tasks.run(delete())  # unnamed: a second deletion must not cancel the first

        title = self.tr("Delete downloads")
        self.question = confirm(self, title, text, self.tr("Delete"), confirmed)
