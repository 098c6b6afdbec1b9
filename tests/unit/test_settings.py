"""The settings store: defaults, values that survive a restart, bad stored values, and
command-line overrides that are never written."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings

from app.core.settings import OPTIONS
from app.services.settings import SettingsStore


def changes(store: SettingsStore) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []
    store.changed.connect(lambda key, value: seen.append((key, value)))
    return seen


def written(store: SettingsStore, values: dict[str, Any]) -> None:
    """Values put in the file by hand (or by an older version), bypassing the store."""
    raw = QSettings(str(store.path), QSettings.Format.IniFormat)
    for key, value in values.items():
        raw.setValue(key, value)
    raw.sync()


def test_a_fresh_store_gives_every_default(settings: SettingsStore) -> None:
    assert {key: settings.get(key) for key in OPTIONS} == {
        key: option.default for key, option in OPTIONS.items()
    }
    assert settings.get("quality") == "fhd" and settings.get("notifications") is True


def test_a_value_set_survives_a_restart_and_is_announced_once(
    settings: SettingsStore,
) -> None:
    seen = changes(settings)
    settings.set("quality", "hd")
    settings.set("quality", "hd")  # no change: nobody is told
    assert seen == [("quality", "hd")]
    assert SettingsStore(settings.path).get("quality") == "hd"


@pytest.mark.parametrize(
    ("key", "stored", "expected"),
    [
        ("quality", "ultra", "fhd"),  # not one of the choices
        ("notifications", "maybe", True),
        ("notifications", "false", False),
        ("notifications", "0", False),
        ("announce_year", "abc", 0),
        ("announce_year", "2024", 2024),
        ("announce", "everything", "all"),
        ("language", "de", "ru"),
    ],
)
def test_a_bad_stored_value_falls_back_to_the_default(
    settings: SettingsStore, key: str, stored: str, expected: Any
) -> None:
    written(settings, {key: stored})
    value = SettingsStore(settings.path).get(key)
    assert value == expected and type(value) is type(expected)


def test_set_stores_the_options_type(settings: SettingsStore) -> None:
    seen = changes(settings)
    settings.set("announce_year", "2023")
    settings.set("close_to_tray", "false")
    assert seen == [("announce_year", 2023), ("close_to_tray", False)]
    assert SettingsStore(settings.path).get("announce_year") == 2023


def test_an_override_is_for_this_run_only(settings: SettingsStore) -> None:
    settings.set("quality", "hd")
    seen = changes(settings)
    settings.override("quality", "sd")
    with pytest.raises(ValueError, match="notifications"):  # a bad flag is refused, not ignored
        settings.override("notifications", "no such value")
    assert settings.get("quality") == "sd" and settings.get("notifications") is True
    assert seen == []
    assert SettingsStore(settings.path).get("quality") == "hd"  # the file still says hd


def test_setting_another_value_over_an_override_writes_it_and_ends_the_override(
    settings: SettingsStore,
) -> None:
    settings.override("quality", "sd")
    seen = changes(settings)
    settings.set("quality", "sd")  # OK in the dialog with the flag's value: nothing is written
    assert seen == [] and SettingsStore(settings.path, environ={}).get("quality") == "fhd"
    settings.set("quality", "hd")  # the user picks another one: kept from now on
    assert seen == [("quality", "hd")]
    assert SettingsStore(settings.path, environ={}).get("quality") == "hd"
    assert settings.get("quality") == "hd"
