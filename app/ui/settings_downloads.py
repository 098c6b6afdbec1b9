"""The settings dialog's downloads rows: the folder (typed, or chosen in a folder dialog that does
not block), the quality, and whether new episodes of favourites download by themselves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.core.settings import OPTIONS
from app.services.settings import SettingsStore
from app.ui import accessible

KEYS = ("download_dir", "download_quality", "auto_download_favourites")


def offered() -> bool:
    """Whether this build has the downloads' settings."""
    return all(key in OPTIONS for key in KEYS)


def default_folder() -> str:
    videos = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.MoviesLocation)
    return str(Path(videos or Path.home()) / "Libria")


class DownloadFields(QObject):
    def __init__(self, settings: SettingsStore, owner: QWidget) -> None:
        super().__init__(owner)
        self._settings = settings
        self._owner = owner
        self.folder = QLineEdit(settings.get("download_dir"))
        self.folder.setPlaceholderText(default_folder())
        self.choose = QPushButton(self.tr("Choose…"))
        self.choose.clicked.connect(self.choose_folder)
        # The form's label names a widget only, not this row of two.
        accessible.name(self.folder, self.tr("Download folder"))
        accessible.name(self.choose, self.tr("Choose…"), self.tr("Choose the download folder"))
        self.folder_dialog: QFileDialog | None = None
        self.quality = QComboBox()
        for label, value in ((self.tr("Same as for watching"), ""),
                             (self.tr("Full HD (1080p)"), "fhd"), (self.tr("HD (720p)"), "hd"),
                             (self.tr("SD (480p)"), "sd")):  # fmt: skip
            self.quality.addItem(label, value)
        self.quality.setCurrentIndex(
            max(0, self.quality.findData(settings.get("download_quality")))
        )
        self.auto = QCheckBox(self.tr("Download new episodes of favourites automatically"))
        self.auto.setChecked(settings.get("auto_download_favourites"))

    def add_to(self, form: QFormLayout) -> None:
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        form.addRow(self.tr("Download folder"), row)
        form.addRow(self.tr("Download quality"), self.quality)
        form.addRow("", self.auto)

    def choose_folder(self) -> None:
        """A folder dialog opened, not exec()'d: the window's loop keeps running."""
        start = self.folder.text().strip() or default_folder()
        dialog = QFileDialog(self._owner, self.tr("Download folder"), start)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.folder.setText)
        self.folder_dialog = dialog
        dialog.open()

    def save(self) -> None:
        self._settings.set("download_dir", self.folder.text().strip())
        self._settings.set("download_quality", self.quality.currentData())
        self._settings.set("auto_download_favourites", self.auto.isChecked())
