"""Title descriptions come as HTML from the network: keep formatting, drop everything active."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

import nh3

_TAGS = {"p", "br", "b", "strong", "i", "em", "u", "s", "a", "ul", "ol", "li", "span", "blockquote"}
_SAFE_SCHEMES = {"http", "https"}


def safe_link(url: str) -> str:
    """The URL when it is a plain http(s) link to a host, else ""."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.hostname:
        return ""
    if any(ord(char) < 0x20 or char in " \x7f" for char in url):
        return ""
    return url


def sanitize_html(fragment: str) -> str:
    """HTML safe to render: scripts, styles, frames, handlers and non-http(s) links removed."""
    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes={"a": {"href"}},
        url_schemes=_SAFE_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def plain_to_html(text: str) -> str:
    """Plain text shown in a rich-text widget: escaped, line breaks kept."""
    return html.escape(text).replace("\r\n", "\n").replace("\n", "<br>")
