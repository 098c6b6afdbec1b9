"""The kept record of the start page: read back only when made for this very start, and never a
way to make the app read outside its poster cache."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.ui.catalog.card_face import CardFace
from app.ui.first_paint.record import (
    KeptCard,
    KeptKey,
    KeptPage,
    KeptRail,
    KeptShelfCard,
    read,
    write,
)
from app.ui.pages.shelf_face import ShelfFace

KEY = KeptKey("1.0", "ru", "dark", "v2 http://127.0.0.1:1/v2", 1320, 860, 1.0)
POSTER = "0123456789abcdef0123456789abcdef01234567.img"


def _page(key: KeptKey = KEY) -> KeptPage:
    card = KeptCard(CardFace(7, "Тетрадь смерти", "12 эпизодов · Завершён", favourite=True), POSTER)
    shelf = KeptShelfCard(ShelfFace(8, "Ван-Пис", "Эпизод 3 · 12:04", 0.4), POSTER)
    rail = KeptRail((("Новые эпизоды", False), ("Аккаунт", True)), "Настройки", None)
    menus = ("&Файл", "&Переход")
    return KeptPage(key, "Libria", menus, rail, "Новые эпизоды", "Продолжить", (shelf,), 30,
                    (card,))  # fmt: skip


def test_a_record_reads_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "first_page.json"
    write(path, _page())
    assert read(path, KEY) == _page()


def test_a_record_of_another_start_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "first_page.json"
    write(path, _page())
    for other in (replace(KEY, version="0.9"), replace(KEY, language="en"),
                  replace(KEY, theme="light"), replace(KEY, api="v1 http://x"),
                  replace(KEY, width=1000), replace(KEY, ratio=2.0)):  # fmt: skip
        assert read(path, other) is None


def test_a_poster_outside_the_cache_spoils_the_record(tmp_path: Path) -> None:
    path = tmp_path / "first_page.json"
    write(path, _page())
    good = json.loads(path.read_text())
    for hostile in ("../../etc/passwd", "/etc/passwd", "posters/" + POSTER, POSTER + "/..", ""):
        raw = json.loads(json.dumps(good))
        raw["cards"][0]["poster"] = hostile
        path.write_text(json.dumps(raw))
        assert read(path, KEY) is None
    raw = json.loads(json.dumps(good))
    raw["shelf"][0]["poster"] = "..\\x.img"
    path.write_text(json.dumps(raw))
    assert read(path, KEY) is None


def test_a_broken_or_missing_record_is_no_record(tmp_path: Path) -> None:
    path = tmp_path / "first_page.json"
    assert read(path, KEY) is None
    for text in ("", "{", "[]", '{"format": 1}', '{"format": 99}', "null"):
        path.write_text(text)
        assert read(path, KEY) is None
    write(path, _page())
    raw = json.loads(path.read_text())
    raw["cards"][0]["face"]["name"] = 5
    path.write_text(json.dumps(raw))
    assert read(path, KEY) is None


def test_a_record_that_would_break_the_reader_is_no_record(tmp_path: Path) -> None:
    path = tmp_path / "first_page.json"
    path.write_text('{"format": 2, "key": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert read(path, KEY) is None  # json's recursion limit
    write(path, _page())
    text = path.read_text()
    path.write_text(text.replace('"rows": 30', '"rows": Infinity'))
    assert read(path, KEY) is None  # int(inf)


def test_a_record_out_of_bounds_is_no_record(tmp_path: Path) -> None:
    path = tmp_path / "first_page.json"
    write(path, _page())
    good = json.loads(path.read_text())
    card, shelf = good["cards"][0], good["shelf"][0]
    spoilt: list[tuple[list[str], object]] = [
        (["rows"], -1), (["rows"], 10_001), (["cards"], [card] * 201),
        (["shelf"], [shelf] * 51), (["key", "width"], 0), (["key", "height"], -5),
        (["key", "width"], 16_385), (["key", "height"], 1e300),
    ]  # fmt: skip
    for done in (-0.1, 1.5, float("nan"), float("inf")):
        spoilt.append((["shelf", "0", "face", "done"], done))
    for seed in (float("nan"), float("inf")):
        spoilt.append((["cards", "0", "face", "seed"], seed))
    for where, value in spoilt:
        raw: Any = json.loads(json.dumps(good))
        inner = raw
        for step in where[:-1]:
            inner = inner[int(step)] if isinstance(inner, list) else inner[step]
        inner[where[-1]] = value
        path.write_text(json.dumps(raw))
        size = {"width": raw["key"]["width"], "height": raw["key"]["height"]}
        assert read(path, replace(KEY, **size)) is None, where  # the key matches: the bounds
    raw = json.loads(json.dumps(good))
    raw["rows"], raw["cards"] = 10_000, [card] * 200
    path.write_text(json.dumps(raw))
    assert read(path, KEY) is not None  # the bounds themselves are fine
