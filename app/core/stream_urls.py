"""Stream URLs from parts the network gave us, checked before anything reaches mpv.

A URL is `<scheme>://<host><path>`: the scheme is the API base's, the host comes from the API
(`player.hosts.hls`, `player.host`, or a caching node), the path from the episode. Both parts are
checked strictly; anything else is refused with a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

# Where AniLibria's own streams live (v1 gives full URLs on these and their subdomains).
MEDIA_DOMAINS = ("libria.fun", "anilibria.top", "anilibria.wtf", "aniliberty.top", "anilibria.tv")
_QUERY = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,512}")

_HOST = re.compile(
    r"(?=.{1,253}(?::|$))"  # a sane total length
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?::(?P<port>\d{1,5}))?"
)
_PATH = re.compile(r"/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*")


class UnsafeStreamError(ValueError):
    """A host or path from the network that will not be handed to the player."""


def check_host(host: str) -> str:
    """A host name (or IPv4 address) with an optional port, and nothing else."""
    match = _HOST.fullmatch(host)
    if not match:
        raise UnsafeStreamError(f"refused stream host {host!r}: not a plain host name")
    port = match.group("port")
    if port is not None and not 0 < int(port) < 65536:
        raise UnsafeStreamError(f"refused stream host {host!r}: bad port")
    return host.lower()


def check_path(path: str) -> str:
    """An absolute path on the host: no scheme, no `..`, no control characters, no backslash."""
    if not path.startswith("/") or path.startswith("//"):
        raise UnsafeStreamError(f"refused stream path {path!r}: it must start with a single /")
    if not _PATH.fullmatch(path):
        raise UnsafeStreamError(f"refused stream path {path!r}: unexpected characters")
    if any(segment in ("..", ".") for segment in path.split("/")):
        raise UnsafeStreamError(f"refused stream path {path!r}: it climbs out with ..")
    lowered = path.lower()
    if any(code in lowered for code in ("%2e", "%2f", "%5c", "%00")):
        raise UnsafeStreamError(f"refused stream path {path!r}: encoded dots or slashes")
    if "://" in path:
        raise UnsafeStreamError(f"refused stream path {path!r}: it carries a scheme")
    return path


def stream_url(api_base: str, host: str, path: str) -> str:
    scheme = urlsplit(api_base).scheme
    if scheme not in ("http", "https"):
        raise UnsafeStreamError(f"refused scheme {scheme!r}")
    return f"{scheme}://{check_host(host)}{check_path(path)}"


def complete_node(name: str, preferred_host: str) -> str | None:
    """A caching node's host: short names ("de6") take the preferred host's domain
    ("de4.libria.fun" -> "de6.libria.fun"); names with a dot or colon are hosts already."""
    if "." in name or ":" in name:
        return name
    bare = preferred_host.rsplit(":", 1)[0]
    digits = bare.replace(".", "")
    if "." not in bare or (digits.isascii() and digits.isdigit()):
        return None  # no domain to complete with (no dot, or an IP address)
    return f"{name}.{bare.split('.', 1)[1]}"


_DOWNLOAD_QUERY = re.compile(r"\?download=[^\x00-\x20\x7f\"'<>\\#]{1,200}")


def download_url(api_base: str, host: str, path: str, query: str) -> str:
    """An mp4 link: the checked host and path plus the API's `?download=name` query."""
    url = stream_url(api_base, host, path)
    if query and not _DOWNLOAD_QUERY.fullmatch(query):
        raise UnsafeStreamError(f"refused download query {query!r}")
    return url + query


def allowed_domains(api_base: str, configured: str = "") -> tuple[str, ...]:
    """The API's own host, AniLibria's media domains and what the user configured."""
    extra = [part.strip().lower() for part in configured.split(",") if part.strip()]
    own = (urlsplit(api_base).hostname or "").lower()
    return tuple(dict.fromkeys([own, *MEDIA_DOMAINS, *extra]))


def _within(host: str, domains: Iterable[str]) -> bool:
    return any(domain and (host == domain or host.endswith("." + domain)) for domain in domains)


def check_stream_url(url: str, api_base: str, domains: Iterable[str]) -> str:
    """A full stream URL from the network (v1 gives them), checked like host + path: https
    unless the API itself is plain http (a local or LAN server), a host on the allow-list,
    no credentials, no fragment, a clean path."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UnsafeStreamError(f"refused stream URL {url!r}: not a URL") from None
    wanted = urlsplit(api_base).scheme
    if parts.scheme != "https" and not (parts.scheme == "http" and wanted == "http"):
        raise UnsafeStreamError(f"refused stream URL {url!r}: only https streams are played")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise UnsafeStreamError(f"refused stream URL {url!r}: it carries credentials")
    if parts.fragment or "#" in url:
        raise UnsafeStreamError(f"refused stream URL {url!r}: it carries a fragment")
    if parts.query and not _QUERY.fullmatch(parts.query):
        raise UnsafeStreamError(f"refused stream URL {url!r}: unexpected characters in the query")
    host = check_host(parts.netloc)
    bare = (parts.hostname or "").lower()
    if not _within(bare, domains):
        raise UnsafeStreamError(f"refused stream host {bare!r}: not one of the allowed hosts")
    check_path(parts.path)
    query = f"?{parts.query}" if parts.query else ""
    del port  # parsed only to reject a malformed one
    return f"{parts.scheme}://{host}{parts.path}{query}"
