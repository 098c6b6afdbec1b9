"""The kept record of the start page: what its first screen showed, as JSON in the cache dir.

Read at start-up with json and Qt only. A record is used only when it was made for this very
start (`KeptKey`: the app's version, language, theme, API and window size); anything that does
not match or does not parse is no record, never an error. Posters are named only as files of
the poster cache: a name that is not a cache file's (a path, "..", another form) spoils the
record, so a record written by someone else cannot make the app read elsewhere."""

from __future__ import annotations

import json
import logging
import math
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.ui.catalog.card_face import CardFace
from app.ui.pages.shelf_face import ShelfFace

log = logging.getLogger(__name__)
FORMAT = 2
MAX_BYTES = 256 * 1024  # a record is a few KB: anything larger is not ours
_POSTER_FILE = re.compile(r"[0-9a-f]{40}\.img")  # the poster cache's names (sha1 of the URL)
MAX_ROWS = 10_000
MAX_CARDS = 200  # a first screen on the largest window holds far fewer
MAX_SHELF = 50
MAX_SIDE = 16_384  # a window's width or height in pixels


@dataclass(frozen=True, slots=True)
class KeptKey:
    """What the first screen depends on besides its data: a record is used only when equal."""

    version: str
    language: str
    theme: str
    api: str  # base and kind, as the settings give them
    width: int  # the window's size as made
    height: int
    ratio: float  # the screen's device pixel ratio


@dataclass(frozen=True, slots=True)
class KeptCard:
    face: CardFace
    poster: str  # a file name in the poster cache


@dataclass(frozen=True, slots=True)
class KeptShelfCard:
    face: ShelfFace
    poster: str


@dataclass(frozen=True, slots=True)
class KeptRail:
    rows: tuple[tuple[str, bool], ...]  # each page's label and whether it is hidden
    settings: str
    account: str | None  # the account button's text; None: hidden


@dataclass(frozen=True, slots=True)
class KeptPage:
    key: KeptKey
    title: str  # the window's
    menus: tuple[str, ...]  # the menu bar's titles
    rail: KeptRail
    heading: str
    shelf_heading: str
    shelf: tuple[KeptShelfCard, ...]  # empty: no shelf shown
    rows: int  # cards on the page (the grid's scroll range), of which the first are `cards`
    cards: tuple[KeptCard, ...]

    def posters(self) -> list[str]:
        return [card.poster for card in self.cards] + [card.poster for card in self.shelf]


def dumps(page: KeptPage) -> str:
    return json.dumps({"format": FORMAT, **asdict(page)}, ensure_ascii=False)


def write(path: Path, page: KeptPage) -> None:
    """Atomically, so a start never reads half a record (runs off the UI thread)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_text(dumps(page), encoding="utf-8")
    os.replace(partial, path)


def read(path: Path, key: KeptKey) -> KeptPage | None:
    """The record at `path` if it was made for `key` and is whole; otherwise None."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return None
        page = _page(json.loads(data))
    except FileNotFoundError:
        return None
    except Exception as error:  # a cache: whatever is wrong (deep nesting, Infinity) is no record
        log.info("the kept first page is not usable: %s", type(error).__name__)
        return None
    return page if page.key == key else None


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


def _within(value: Any, low: float, high: float) -> float:
    number = float(value)
    if not (math.isfinite(number) and low <= number <= high):
        raise ValueError("out of range")
    return number


def _count(value: Any, low: int, high: int) -> int:
    return int(_within(value, low, high))


def _seed(value: Any) -> int:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("not finite")
    return int(value)


def _few(values: Any, most: int) -> list[Any]:
    if not isinstance(values, list) or len(values) > most:
        raise ValueError(f"not a list of at most {most}")
    return values


def _poster(value: Any) -> str:
    if not _POSTER_FILE.fullmatch(_str(value)):
        raise ValueError("not a poster cache file")
    return str(value)


def _card(raw: dict[str, Any]) -> KeptCard:
    face = raw["face"]
    favourite, collection = face["favourite"], face["collection"]
    return KeptCard(
        CardFace(
            _seed(face["seed"]), _str(face["name"]), _str(face["detail"]),
            ongoing=bool(face["ongoing"]), video=bool(face["video"]),
            favourite=None if favourite is None else bool(favourite),
            collection=None if collection is None else _str(collection),
            badge=_str(face["badge"]),
        ),
        _poster(raw["poster"]),
    )  # fmt: skip


def _shelf_card(raw: dict[str, Any]) -> KeptShelfCard:
    face = raw["face"]
    done = face["done"]
    return KeptShelfCard(
        ShelfFace(
            _seed(face["seed"]), _str(face["name"]), _str(face["detail"]),
            None if done is None else _within(done, 0.0, 1.0),
        ),
        _poster(raw["poster"]),
    )  # fmt: skip


def _page(raw: dict[str, Any]) -> KeptPage:
    if raw["format"] != FORMAT:
        raise ValueError("another format")
    key, rail = raw["key"], raw["rail"]
    account = rail["account"]
    return KeptPage(
        KeptKey(
            _str(key["version"]), _str(key["language"]), _str(key["theme"]), _str(key["api"]),
            _count(key["width"], 1, MAX_SIDE), _count(key["height"], 1, MAX_SIDE),
            float(key["ratio"]),
        ),
        _str(raw["title"]), tuple(_str(menu) for menu in raw["menus"]),
        KeptRail(
            tuple((_str(text), bool(hidden)) for text, hidden in rail["rows"]),
            _str(rail["settings"]), None if account is None else _str(account),
        ),
        _str(raw["heading"]), _str(raw["shelf_heading"]),
        tuple(_shelf_card(card) for card in _few(raw["shelf"], MAX_SHELF)),
        _count(raw["rows"], 0, MAX_ROWS),
        tuple(_card(card) for card in _few(raw["cards"], MAX_CARDS)),
    )  # fmt: skip
