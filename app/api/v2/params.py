"""Python values -> the v2 query string: lists become comma lists, enums their values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum, IntEnum, StrEnum

ParamValue = str | int | Enum | Iterable[str | int | Enum] | None


class Include(StrEnum):
    RAW_POSTER = "raw_poster"
    RAW_TORRENT = "raw_torrent"
    TORRENT_META = "torrent_meta"


class DescriptionType(StrEnum):
    PLAIN = "plain"
    HTML = "html"
    NO_VIEW_ORDER = "no_view_order"


class PlaylistType(StrEnum):
    OBJECT = "object"
    ARRAY = "array"


class GenreSorting(IntEnum):
    ALPHABET = 0
    RATING = 1


def _scalar(value: str | int | Enum) -> str:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        raise TypeError("booleans are not API parameters")
    return str(value)


def encode_params(params: Mapping[str, ParamValue]) -> dict[str, str]:
    """Drops None, joins iterables with commas; rejects empty names and commas inside items."""
    encoded: dict[str, str] = {}
    for name, value in params.items():
        if value is None:
            continue
        if isinstance(value, str | int | Enum):
            encoded[name] = _scalar(value)
            continue
        items = [_scalar(item) for item in value]
        for item in items:
            if "," in item:
                raise ValueError(f"{name}: an item may not contain a comma: {item!r}")
        encoded[name] = ",".join(items)
    return encoded
