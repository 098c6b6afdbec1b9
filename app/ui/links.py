"""Opening links outside the app: only http(s) pages and magnet links, never anything else."""

from __future__ import annotations

import logging
import re
from urllib.parse import quote

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from app.core.sanitize import safe_link

log = logging.getLogger(__name__)
_INFO_HASH = re.compile(r"[0-9a-fA-F]{40}")
_MAGNET = re.compile(r"magnet:\?xt=urn:btih:[0-9a-f]{40}[^\x00-\x20\x7f]*")


def magnet_link(info_hash: str, name: str = "", trackers: tuple[str, ...] = ()) -> str:
    if not _INFO_HASH.fullmatch(info_hash):
        return ""
    link = f"magnet:?xt=urn:btih:{info_hash.lower()}"
    if name:
        link += f"&dn={quote(name)}"
    for tracker in trackers:
        if safe_link(tracker) or tracker.startswith("udp://"):
            link += f"&tr={quote(tracker, safe='')}"
    return link


def open_external(url: str) -> bool:
    """Hands a checked link to the system's handler; refuses (and logs) anything else."""
    checked = url if _MAGNET.fullmatch(url) else safe_link(url)
    if not checked:
        log.warning("refused to open %.100r", url)
        return False
    return bool(QDesktopServices.openUrl(QUrl(checked)))
