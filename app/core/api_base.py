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


def account_origin(url: str) -> str:
    """`https://AniLibria.top/api/v1/` -> `https://anilibria.top`: what a sign-in is kept under,
    one per service, so the demo's never meets the live one's."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"an account key is an http(s) origin, not {url!r}")
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme.lower()}://{parts.hostname}{port}"
