"""The settings dialog: API address, preferred quality, language, notifications."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.api_base import normalize_api_base
from app.services.settings import SettingsStore
from app.ui import settings_downloads
from app.ui.settings_downloads import DownloadFields


class SettingsDialog(QDialog):
    def __init__(self, settings: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self._build_api_fields()
        self._build_playback_fields()
        self._build_announce_fields()
        self._build_window_fields()
        self.downloads = DownloadFields(settings, self) if settings_downloads.offered() else None
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self._form())
        layout.addWidget(buttons)
        self._announce_changed()
        self.resize(560, self.sizeHint().height())

    def _build_api_fields(self) -> None:
        settings = self.settings
        self.api_base = QLineEdit(settings.get("api_base"))
        self.api_base.setPlaceholderText(self.tr("automatic"))
        self.api_kind = QComboBox()
        for label, value in ((self.tr("Detect"), "auto"), (self.tr("v1 (current)"), "v1"),
                             (self.tr("v2 (mirrors, compatible servers)"), "v2")):  # fmt: skip
            self.api_kind.addItem(label, value)
        self.api_kind.setCurrentIndex(self.api_kind.findData(settings.get("api_kind")))
        self.api_hint = QLabel(
            self.tr(
                "AniLibria's API v1 or v2, or a mirror of either. Leave empty to use the first "
                "of the service's own addresses that answers."
            )
        )
        self.api_hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()

    def _build_playback_fields(self) -> None:
        settings = self.settings
        self.quality = QComboBox()
        for label, value in ((self.tr("Full HD (1080p)"), "fhd"), (self.tr("HD (720p)"), "hd"),
                             (self.tr("SD (480p)"), "sd")):  # fmt: skip
            self.quality.addItem(label, value)
        self.quality.setCurrentIndex(self.quality.findData(settings.get("quality")))
        self.language = QComboBox()
        self.language.addItem("Русский", "ru")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(settings.get("language")))
        self.appearance = QComboBox()
        for label, value in ((self.tr("As in the system"), "system"), (self.tr("Dark"), "dark"),
                             (self.tr("Light"), "light")):  # fmt: skip
            self.appearance.addItem(label, value)
        self.appearance.setCurrentIndex(self.appearance.findData(settings.get("appearance")))

    def _build_announce_fields(self) -> None:
        settings = self.settings
        self.notifications = QCheckBox(self.tr("Tell me about new episodes"))
        self.notifications.setChecked(settings.get("notifications"))
        self.announce = QComboBox()
        for label, value in ((self.tr("Every new episode"), "all"),
                             (self.tr("Only my favourites"), "favourites"),
                             (self.tr("Titles matching a filter"), "filters")):  # fmt: skip
            self.announce.addItem(label, value)
        self.announce.setCurrentIndex(self.announce.findData(settings.get("announce")))
        self.announce_year = QSpinBox()
        self.announce_year.setRange(0, 2100)
        self.announce_year.setSpecialValueText(self.tr("any year"))
        self.announce_year.setValue(settings.get("announce_year"))
        self.announce_genre = QLineEdit(settings.get("announce_genre"))
        self.announce_genre.setPlaceholderText(self.tr("any genre, e.g. Комедия"))
        self.announce.currentIndexChanged.connect(self._announce_changed)
        self.notifications.toggled.connect(self._announce_changed)

    def _build_window_fields(self) -> None:
        self.close_to_tray = QCheckBox(self.tr("Closing the window keeps Libria in the tray"))
        self.close_to_tray.setChecked(self.settings.get("close_to_tray"))
        self.autostart = QCheckBox(self.tr("Start with the system, minimized to the tray"))
        self.autostart.setChecked(self.settings.get("autostart"))

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.addRow(self.tr("API address"), self.api_base)
        form.addRow(self.tr("API version"), self.api_kind)
        form.addRow("", self.api_hint)
        form.addRow("", self.error)
        form.addRow(self.tr("Preferred quality"), self.quality)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Appearance"), self.appearance)
        form.addRow("", self.notifications)
        form.addRow(self.tr("Announce"), self.announce)
        form.addRow(self.tr("Year"), self.announce_year)
        form.addRow(self.tr("Genre"), self.announce_genre)
        form.addRow("", self.close_to_tray)
        form.addRow("", self.autostart)
        if self.downloads is not None:
            self.downloads.add_to(form)
        return form

    def _announce_changed(self) -> None:
        on = self.notifications.isChecked()
        self.announce.setEnabled(on)
        filters = on and self.announce.currentData() == "filters"
        self.announce_year.setEnabled(filters)
        self.announce_genre.setEnabled(filters)

    def accept(self) -> None:
        try:
            text = self.api_base.text().strip()
            api_base = normalize_api_base(text) if text else ""
        except ValueError:
            self.error.setText(self.tr("This is not an http(s) address of an API."))
            self.error.show()
            return
        self.settings.set("api_base", api_base)
        self.settings.set("api_kind", self.api_kind.currentData())
        self.settings.set("quality", self.quality.currentData())
        self.settings.set("language", self.language.currentData())
        self.settings.set("appearance", self.appearance.currentData())
        self.settings.set("notifications", self.notifications.isChecked())
        self.settings.set("announce", self.announce.currentData())
        self.settings.set("announce_year", self.announce_year.value())
        self.settings.set("announce_genre", self.announce_genre.text().strip())
        self.settings.set("close_to_tray", self.close_to_tray.isChecked())
        self.settings.set("autostart", self.autostart.isChecked())
        if self.downloads is not None:
            self.downloads.save()
        super().accept()
