"""A flood of new episodes on the WebSocket at once, for benchmarks and tests of bursts.

Control API (JSON):
  POST /demo/burst    {"count": 500}  or  {"ids": [9001, 9002, ...]}
         Adds the next episode to `count` listed titles (ongoing ones first, then the rest, each
         once while there are enough; then round again) or to each of `ids`, and announces them
         back to back, as a server catching up after a release wave would. Answers
         {"pushed": [{"id": ..., "episode": ..., "hash": ...}, ...]} in the order sent.
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from app.demo.catalog import Catalog

MAX_BURST = 5000
Push = Callable[[int], Awaitable[dict[str, Any]]]


def burst_ids(catalog: Catalog, count: int) -> list[int]:
    """`count` title ids the lists show: ongoing titles first, each once before any repeats."""
    shown = [t for t in catalog.titles.values() if not t.blocked]
    order = [t.id for t in shown if t.status == 1] + [t.id for t in shown if t.status != 1]
    return list(itertools.islice(itertools.cycle(order), count)) if order else []


def _ids(catalog: Catalog, data: Any) -> list[int]:
    if not isinstance(data, dict):
        raise ValueError("a burst is a JSON object")
    ids: list[int]
    if "ids" in data:
        if not isinstance(data["ids"], list) or not all(isinstance(i, int) for i in data["ids"]):
            raise ValueError("ids is a list of title ids")
        ids = list(data["ids"])
        missing = [i for i in ids if i not in catalog.titles]
        if missing:
            raise ValueError(f"no such titles: {missing[:5]}")
    else:
        count = data.get("count", 0)
        if not isinstance(count, int) or not 0 < count <= MAX_BURST:
            raise ValueError(f"count is 1..{MAX_BURST}")
        ids = burst_ids(catalog, count)
    if len(ids) > MAX_BURST:
        raise ValueError(f"at most {MAX_BURST} episodes in one burst")
    return ids


def register(app: web.Application, catalog: Catalog, push: Push) -> None:
    """Routes before the server's catch-all /demo/{action}, so they win."""

    async def burst(request: web.Request) -> web.StreamResponse:
        try:
            ids = _ids(catalog, await request.json())
        except ValueError as error:  # a body that is not JSON is a ValueError too
            return web.json_response({"error": str(error)}, status=400)
        pushed = [await push(title_id) for title_id in ids]
        return web.json_response({"pushed": pushed})

    app.router.add_post("/demo/burst", burst)
