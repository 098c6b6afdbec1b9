"""The settings schema: every option with its type, default and meaning. No storage here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFAULT_API_BASE = "https://api.anilibria.tv/v2"


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] = ()

    def coerce(self, value: object) -> Any:
        """A stored value in this option's type, or the default when it cannot be one."""
        if self.type is bool:
            if isinstance(value, bool):
                result: Any = value
            elif isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
                result = value.lower() in ("true", "1")
            else:
                return self.default
        elif isinstance(value, self.type):
            result = value
        else:
            try:
                result = self.type(value)
            except (TypeError, ValueError):
                return self.default
        if self.choices and result not in self.choices:
            return self.default
        return result


OPTIONS: dict[str, Option] = {
    option.key: option
    for option in (
        # Empty: automatic, the first of the service's known addresses that answers.
        Option("api_base", str, "", "Address of the AniLibria API (v1 or v2); empty: automatic"),
        Option("api_kind", str, "auto", "Which API the address speaks", ("auto", "v1", "v2")),
        Option("stream_hosts", str, "", "Extra hosts streams may come from (comma-separated)"),
        Option("api_answered", str, "", "The last automatic API choice that answered: kind URL"),
        Option("quality", str, "fhd", "Preferred stream quality", ("fhd", "hd", "sd")),
        Option("language", str, "ru", "Interface language", ("ru", "en")),
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
    )
}
