"""`libria://` links: `libria://play/CODE[/EPISODE]` and `libria://title/CODE`.

A link may come from any web page, so it is parsed strictly: only these two shapes, a code of
letters, digits, '-' and '_', an episode number; anything else is refused with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

SCHEME = "libria"
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")
_EPISODE = re.compile(r"[0-9]{1,5}(?:\.[0-9]{1,2})?")


class BadLinkError(ValueError):
    """The link is not one Libria opens; the message says why."""


@dataclass(frozen=True)
class DeepLink:
    action: str  # "play" or "title"
    code: str
    episode: float | None = None  # play: None for the first episode

    def as_args(self) -> list[str]:
        """The same request as command-line arguments."""
        if self.action == "title":
            return ["title", self.code]
        return ["play", self.code] + ([f"{self.episode:g}"] if self.episode is not None else [])


def is_link(text: str) -> bool:
    return text.lower().startswith(f"{SCHEME}:")


def parse_link(url: str) -> DeepLink:
    if len(url) > 512:
        raise BadLinkError("the link is too long")
    parts = urlsplit(url)
    if parts.scheme.lower() != SCHEME or not url[len(SCHEME) + 1 :].startswith("//"):
        raise BadLinkError(f"not a {SCHEME}:// link")
    if parts.query or parts.fragment or "@" in parts.netloc or ":" in parts.netloc:
        raise BadLinkError("the link has parts Libria does not use")
    action = parts.netloc.lower()
    segments = [s for s in parts.path.split("/") if s]
    if action == "title" and len(segments) == 1:
        return DeepLink("title", check_code(segments[0]))
    if action == "play" and len(segments) in (1, 2):
        episode = check_episode(segments[1]) if len(segments) == 2 else None
        return DeepLink("play", check_code(segments[0]), episode)
    raise BadLinkError("expected libria://play/CODE/EPISODE or libria://title/CODE")


def check_code(code: str) -> str:
    if not _CODE.fullmatch(code):
        raise BadLinkError(f"{code[:40]!r} is not a title code")
    return code


def check_episode(text: str) -> float:
    if not _EPISODE.fullmatch(text) or float(text) <= 0:
        raise BadLinkError(f"{text[:20]!r} is not an episode number")
    return float(text)
