"""Small v2 readers that several parts share: leading numbers and episode ranges."""

from __future__ import annotations

import re
from collections.abc import Callable

from app.api.coerce import as_dict, as_int, as_str
from app.core import EpisodeRange

# Media paths in a payload are relative to the server; the parser resolves them to safe URLs.
Resolve = Callable[[object], str]

_LEADING_NUMBER = re.compile(r"\s*\d{1,9}")


def first_int(text: str) -> int:
    """The leading number of strings like "25 мин" or "1080p"."""
    match = _LEADING_NUMBER.match(text)
    return int(match.group()) if match else 0


def episode_range(raw: object) -> EpisodeRange:
    data = as_dict(raw)
    if not data:
        return EpisodeRange()
    return EpisodeRange(
        as_int(data.get("first")), as_int(data.get("last")), as_str(data.get("string"))
    )
