"""History: what was watched when, newest first; one entry or everything can be cleared."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.services.library import HistoryEntry, LibraryService
from app.services.state import LoadState
from app.services.tasks import TaskRunner
from app.ui import accessible, labels
from app.ui.pages.base import Page
from app.ui.pages.owned_tasks import OwnedTasks
from app.ui.widgets.state_panel import StatePanel

EntryRole = Qt.ItemDataRole.UserRole + 1


class HistoryPage(Page):
    resume_requested = Signal(int, float)  # title id, episode

    def __init__(
        self, library: LibraryService, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._tasks = tasks
        self._loads = OwnedTasks(self, tasks)  # rows land in widgets: gone with the page
        self.table = QTableWidget(0, 4)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemActivated.connect(self._activated)
        self.table.itemDoubleClicked.connect(self._activated)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.remove_button = QPushButton()
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self._confirm_clear)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.clear_button)
        self.state = StatePanel(self.table)
        self.state.retry_requested.connect(self.reload)
        self.body.addWidget(self.state, 1)
        self.body.addLayout(buttons)
        self._clear_armed = False
        library.history_changed.connect(self.reload)
        library.progress_changed.connect(self._progress_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("History"))
        accessible.name(self.table, self.heading.text(), self.tr("Enter: watch from there"))
        self.state.empty_text = self.tr("Nothing watched yet")
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Title"), self.tr("Episode"), self.tr("Progress")]
        )
        self.remove_button.setText(self.tr("Remove from history"))
        self._set_clear_text()
        if self._shown_once:  # names and words in the rows follow the language
            self.reload()

    def first_shown(self) -> None:
        self.reload()

    def _progress_changed(self, _title_id: int) -> None:
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        self._loads.run(self._load(), name="history-page")

    async def _load(self) -> None:
        self.show_entries(await self._library.history())

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            progress = entry.progress
            name = labels.name(entry.title.names) if entry.title else f"#{progress.title_id}"
            if progress.watched:
                done = self.tr("watched")
            elif progress.duration > 0:
                done = f"{labels.clock(progress.position)} / {labels.clock(progress.duration)}"
            else:
                done = labels.clock(progress.position)
            cells = [labels.date_time(progress.updated), name, f"{progress.episode:g}", done]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)  # plain text: names come from the network
                item.setData(EntryRole, entry)
                self.table.setItem(row, column, item)
        self.state.show_state(LoadState.READY if entries else LoadState.EMPTY, "")
        self.clear_button.setEnabled(bool(entries))
        self._selection_changed()

    def entries(self) -> list[HistoryEntry]:
        return [self._entry(row) for row in range(self.table.rowCount())]

    def _entry(self, row: int) -> HistoryEntry:
        entry = self.table.model().index(row, 0).data(EntryRole)
        assert isinstance(entry, HistoryEntry)
        return entry

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        entries = [self._entry(row) for row in sorted(rows)]

        async def remove() -> None:
            for entry in entries:
                await self._library.forget(entry.progress.title_id, entry.progress.episode)

        self._tasks.run(remove())

    def _confirm_clear(self) -> None:
        """The first click asks, the second clears: no modal dialog for a one-button question."""
        if not self._clear_armed:
            self._clear_armed = True
            self._set_clear_text()
            return
        self._clear_armed = False
        self._set_clear_text()
        self._tasks.run(self._library.forget_all())

    def _set_clear_text(self) -> None:
        self.clear_button.setText(
            self.tr("Click again to clear everything") if self._clear_armed
            else self.tr("Clear history")
        )  # fmt: skip

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectedIndexes()))
        if self._clear_armed and self.table.selectedIndexes():
            self._clear_armed = False
            self._set_clear_text()

    def _activated(self, item: QTableWidgetItem) -> None:
        entry: HistoryEntry = item.data(EntryRole)
        self.resume_requested.emit(entry.progress.title_id, entry.progress.episode)
