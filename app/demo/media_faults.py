"""Misbehaving media for tests and benchmarks: slow or failing video requests, and a count of
how many times each video path was asked for (to prove a segment was not fetched twice).

Control API (JSON):
  POST   /demo/media-faults    {"pattern": "seg03.ts" | "ts/9007/*" | "*", "delay": 0.2,
                                "fail": 3, "status": 500, "truncate": false}
         Requests under /videos/ whose path (or file name) matches `pattern` (fnmatch) wait
         `delay` seconds each; the next `fail` of them answer `status` (or, with `truncate`,
         200 with half the promised body and a dropped connection). A fault that only fails is
         gone once used up; one with a delay stays until cleared.
  DELETE /demo/media-faults    clears them all.
  GET    /demo/media-requests  {"<path under /videos/>": times requested, ...}
         With `?first=1`: {"<path>": when it was first requested, ...} in this machine's
         monotonic clock (CLOCK_MONOTONIC, the same in every process: benchmarks time against it).
  DELETE /demo/media-requests  resets the counts and the times.
"""

from __future__ import annotations

import asyncio
import fnmatch
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from aiohttp import web


@dataclass
class MediaFault:
    pattern: str = "*"
    delay: float = 0.0  # seconds before every matching answer
    fail: int = 0  # how many matching requests fail (then the fault is used up)
    status: int = 500
    truncate: bool = False  # fail with a short body instead of an error status

    def matches(self, path: str) -> bool:
        name = path.rsplit("/", 1)[-1]
        return fnmatch.fnmatchcase(path, self.pattern) or fnmatch.fnmatchcase(name, self.pattern)


def _fault(data: Any) -> MediaFault:
    if not isinstance(data, dict):
        raise ValueError("a media fault is a JSON object")
    fault = MediaFault(**data)
    if not isinstance(fault.pattern, str) or not 0 <= float(fault.delay) <= 60:
        raise ValueError("pattern is a string, delay 0..60 seconds")
    if not isinstance(fault.fail, int) or fault.fail < 0 or not 400 <= int(fault.status) <= 599:
        raise ValueError("fail is a count, status an HTTP error status")
    return fault


class MediaFaults:
    """The faults in force and the request counts; `answer()` is called for every video request."""

    def __init__(self) -> None:
        self.faults: list[MediaFault] = []
        self.requests: Counter[str] = Counter()
        self.first_requested: dict[str, float] = {}  # path -> time.monotonic() of its first

    def register(self, app: web.Application) -> None:
        """Routes before the server's catch-all /demo/{action}, so they win."""
        app.router.add_route("*", "/demo/media-faults", self._control_faults)
        app.router.add_route("*", "/demo/media-requests", self._control_requests)

    async def answer(self, request: web.Request, path: str) -> web.StreamResponse | None:
        """Counts the request, waits out any delay; a failing answer, or None to serve it."""
        self.requests[path] += 1
        self.first_requested.setdefault(path, time.monotonic())
        matching = [fault for fault in self.faults if fault.matches(path)]
        delay = max((fault.delay for fault in matching), default=0.0)
        if delay:
            await asyncio.sleep(delay)
        failing = next((fault for fault in matching if fault.fail > 0), None)
        if failing is None:
            return None
        failing.fail -= 1
        if failing.fail == 0 and not failing.delay:
            self.faults.remove(failing)
        if failing.truncate:
            return await _truncated(request)
        return web.Response(status=failing.status, text="demo media fault")

    async def _control_faults(self, request: web.Request) -> web.StreamResponse:
        if request.method == "DELETE":
            self.faults.clear()
        elif request.method == "POST":
            try:
                self.faults.append(_fault(await request.json()))
            except (ValueError, TypeError) as error:
                return web.json_response({"error": str(error)}, status=400)
        elif request.method != "GET":
            raise web.HTTPMethodNotAllowed(request.method, ["GET", "POST", "DELETE"])
        return web.json_response({"faults": len(self.faults)})

    async def _control_requests(self, request: web.Request) -> web.StreamResponse:
        if request.method == "DELETE":
            self.requests.clear()
            self.first_requested.clear()
        elif request.method != "GET":
            raise web.HTTPMethodNotAllowed(request.method, ["GET", "DELETE"])
        if request.query.get("first"):
            return web.json_response(self.first_requested)
        return web.json_response(dict(self.requests))


async def _truncated(request: web.Request) -> web.StreamResponse:
    """Promises 64 KiB, sends half, then drops the connection: a short body."""
    response = web.StreamResponse(headers={"Content-Type": "video/mp2t"})
    response.content_length = 65536
    await response.prepare(request)
    await response.write(b"\x47" + b"\0" * 32767)
    if request.transport is not None:
        request.transport.close()
    return response
