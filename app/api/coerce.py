"""Forgiving JSON readers: a wrong type or a null becomes an empty value, never a crash."""

from __future__ import annotations

import base64
import binascii
import math
from typing import Any

EMPTY: dict[str, Any] = {}


def as_dict(value: object) -> dict[str, Any]:
    return value if type(value) is dict else EMPTY


def as_str(value: object) -> str:
    if type(value) is str:
        return value
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return str(value)
    return ""


def as_int(value: object) -> int:
    if type(value) is int:
        return value
    if type(value) is float:
        return int(value) if math.isfinite(value) else 0
    if type(value) is str:
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) < 20:  # not "²": int() refuses it
            return int(text)
        try:
            number = float(text)
        except ValueError:
            return 0
        return int(number) if math.isfinite(number) else 0
    if type(value) is bool:
        return int(value)
    return 0


def as_number(value: object) -> float | None:
    """An episode-style number: 12, "12", 12.5; None when there is no sensible number."""
    if type(value) is int:
        return float(value)
    if type(value) is float:
        return value if math.isfinite(value) else None
    if type(value) is str:
        try:
            number = float(value.strip())
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def as_bool(value: object) -> bool:
    return value is True or (type(value) is int and value != 0)


def as_strs(value: object) -> tuple[str, ...]:
    if type(value) is not list:
        return ()
    return tuple(item for item in value if type(item) is str and item)


def as_pair(value: object) -> tuple[int, int] | None:
    """A [start, end] list of seconds, or None when absent or meaningless."""
    if type(value) is not list or len(value) != 2:
        return None
    start, end = as_number(value[0]), as_number(value[1])
    if start is None or end is None or end <= start or start < 0:
        return None
    return int(start), int(end)


def as_base64(value: object) -> bytes | None:
    """Bytes from a base64 string (a data: URI prefix is tolerated), None when not decodable."""
    if type(value) is not str or not value:
        return None
    text: str = value
    if text.startswith("data:"):
        text = text.partition(",")[2]
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
