"""The shared coercions: what a server's strings for numbers become."""

from __future__ import annotations

import pytest

from app.api.coerce import as_int


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), (" 7 ", 7), ("²", 0), ("¹²", 0), ("٣", 3), ("1e3", 1000), ("nan", 0),
     ("inf", 0), ("", 0), ("12.9", 12), ("-4", -4)],
)  # fmt: skip
def test_as_int_of_strings(raw: str, expected: int) -> None:
    # "²".isdigit() is true but int("²") raises: a superscript from a server once crashed parsing.
    assert as_int(raw) == expected
