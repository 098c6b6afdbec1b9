"""Where the API lives: an explicit value, else $LIBRIA_API_BASE, else the public v2 address."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from app.core.api_base import normalize_api_base
from app.core.settings import DEFAULT_API_BASE

# normalize_api_base lives in core (the settings dialog checks addresses too); named here as well
# for the callers that resolve the API's address.
__all__ = [
    "API_BASE_ENV",
    "API_KIND_ENV",
    "DEFAULT_API_BASE",
    "normalize_api_base",
    "resolve_api_base",
]
API_BASE_ENV = "LIBRIA_API_BASE"
API_KIND_ENV = "LIBRIA_API_KIND"


def resolve_api_base(explicit: str | None = None) -> str:
    return normalize_api_base(explicit or os.environ.get(API_BASE_ENV) or DEFAULT_API_BASE)


def websocket_url(api_base: str) -> str:
    """`https://host/v2` -> `wss://host/v2/ws/`."""
    parts = urlsplit(api_base)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/ws/"
