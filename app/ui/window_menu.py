"""The window's File menu: export and import the library, settings, quit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from app.ui.library_files import LibraryFiles

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class FileMenu(QObject):
    def __init__(
        self,
        window: QMainWindow,
        files: LibraryFiles,
        open_settings: Callable[[], None],
        quit_app: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.menu = window.menuBar().addMenu("")
        self.export_action = QAction(window)
        self.export_action.triggered.connect(files.export_library)
        self.import_action = QAction(window)
        self.import_action.triggered.connect(files.import_library)
        self.settings_action = QAction(window)
        self.settings_action.triggered.connect(open_settings)
        self.quit_action = QAction(window)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(quit_app)
        window.addAction(self.quit_action)  # Ctrl+Q with the menu bar hidden (full screen)
        for action in (self.export_action, self.import_action, None, self.settings_action,
                       None, self.quit_action):  # fmt: skip
            if action is None:
                self.menu.addSeparator()
            else:
                self.menu.addAction(action)
        files.finished.connect(lambda text: window.statusBar().showMessage(text, 10000))

    def retranslate(self) -> None:
        self.menu.setTitle(translate("MainWindow", "&File"))
        self.export_action.setText(translate("MainWindow", "&Export library…"))
        self.import_action.setText(translate("MainWindow", "&Import library…"))
        self.settings_action.setText(translate("MainWindow", "&Settings…"))
        self.quit_action.setText(translate("MainWindow", "&Quit"))
