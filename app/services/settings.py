"""Settings of one run: the schema's options from their sources, in one order of precedence —
command-line flag (`override`) > environment variable > stored value (an ini file through
QSettings) > default. Components declare which keys they react to with `on_change`."""

from __future__ import annotations

import inspect
import logging
import os
import weakref
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from app.core.settings import OPTIONS

log = logging.getLogger(__name__)
Reaction = Callable[[Any], object]  # called with the option's new value


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """The options their environment variables set; an empty variable is unset, and a value the
    option cannot take is ignored (the stored value, else the default, decides)."""
    values: dict[str, Any] = {}
    for option in OPTIONS.values():
        raw = environ.get(option.env, "") if option.env else ""
        if not raw:
            continue
        try:
            values[option.key] = option.parse(raw)
        except ValueError:
            # The value is not repeated: an address may carry what does not belong in a log.
            log.info("$%s is not a usable %s value; it is ignored", option.env, option.key)
    return values


def _held(react: Reaction) -> Callable[[], Reaction | None]:
    if inspect.ismethod(react):
        return weakref.WeakMethod(react)
    return lambda: react


class SettingsStore(QObject):
    changed = Signal(str, object)  # key, new value

    def __init__(
        self,
        path: Path,
        parent: QObject | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)
        self._overrides: dict[str, Any] = {}  # flags, and run-only options set in this run
        # Read once: the environment is how the run was started, not something that changes.
        self._env = from_environment(os.environ if environ is None else environ)
        self._reactions: dict[str, list[Callable[[], Reaction | None]]] = {}
        self.changed.connect(self._react)

    def get(self, key: str) -> Any:
        option = OPTIONS[key]
        if key in self._overrides:
            return self._overrides[key]
        if key in self._env:
            return self._env[key]
        if not option.stored:
            return option.default
        return option.coerce(self._settings.value(key, option.default))

    def set(self, key: str, value: Any) -> None:
        """The user's choice. What is already in effect is left alone (so confirming a dialog
        never writes a flag's or the environment's value to disk); a new value beats the
        environment's and the flag's for the rest of the run."""
        option = OPTIONS[key]
        value = option.coerce(value)
        if self.get(key) == value:
            return
        self._env.pop(key, None)
        if option.stored:
            self._overrides.pop(key, None)
            self._settings.setValue(key, value)
            self._settings.sync()
        else:
            self._overrides[key] = value
        self.changed.emit(key, value)

    def override(self, key: str, value: Any) -> None:
        """A value for this run only (from a command-line flag), never written to disk. Set at
        start-up, before anything reacts; ValueError (a message for the user) when unusable."""
        self._overrides[key] = OPTIONS[key].parse(value)

    def on_change(self, keys: str | Iterable[str], react: Reaction) -> None:
        """`react(new value)` whenever one of `keys` takes a different value. Like a Qt slot, a
        bound method does not keep its object alive: once that is gone, the reaction is too."""
        for key in [keys] if isinstance(keys, str) else keys:
            if key not in OPTIONS:
                raise KeyError(f"no such setting: {key}")  # not a reaction that never comes
            self._reactions.setdefault(key, []).append(_held(react))

    def _react(self, key: str, value: object) -> None:
        held = self._reactions.get(key, [])
        held[:] = [ref for ref in held if ref() is not None]
        for ref in list(held):
            react = ref()
            if react is not None:
                react(value)
