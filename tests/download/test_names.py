"""Names made from titles the network sends: safe on every system, always inside their root."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.download import RefusedSource
from app.download.names import MAX_BYTES, MAX_CHARS, episode_file, inside, title_folder

RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))}
RESERVED |= {f"LPT{i}" for i in range(1, 10)}

HOSTILE = [
    "../../etc",
    "..",
    ".",
    "CON",
    "nul",
    "COM1.txt",
    "a/b",
    "a\\b",
    "/etc/passwd",
    "C:\\Windows\\system32",
    "x\x00y\x1fz\x7f",
    "line\nbreak\rreturn\ttab",
    "Title. . .",
    "   ",
    "",
    "Я" * 500,
    "a" * 500,
    "🎉" * 200,
    "👨‍👩‍👧 Семья",
    "Ночной город",
    "Re:Zero − Жизнь с нуля в альтернативном мире",
    'Опасное <b>описание</b> "кавычки" & амперсанд?*|',
    "evil\u202egpj.exe",  # a right-to-left override to disguise the extension
    "zero\u200bwidth",
]


def _safe(name: str) -> None:
    assert name and name not in (".", "..")
    assert not any(char in name for char in '/\\:*?"<>|')
    assert not any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in name)
    assert "\u202e" not in name and "\u200b" not in name
    assert name == name.strip(" .") and not name.startswith(".")
    assert name.split(".")[0].upper().rstrip() not in RESERVED
    assert len(name) <= MAX_CHARS and len(name.encode("utf-8")) <= MAX_BYTES


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_titles_give_safe_names_inside_the_root(title: str, tmp_path: Path) -> None:
    folder = title_folder(title, 9001)
    file = episode_file(title, "1", "fhd")
    _safe(folder)
    _safe(file)
    assert file.endswith(" — 01 [1080p].mp4")
    path = inside(tmp_path, folder, file)
    assert path.parent.parent == tmp_path.resolve()
    path.parent.mkdir()
    path.write_bytes(b"")  # the file system takes it as it is
    assert [p.name for p in path.parent.iterdir()] == [file]


def test_names_read_well() -> None:
    assert episode_file("Ночной город", "1", "fhd") == "Ночной город — 01 [1080p].mp4"
    assert episode_file("Ночной город", "12", "hd") == "Ночной город — 12 [720p].mp4"
    assert episode_file("Ночной город", "12.5", "sd") == "Ночной город — 12.5 [480p].mp4"
    assert episode_file("Ночной город", "100", "fhd") == "Ночной город — 100 [1080p].mp4"
    assert episode_file("Ночной город", "Фильм", "fhd") == "Ночной город — Фильм [1080p].mp4"
    assert episode_file("a/b", "../1", "fhd") == "a b — 1 [1080p].mp4"
    assert title_folder("Ночной город", 9001) == "Ночной город"
    assert title_folder("Fate/stay night: UBW", 1) == "Fate stay night UBW"
    assert title_folder("", 42) == "title-42"
    assert title_folder("../..", 42) == "title-42"
    assert title_folder("\x00\x01", 42) == "title-42"
    assert title_folder("CON", 42) == "CON_"
    assert episode_file("", "3", "fhd") == "episode — 03 [1080p].mp4"
    long = episode_file("Я" * 500, "1", "fhd")
    assert long.startswith("ЯЯЯ") and long.endswith(" — 01 [1080p].mp4")


@settings(max_examples=200, deadline=None)
@given(title=st.text(max_size=300), label=st.text(max_size=30), title_id=st.integers(1, 10**9))
def test_any_title_gives_a_safe_name(title: str, label: str, title_id: int) -> None:
    _safe(title_folder(title, title_id))
    _safe(episode_file(title, label, "hd"))


def test_inside_refuses_what_leads_out(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "outside").mkdir()
    (root / "link").symlink_to(tmp_path / "outside")
    (root / "good").symlink_to(root / "real")
    for parts in (("..",), ("a", ".."), ("a/b",), ("/etc",), ("",), ("link", "x.mp4"), ()):
        with pytest.raises(RefusedSource):
            inside(root, *parts)
    assert inside(root, "Ночной город", "x.mp4") == root.resolve() / "Ночной город" / "x.mp4"
    assert inside(root, "good", "x.mp4") == root.resolve() / "real" / "x.mp4"
