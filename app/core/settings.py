"""The settings schema: every option with its type, default, meaning and where a value may come
from. No storage here (app/services/settings.py keeps the values and applies the precedence:
command-line flag > environment variable > stored value > default).

$LIBRIA_LOG (the log level) is not an option: it is read before anything else exists.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.core.api_base import normalize_api_base

DEFAULT_API_BASE = "https://api.anilibria.tv/v2"


def api_base_or_automatic(url: str) -> str:
    """The `api_base` option's check: empty means automatic, anything else must be usable."""
    return normalize_api_base(url) if url.strip() else ""


def absolute_dir_or_default(path: str) -> str:
    """The `download_dir` option's check: empty means the default; `~` is the home folder;
    anything else must be an absolute path (a relative one would depend on where Libria runs)."""
    path = path.strip()
    if not path:
        return ""
    expanded = os.path.expanduser(path)
    if not os.path.isabs(expanded) or "\0" in expanded:
        raise ValueError(f"download_dir must be an absolute path, not {path!r}")
    return os.path.normpath(expanded)


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    type: type
    default: Any
    description: str  # also the help of its command-line flag
    choices: tuple[Any, ...] = ()
    env: str = ""  # environment variable that sets it (beats the stored value)
    flag: str = ""  # command-line flag that sets it for one run (beats everything)
    stored: bool = True  # False: a value for one run only, never written to settings.ini
    minimum: float | None = None  # a smaller number is raised to this
    check: Callable[[Any], Any] | None = None  # normalizes a value; ValueError when unusable
    metavar: str = ""  # the flag's value in --help

    def parse(self, value: object) -> Any:
        """`value` in this option's type, checked; ValueError (a message for the user) if not."""
        if self.type is bool:
            if isinstance(value, bool):
                result: Any = value
            elif isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
                result = value.lower() in ("true", "1")
            else:
                raise ValueError(f"{self.key} must be true or false, not {value!r}")
        elif isinstance(value, self.type):
            result = value
        else:
            try:
                result = self.type(value)
            except (TypeError, ValueError) as error:
                raise ValueError(f"{self.key} must be a {self.type.__name__}") from error
        if isinstance(result, float) and not math.isfinite(result):
            raise ValueError(f"{self.key} must be a finite number")
        if self.minimum is not None and result < self.minimum:
            result = self.type(self.minimum)
        if self.choices and result not in self.choices:
            raise ValueError(f"{self.key} must be one of {', '.join(map(str, self.choices))}")
        return self.check(result) if self.check is not None else result

    def coerce(self, value: object) -> Any:
        """A stored value in this option's type, or the default when it cannot be one."""
        try:
            return self.parse(value)
        except ValueError:
            return self.default


OPTIONS: dict[str, Option] = {
    option.key: option
    for option in (
        # Empty: automatic, the first of the service's known addresses that answers.
        Option(
            "api_base",
            str,
            "",
            "AniLibria API address (v1 or v2); empty: automatic",
            env="LIBRIA_API_BASE",
            flag="--api-base",
            check=api_base_or_automatic,
            metavar="URL",
        ),
        Option(
            "api_kind",
            str,
            "auto",
            "Which API the address speaks (auto: from the URL, else a probe); "
            "with --demo, which side of the demo server to use",
            ("auto", "v1", "v2"),
            env="LIBRIA_API_KIND",
            flag="--api-kind",
        ),
        Option("stream_hosts", str, "", "Extra hosts streams may come from (comma-separated)"),
        Option("api_answered", str, "", "The last automatic API choice that answered: kind URL"),
        Option("quality", str, "fhd", "Preferred stream quality", ("fhd", "hd", "sd")),
        # Downloads for offline watching; empty: "Libria" in the user's videos folder.
        Option(
            "download_dir",
            str,
            "",
            "Where downloaded episodes go (empty: Libria in the videos folder)",
            env="LIBRIA_DOWNLOAD_DIR",
            flag="--download-dir",
            check=absolute_dir_or_default,
            metavar="DIR",
        ),
        Option(
            "download_quality",
            str,
            "",
            "Quality of downloaded episodes (empty: the playback quality)",
            ("", "fhd", "hd", "sd"),
        ),
        Option(
            "auto_download_favourites",
            bool,
            False,
            "Download new episodes of favourite titles when they are announced",
        ),
        Option("language", str, "ru", "Interface language", ("ru", "en"), flag="--lang"),
        Option(
            "appearance",
            str,
            "system",
            "Colours: as the desktop asks, or always dark or light",
            ("system", "dark", "light"),
        ),
        Option("notifications", bool, True, "Announce new episodes"),
        Option(
            "announce",
            str,
            "all",
            "Which new episodes to announce",
            ("all", "favourites", "filters"),
        ),
        Option("announce_year", int, 0, "With 'filters': only titles of this year (0: any)"),
        Option("announce_genre", str, "", "With 'filters': only titles of this genre"),
        Option("tray_notice_shown", bool, False, "The 'no tray here' notice was shown"),
        Option("autostart", bool, False, "Start with the system, minimized to the tray"),
        Option("close_to_tray", bool, True, "Closing the window keeps Libria in the tray"),
        # Not a secret: it names this installation to the account service when a one-time
        # sign-in code is asked for and redeemed (made once, on first use).
        Option("device_id", str, "", "This installation's id for one-time sign-in codes"),
        # Run-only: tuning for tests and odd machines, not a preference to keep.
        Option(
            "poll_interval",
            float,
            300.0,  # five minutes: modest for a free public service
            "Seconds between polls for new episodes where the API has no WebSocket (v1)",
            env="LIBRIA_POLL_INTERVAL",
            stored=False,
            minimum=1.0,
        ),
        Option(
            "audio_output",
            str,
            "pipewire,pulse,alsa,null",
            "mpv's audio outputs, tried in order (null: no sound)",
            env="LIBRIA_AUDIO_OUTPUT",
            stored=False,
        ),
    )
}
