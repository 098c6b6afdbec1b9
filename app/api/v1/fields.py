"""Small readers of v1 fields shared by the parser: dates, list envelopes, age ratings, skips
and team roles. Forgiving like the rest: a wrong type or a null becomes an empty value."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from typing import Any

from app.api.coerce import as_dict, as_number, as_str
from app.api.errors import MalformedResponseError
from app.core import Team

AGE_VALUE = re.compile(r"R(\d{1,2})_PLUS")  # "R16_PLUS" -> "16+" when no label is sent


def description_html(value: object) -> str:
    """The live service sends descriptions as text with `\r\n` between paragraphs (and now and
    then a link): as HTML those breaks would vanish, so they become `<br>` unless the text
    already breaks its lines with markup. The view sanitises the result."""
    text = as_str(value).strip()
    if "\n" not in text or "<br" in text or "<p" in text:
        return text
    return text.replace("\r\n", "\n").replace("\n", "<br>")


def timestamp(value: object) -> int:
    """ISO 8601 (as v1 sends dates) -> unix seconds; 0 for anything else."""
    text = as_str(value)
    if not text:
        return 0
    try:
        return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())
    except ValueError:
        return 0


def as_list(value: object) -> list[Any]:
    return value if type(value) is list else []


def listed(raw: object, what: str) -> list[Any]:
    """A list answer, bare or wrapped in `{"data": [...]}` (the description shows both)."""
    if type(raw) is dict and type(raw.get("data")) is list:
        items: list[Any] = raw["data"]
        return items
    if type(raw) is not list:
        raise MalformedResponseError(f"expected a list of {what}, got {type(raw).__name__}")
    return raw


# v1 team roles (their ids and Russian titles vary) -> the roles the app knows.
ROLE_WORDS = {
    "voice": ("voic", "озвуч", "голос"),
    "translator": ("transl", "перев"),
    "editing": ("edit", "редакт"),
    "decor": ("decor", "design", "оформ"),
    "timing": ("timing", "тайм"),
}


@lru_cache(maxsize=256)  # a handful of distinct role labels, asked for every member
def team_role(*labels: str) -> str | None:
    text = " ".join(labels).lower()
    return next((role for role, words in ROLE_WORDS.items() if any(w in text for w in words)), None)


def team_of(pairs: list[tuple[str | None, str]]) -> Team:
    """(role, nickname) pairs -> the app's team; unknown roles and empty names are left out."""
    members: dict[str, list[str]] = {}
    for role, nickname in pairs:
        if role and nickname and nickname not in members.setdefault(role, []):
            members[role].append(nickname)
    return Team(**{role: tuple(names) for role, names in members.items()})


def age_rating(raw: object) -> str:
    """`label` ("16+"); the official client reads only `value` ("R16_PLUS"), so derive from it."""
    data = as_dict(raw)
    label = as_str(data.get("label"))
    if label:
        return label
    match = AGE_VALUE.fullmatch(as_str(data.get("value")))
    return f"{match.group(1)}+" if match else ""


def skip(raw: object) -> tuple[int, int] | None:
    if raw is None:  # most episodes mark no ending
        return None
    data = as_dict(raw)
    start, stop = as_number(data.get("start")), as_number(data.get("stop"))
    if start is None or stop is None or stop <= start or start < 0:
        return None
    return int(start), int(stop)
