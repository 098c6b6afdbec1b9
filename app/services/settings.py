"""Persistent settings (an ini file through QSettings) with a `changed` signal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from app.core.settings import OPTIONS


class SettingsStore(QObject):
    changed = Signal(str, object)  # key, new value

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)
        self._overrides: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        option = OPTIONS[key]
        if key in self._overrides:
            return self._overrides[key]
        return option.coerce(self._settings.value(key, option.default))

    def set(self, key: str, value: Any) -> None:
        option = OPTIONS[key]
        value = option.coerce(value)
        if self.get(key) == value and key not in self._overrides:
            return
        self._overrides.pop(key, None)
        self._settings.setValue(key, value)
        self._settings.sync()
        self.changed.emit(key, value)

    def override(self, key: str, value: Any) -> None:
        """A value for this run only (from the command line), not written to disk."""
        self._overrides[key] = OPTIONS[key].coerce(value)
