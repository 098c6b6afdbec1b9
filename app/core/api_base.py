"""What makes an address usable as an API base: checked where it is typed in and where it is used.

Plain string work (no I/O), so the settings dialog can check an address without importing api.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def normalize_api_base(url: str) -> str:
    """Checks an API base URL and drops the trailing slash; raises ValueError when unusable."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"the API base must be an http(s) URL, not {url!r}")
    if parts.username is not None or parts.password is not None or parts.query or parts.fragment:
        raise ValueError(f"the API base must be a plain URL without credentials or query: {url!r}")
    return url.rstrip("/")
