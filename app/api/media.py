"""Turning the relative media paths an API gives into absolute URLs, refusing anything odd."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Whitespace and control characters never belong in a URL we hand on.
_UNSAFE = re.compile(r"[\x00-\x20\x7f]")
# The common case, accepted without the cost of urlsplit (v1 sends three stream URLs an episode):
# http(s), a plain host name or address with an optional port, and no "@" or "\" anywhere after.
_PLAIN = re.compile(
    r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})(?::[0-9]{1,5})?(?:[/?#][^@\\]*)?"
)


def origin_of(url: str) -> str:
    """`https://api.example.org/v2` -> `https://api.example.org`."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


class MediaResolver:
    """Resolves relative poster/torrent/preview paths against a media origin."""

    __slots__ = ("_origin", "_scheme")

    def __init__(self, origin: str) -> None:
        self._origin = origin_of(origin)
        self._scheme = urlsplit(self._origin).scheme

    @property
    def origin(self) -> str:
        return self._origin

    def resolve(self, value: object) -> str:
        """An absolute http(s) URL, or "" for anything that is not a safe media link."""
        if type(value) is not str or not value or _UNSAFE.search(value):
            return ""
        if value.startswith("//"):
            return self._checked(f"{self._scheme}:{value}")
        if value.startswith("/"):
            return self._origin + value
        return self._checked(value)

    @staticmethod
    def _checked(url: str) -> str:
        if _PLAIN.fullmatch(url):
            return url
        try:
            parts = urlsplit(url)
        except ValueError:
            return ""
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return ""
        if parts.username is not None or parts.password is not None:
            return ""
        return url
