"""The shared coercions never raise, whatever string a server sends for a number (a fuzz; the
table of known cases is in tests/unit/test_coerce.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.api.coerce import as_int, as_number


@given(st.text(max_size=24))
def test_any_text_gives_an_int_or_nothing(text: str) -> None:
    assert type(as_int(text)) is int
    number = as_number(text)
    assert number is None or type(number) is float
