"""Sort orders a view picks and an API backend sends: plain values every layer may name."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class SeedStatsSort(StrEnum):
    """The column tracker statistics are ordered by (v2's `sort_by` values)."""

    DOWNLOADED = "downloaded"
    UPLOADED = "uploaded"
    USER = "user"


class SortOrder(IntEnum):
    """v2's `order` values."""

    DESC = 0
    ASC = 1
