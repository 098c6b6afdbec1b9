"""File ▸ Export/Import library: picking the file, then the work off the UI thread, then a
one-line result for the status bar."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.services.library import LibraryService
from app.services.tasks import TaskRunner

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class LibraryFiles(QObject):
    finished = Signal(str)  # what happened, for the user

    def __init__(self, library: LibraryService, tasks: TaskRunner, window: QWidget) -> None:
        super().__init__(window)
        self._library = library
        self._tasks = tasks
        self._window = window

    def export_library(self) -> None:
        dialog = QFileDialog(self._window, translate("LibraryFiles", "Export library"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(translate("LibraryFiles", "Libria library (*.json)"))
        dialog.setDefaultSuffix("json")
        dialog.selectFile(f"libria-library-{time.strftime('%Y-%m-%d')}.json")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()  # not exec(): no nested event loop inside the asyncio one

    def import_library(self) -> None:
        dialog = QFileDialog(self._window, translate("LibraryFiles", "Import library"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(translate("LibraryFiles", "Libria library (*.json)"))
        dialog.fileSelected.connect(lambda path: self.import_from(Path(path)))
        dialog.open()

    def export_to(self, path: Path) -> None:
        async def run() -> None:
            try:
                await self._library.export_to(path)
            except OSError as error:
                self.finished.emit(
                    translate("LibraryFiles", "Export failed: %1").replace("%1", str(error))
                )
                return
            self.finished.emit(
                translate("LibraryFiles", "Library exported to %1").replace("%1", str(path))
            )

        self._tasks.run(run(), name="library-export")

    def import_from(self, path: Path) -> None:
        from app.core.transfer import ImportFormatError  # with the import, not at start-up

        async def run() -> None:
            try:
                summary = await self._library.import_from(path)
            except (OSError, UnicodeDecodeError, ImportFormatError) as error:
                self.finished.emit(
                    translate("LibraryFiles", "Import failed, nothing changed: %1").replace(
                        "%1", str(error)
                    )
                )
                return
            self.finished.emit(
                translate("LibraryFiles", "Imported: %1 new favourites, %2 episodes updated, "
                          "%3 kept because they were newer here")
                .replace("%1", str(summary.favourites_added))
                .replace("%2", str(summary.progress_updated))
                .replace("%3", str(summary.progress_kept))
            )  # fmt: skip

        self._tasks.run(run(), name="library-import")
