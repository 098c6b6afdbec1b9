"""Where the API lives: an explicit value, else $LIBRIA_API_BASE, else the public v2 address."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from app.core.settings import DEFAULT_API_BASE

__all__ = [
    "API_BASE_ENV",
    "API_KIND_ENV",
    "DEFAULT_API_BASE",
    "normalize_api_base",
    "resolve_api_base",
]
API_BASE_ENV = "LIBRIA_API_BASE"
API_KIND_ENV = "LIBRIA_API_KIND"


def normalize_api_base(url: str) -> str:
    """Checks an API base URL and drops the trailing slash; raises ValueError when unusable."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"the API base must be an http(s) URL, not {url!r}")
    if parts.username is not None or parts.password is not None or parts.query or parts.fragment:
        raise ValueError(f"the API base must be a plain URL without credentials or query: {url!r}")
    return url.rstrip("/")


def resolve_api_base(explicit: str | None = None) -> str:
    return normalize_api_base(explicit or os.environ.get(API_BASE_ENV) or DEFAULT_API_BASE)


def websocket_url(api_base: str) -> str:
    """`https://host/v2` -> `wss://host/v2/ws/`."""
    parts = urlsplit(api_base)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/ws/"
