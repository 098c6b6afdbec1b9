"""File and folder names made from titles (which come from the network), safe on every system.

`pathvalidate` (platform "universal") removes what Windows, macOS or Linux refuse: separators,
reserved characters, reserved names (CON, NUL, COM1...), trailing dots and spaces. Before it,
control and invisible format characters go (a right-to-left override could disguise a name),
and each name is cut to MAX_CHARS characters and MAX_BYTES bytes of UTF-8 (most file systems
allow 255 bytes a name). `inside` is the last check: a path that resolves out of its root is
refused.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pathvalidate import sanitize_filename

from app.core.download import RefusedSource

MAX_CHARS = 120
MAX_BYTES = 240
QUALITY_NAMES = {"fhd": "1080p", "hd": "720p", "sd": "480p"}
_SEPARATORS = re.compile(r"[/\\:|]+")
_SPACES = re.compile(r"\s+")
_KEEP_FORMAT = {"\u200d"}  # the zero-width joiner holds emoji sequences together


def _visible(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return "".join(
        char
        for char in text
        if unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
        or char in _KEEP_FORMAT
    )


def _clip(text: str, chars: int, size: int) -> str:
    text = text[:chars]
    while len(text.encode("utf-8")) > size:
        text = text[:-1]
    return text


def _component(text: str, chars: int = MAX_CHARS, size: int = MAX_BYTES) -> str:
    """One safe name component, or "" when nothing usable is left."""
    text = _SPACES.sub(" ", _SEPARATORS.sub(" ", _visible(text)))
    text = sanitize_filename(text, platform="universal", max_len=255)
    text = _clip(text, chars, size).strip(" .")
    # Cutting may have made a reserved name again ("CON" out of "CON..."): sanitize once more.
    text = sanitize_filename(text, platform="universal", max_len=255).strip(" .")
    return "" if text.strip(" ._-") == "" else text


def title_folder(name: str, title_id: int) -> str:
    """The folder of a title's episodes: its name, or "title-<id>" when nothing is left of it."""
    return _component(name) or f"title-{int(title_id)}"


def episode_file(title_name: str, episode_label: str, quality: str) -> str:
    """ "Ночной город — 01 [1080p].mp4": the title, the episode (two digits under 100), the
    quality (fhd, hd, sd as 1080p, 720p, 480p)."""
    label = episode_label.strip()
    if label.isascii() and label.isdigit() and int(label) < 100:
        label = f"{int(label):02d}"
    label = _component(label, 24, 60) or "00"
    shown_quality = QUALITY_NAMES.get(quality) or _component(quality, 12, 24) or "video"
    tail = f" — {label} [{shown_quality}].mp4"
    head = _component(title_name, MAX_CHARS - len(tail), MAX_BYTES - len(tail.encode("utf-8")))
    return (head or "episode") + tail


def inside(root: Path, *parts: str) -> Path:
    """`root / part / ...`, resolved (symlinks followed); RefusedSource unless it lies inside
    root. Parts are single names: no separators, `.` or `..`. Touches the disk (resolving):
    call it off the event loop."""
    for part in parts:
        if part in ("", ".", "..") or any(char in part for char in "/\\\0"):
            raise RefusedSource(f"refused the name {part[:60]!r}: not a single file name")
    base = root.resolve()
    path = base.joinpath(*parts).resolve()
    if path == base or not path.is_relative_to(base):
        raise RefusedSource(f"refused the name {'/'.join(parts)[:80]!r}: it leads out of {root}")
    return path
