"""Where the API lives: the address the caller passes (what the settings say), else the public
v2 address. The environment is the settings store's business, not read here."""

from __future__ import annotations

from urllib.parse import urlsplit

from app.core.api_base import normalize_api_base
from app.core.settings import DEFAULT_API_BASE

# normalize_api_base lives in core (the settings dialog checks addresses too); named here as well
# for the callers that resolve the API's address.
__all__ = [
    "DEFAULT_API_BASE",
    "normalize_api_base",
    "resolve_api_base",
]


def resolve_api_base(explicit: str | None = None) -> str:
    return normalize_api_base(explicit or DEFAULT_API_BASE)


def websocket_url(api_base: str) -> str:
    """`https://host/v2` -> `wss://host/v2/ws/`."""
    parts = urlsplit(api_base)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/ws/"
