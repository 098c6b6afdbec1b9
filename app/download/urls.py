"""Checks on every URL a playlist names before anything is fetched from it.

A playlist comes from the network, so each reference in it (a variant, a segment) is checked
twice: as written (no climbing with `..`, no encoded dots or slashes, no control characters,
since resolving would hide those) and once resolved (scheme, allowed host, no credentials, no
fragment, a clean path). Messages name the host and path, never the query (it may hold a token).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from app.core.download import RefusedSource
from app.core.stream_urls import UnsafeStreamError, check_host, check_path

_QUERY = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,1024}")
_ENCODED = ("%2e", "%2f", "%5c", "%00")
_REFERENCE_MAX = 2048


def _shown(url: str) -> str:
    """A URL as it may appear in a message: without query and fragment, and short."""
    shown = url.split("?", 1)[0].split("#", 1)[0]
    return shown if len(shown) <= 120 else shown[:117] + "..."


def check_url(url: str, scheme: str, allowed_hosts: frozenset[str]) -> str:
    """A full URL to fetch: http(s) (http only when `scheme` is), a host in `allowed_hosts`
    ("host[:port]", lowercase), no credentials or fragment, a path `check_path` accepts."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (parsed only to reject a malformed one)
    except ValueError:
        raise RefusedSource(f"refused {_shown(url)!r}: not a URL") from None
    if parts.scheme != "https" and not (parts.scheme == "http" == scheme):
        raise RefusedSource(f"refused {_shown(url)!r}: scheme {parts.scheme or 'none'!r}")
    if "@" in parts.netloc or parts.username is not None:
        raise RefusedSource(f"refused a URL on {parts.hostname!r}: it carries credentials")
    if parts.fragment or "#" in url:
        raise RefusedSource(f"refused {_shown(url)!r}: it carries a fragment")
    try:
        host = check_host(parts.netloc)
        check_path(parts.path)
    except UnsafeStreamError as error:
        raise RefusedSource(str(error)) from None
    if host not in allowed_hosts:
        raise RefusedSource(f"refused host {host!r}: not one of this episode's stream hosts")
    if parts.query and not _QUERY.fullmatch(parts.query):
        raise RefusedSource(f"refused {_shown(url)!r}: unexpected characters in the query")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme}://{host}{parts.path}{query}"


def check_reference(reference: str) -> None:
    """A reference as the playlist wrote it, before resolving folds `..` and `.` away."""
    if not reference or len(reference) > _REFERENCE_MAX:
        raise RefusedSource("refused an empty or overlong reference in the playlist")
    if any(ord(char) < 0x21 or ord(char) == 0x7F for char in reference) or "\\" in reference:
        raise RefusedSource(f"refused {_shown(reference)!r}: spaces, controls or backslashes")
    lowered = reference.lower()
    if any(code in lowered for code in _ENCODED):
        raise RefusedSource(f"refused {_shown(reference)!r}: encoded dots or slashes")
    path = urlsplit(reference).path
    if any(part in ("..", ".") for part in path.split("/")):
        raise RefusedSource(f"refused {_shown(reference)!r}: it climbs with ..")


def resolve(base: str, reference: str, scheme: str, allowed_hosts: frozenset[str]) -> str:
    """`reference` (relative or absolute) resolved against the playlist at `base`, checked."""
    check_reference(reference)
    return check_url(urljoin(base, reference), scheme, allowed_hosts)


def on_each_host(
    reference: str, bases: Iterable[str], scheme: str, allowed_hosts: frozenset[str]
) -> tuple[str, ...]:
    """The reference resolved against the same playlist on every host, the first host's first.

    The first must pass (else RefusedSource); another host whose URL fails a check is left out.
    An absolute reference to the first playlist's own host moves with the host; one to another
    host stays where it is (there is no other copy of it to try).
    """
    bases = list(bases)
    first = resolve(bases[0], reference, scheme, allowed_hosts)
    found = [first]
    written = urlsplit(reference)
    absolute = bool(written.scheme or written.netloc)
    if absolute and urlsplit(first).netloc != urlsplit(bases[0]).netloc.lower():
        return (first,)
    for base in bases[1:]:
        where = urlsplit(base)
        if absolute:
            candidate = urlsplit(first)._replace(scheme=where.scheme, netloc=where.netloc).geturl()
        else:
            candidate = urljoin(base, reference)
        try:
            found.append(check_url(candidate, scheme, allowed_hosts))
        except RefusedSource:
            continue  # that host cannot serve this one; the others still can
    return tuple(dict.fromkeys(found))


def path_key(url: str) -> str:
    """What names a segment across restarts and hosts: its path (hosts and tokens change)."""
    return urlsplit(url).path
