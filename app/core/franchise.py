"""A franchise: the seasons, films and specials that belong together, in watching order."""

from __future__ import annotations

from msgspec import Struct

from app.core.title import Title


class Franchise(Struct, frozen=True, gc=False):
    id: str
    name: str = ""
    english: str = ""
    first_year: int = 0
    last_year: int = 0
    titles: tuple[Title, ...] = ()  # in the franchise's own order
