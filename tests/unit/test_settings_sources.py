"""Where a setting's value comes from (flag > environment > stored > default), what is never
written to disk, declared reactions, and the command-line flags the schema generates."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path
from typing import Any

import pytest

from app.cli import UsageError, parse
from app.core.settings import OPTIONS, Option
from app.services.settings import SettingsStore

MIRROR = "https://mirror.example/api/v1"


def store(tmp_path: Path, **environ: str) -> SettingsStore:
    return SettingsStore(tmp_path / "config" / "settings.ini", environ=environ)


def ini(tmp_path: Path) -> str:
    path = tmp_path / "config" / "settings.ini"
    return path.read_text() if path.exists() else ""


def test_flag_beats_env_beats_stored_beats_default(tmp_path: Path) -> None:
    assert store(tmp_path).get("api_kind") == "auto"
    store(tmp_path).set("api_kind", "v2")
    assert store(tmp_path).get("api_kind") == "v2"
    from_env = store(tmp_path, LIBRIA_API_KIND="v1")
    assert from_env.get("api_kind") == "v1"
    from_env.override("api_kind", "auto")
    assert from_env.get("api_kind") == "auto"
    assert "api_kind=v2" in ini(tmp_path), "neither the flag nor the environment was written"


def test_the_environment_is_read_through_the_schema(tmp_path: Path) -> None:
    settings = store(
        tmp_path,
        LIBRIA_API_BASE=MIRROR + "/",
        LIBRIA_POLL_INTERVAL="2.5",
        LIBRIA_AUDIO_OUTPUT="null",
    )
    assert settings.get("api_base") == MIRROR  # normalized like a typed address
    assert settings.get("poll_interval") == 2.5
    assert settings.get("audio_output") == "null"
    assert store(tmp_path, LIBRIA_POLL_INTERVAL="0").get("poll_interval") == 1.0  # the minimum


@pytest.mark.parametrize(
    ("variable", "value", "key"),
    [
        ("LIBRIA_POLL_INTERVAL", "soon", "poll_interval"),
        ("LIBRIA_POLL_INTERVAL", "nan", "poll_interval"),
        ("LIBRIA_API_KIND", "v3", "api_kind"),
        ("LIBRIA_API_BASE", "file:///etc/passwd", "api_base"),
        ("LIBRIA_API_BASE", "https://user:secret@mirror.example/v2", "api_base"),
        ("LIBRIA_AUDIO_OUTPUT", "", "audio_output"),  # empty is unset
    ],
)
def test_a_bad_env_value_falls_back_to_the_default(
    tmp_path: Path, variable: str, value: str, key: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert store(tmp_path, **{variable: value}).get(key) == OPTIONS[key].default
    assert "secret" not in caplog.text


def test_a_bad_env_value_leaves_the_stored_one_in_charge(tmp_path: Path) -> None:
    store(tmp_path).set("api_kind", "v1")
    assert store(tmp_path, LIBRIA_API_KIND="v9").get("api_kind") == "v1"


def test_a_bad_flag_value_is_refused_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="the API base must be an http"):
        store(tmp_path).override("api_base", "file:///etc/passwd")


def test_run_only_options_never_reach_the_ini_file(tmp_path: Path) -> None:
    settings = store(tmp_path, LIBRIA_POLL_INTERVAL="3")
    settings.set("poll_interval", 7)
    settings.set("audio_output", "alsa")
    settings.set("quality", "sd")  # the file is written, with the stored option only
    assert settings.get("poll_interval") == 7.0 and settings.get("audio_output") == "alsa"
    text = ini(tmp_path)
    assert "quality=sd" in text
    assert "poll_interval" not in text and "audio_output" not in text
    assert store(tmp_path).get("poll_interval") == 300.0


def test_confirming_what_is_in_effect_writes_nothing(tmp_path: Path) -> None:
    settings = store(tmp_path, LIBRIA_API_BASE=MIRROR)
    settings.override("language", "en")
    settings.set("api_base", MIRROR)
    settings.set("language", "en")
    assert ini(tmp_path) == "", "the environment's and the flag's values stay this run's"
    settings.set("api_base", "")  # the user's new choice beats both for the rest of the run
    settings.set("language", "ru")
    assert settings.get("api_base") == "" and settings.get("language") == "ru"
    assert "language=ru" in ini(tmp_path)


def test_on_change_fires_for_declared_keys_only_and_only_on_a_change(tmp_path: Path) -> None:
    settings = store(tmp_path)
    seen: list[tuple[str, Any]] = []
    settings.on_change(("quality", "language"), lambda value: seen.append(("q/l", value)))
    settings.on_change("notifications", lambda value: seen.append(("n", value)))
    settings.set("quality", "hd")
    settings.set("quality", "hd")  # unchanged
    settings.set("announce", "favourites")  # nobody declared it
    settings.set("notifications", True)  # already the default
    settings.set("notifications", False)
    settings.set("language", "en")
    assert seen == [("q/l", "hd"), ("n", False), ("q/l", "en")]


def test_on_change_refuses_an_unknown_key(tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        store(tmp_path).on_change("qualty", print)


def test_a_reaction_does_not_keep_its_object_alive(tmp_path: Path) -> None:
    settings = store(tmp_path)
    seen: list[object] = []

    class Component:
        def react(self, value: object) -> None:
            seen.append(value)

    kept, dropped = Component(), Component()
    settings.on_change("quality", kept.react)
    settings.on_change("quality", dropped.react)
    del dropped
    settings.set("quality", "sd")
    assert seen == ["sd"]


def test_every_flag_of_the_schema_is_on_the_command_line() -> None:
    flagged = [option for option in OPTIONS.values() if option.flag]
    assert {option.flag for option in flagged} >= {"--api-base", "--api-kind", "--lang"}
    for option in flagged:
        value = str(option.choices[-1]) if option.choices else "https://x.example/v2"
        assert parse([option.flag, value]).overrides == ((option.key, value),)
        if option.choices:
            with pytest.raises(UsageError, match="invalid choice"):
                parse([option.flag, "no-such-choice"])


def test_a_new_flagged_option_needs_no_second_edit(monkeypatch: pytest.MonkeyPatch) -> None:
    extra = Option("volume", int, 100, "Start volume", flag="--volume")
    monkeypatch.setitem(OPTIONS, "volume", extra)
    assert parse(["--volume", "40"]).flag_value("volume") == "40"


def test_existing_flags_keep_their_fields() -> None:
    options = parse(["--api-base", MIRROR, "--api-kind", "v1", "--lang", "en", "--demo"])
    assert (options.api_base, options.api_kind, options.language) == (MIRROR, "v1", "en")
    assert options.demo and not options.minimized
    bare = parse([])
    assert (bare.api_base, bare.api_kind, bare.language, bare.overrides) == (None, None, None, ())


def test_the_download_folder_comes_from_the_flag_or_the_environment(tmp_path: Path) -> None:
    settings = store(tmp_path, LIBRIA_DOWNLOAD_DIR="~/Аниме")
    assert settings.get("download_dir") == str(Path.home() / "Аниме")
    options = parse(["--download-dir", str(tmp_path / "flag"), "title", "frieren"])
    for key, value in options.overrides:
        settings.override(key, value)
    assert settings.get("download_dir") == str(tmp_path / "flag")
    assert store(tmp_path).get("download_dir") == ""  # empty: Libria in the videos folder
    with pytest.raises(ValueError, match="absolute"):
        settings.override("download_dir", "relative/folder")
    assert store(tmp_path, LIBRIA_DOWNLOAD_DIR="relative").get("download_dir") == ""
