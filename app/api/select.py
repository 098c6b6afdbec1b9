"""Which API a base URL speaks (v1 or v2), and the backend for it.

The kind is read from the URL where it says (`.../api/v1`, `.../v2`), else a probe asks both
kinds' cheapest method. With no URL at all, the service's known addresses are probed and the first
that answers wins (v1 first: AniLibria retired v2 in 2025).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from app import __version__
from app.api import tls
from app.api.backend import ApiKind, Backend
from app.core.api_base import normalize_api_base

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

LIVE_BASES = (
    ("https://anilibria.top/api/v1", ApiKind.V1),
    ("https://anilibria.wtf/api/v1", ApiKind.V1),
    ("https://api.anilibria.tv/v2", ApiKind.V2),
)
PROBE_TIMEOUT = 4.0
_PROBES = {ApiKind.V1: "anime/catalog/references/years", ApiKind.V2: "getYears"}
_V2_PATH = re.compile(r"/v2(?:\.\d+)?")


def kind_from_url(url: str) -> ApiKind | None:
    path = urlsplit(url).path.rstrip("/")
    if path.endswith("/api/v1"):
        return ApiKind.V1
    if _V2_PATH.fullmatch(path[path.rfind("/") :] if path else ""):
        return ApiKind.V2
    return None


async def answers(
    url: str, kind: ApiKind, transport: httpx.AsyncBaseTransport | None = None
) -> bool:
    """True when `url` answers `kind`'s cheapest method with a JSON list."""
    import httpx  # with its TLS set-up: loaded when a probe is needed, not at every start

    target = f"{url.rstrip('/')}/{_PROBES[kind]}"
    try:
        async with httpx.AsyncClient(
            timeout=PROBE_TIMEOUT,
            transport=transport,
            headers={"User-Agent": f"Libria/{__version__}"},
            verify=tls.context(),
        ) as http:
            response = await http.get(target)
        return response.status_code == 200 and isinstance(response.json(), list)
    except (httpx.HTTPError, ValueError):
        return False


async def detect(url: str, transport: httpx.AsyncBaseTransport | None = None) -> ApiKind | None:
    """The URL's kind from its path, else from which probe it answers (None: neither)."""
    known = kind_from_url(url)
    if known is not None:
        return known
    v1, v2 = await asyncio.gather(
        answers(url, ApiKind.V1, transport), answers(url, ApiKind.V2, transport)
    )
    return ApiKind.V1 if v1 else ApiKind.V2 if v2 else None


Candidates = Sequence[tuple[str, ApiKind]]


async def first_answering(
    kind: ApiKind = ApiKind.AUTO,
    transport: httpx.AsyncBaseTransport | None = None,
    candidates: Candidates = LIVE_BASES,
) -> tuple[str, ApiKind] | None:
    """The first of `candidates` (of `kind`, unless AUTO) that answers; all are asked at once."""
    wanted = [(url, k) for url, k in candidates if kind in (ApiKind.AUTO, k)]
    results = await asyncio.gather(*(answers(url, k, transport) for url, k in wanted))
    return next((pair for pair, ok in zip(wanted, results, strict=True) if ok), None)


def fallback(
    kind: ApiKind = ApiKind.AUTO, candidates: Candidates = LIVE_BASES
) -> tuple[str, ApiKind]:
    """Where to start when no candidate answers: the first of the wanted kind."""
    return next(((url, k) for url, k in candidates if kind in (ApiKind.AUTO, k)), candidates[0])


async def choose(
    url: str | None,
    kind: ApiKind = ApiKind.AUTO,
    transport: httpx.AsyncBaseTransport | None = None,
    candidates: Candidates = LIVE_BASES,
) -> tuple[str, ApiKind]:
    """The base URL and kind to use. Raises ValueError for an unusable URL."""
    if url:
        url = normalize_api_base(url)
        if kind is ApiKind.AUTO:
            # Unknown and silent (offline?): v2, what such addresses used to be.
            kind = await detect(url, transport) or ApiKind.V2
        return url, kind
    found = await first_answering(kind, transport, candidates)
    if found is not None:
        log.info("using %s (%s): it answers", *found)
        return found
    chosen = fallback(kind, candidates)
    log.info("no known address answers; starting with %s", chosen[0])
    return chosen


def make_backend(url: str, kind: ApiKind) -> Backend:
    if kind is ApiKind.V1:
        from app.api.v1.backend import V1Backend

        return V1Backend(url)
    from app.api.v2.backend import V2Backend

    return V2Backend(url)
