"""The shared coercions never raise, whatever string a server sends for a number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.api.coerce import as_int, as_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), (" 7 ", 7), ("²", 0), ("¹²", 0), ("٣", 3), ("1e3", 1000), ("nan", 0),
     ("inf", 0), ("", 0), ("12.9", 12), ("-4", -4)],
)  # fmt: skip
def test_as_int_of_strings(raw: str, expected: int) -> None:
    # "²".isdigit() is true but int("²") raises: a superscript from a server once crashed parsing.
    assert as_int(raw) == expected


@given(st.text(max_size=24))
def test_any_text_gives_an_int_or_nothing(text: str) -> None:
    assert type(as_int(text)) is int
    number = as_number(text)
    assert number is None or type(number) is float
