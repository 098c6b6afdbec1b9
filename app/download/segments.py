"""Fetching segments: one to a file, several at a time, each retried with back-off on every host
before the episode fails.

A segment is written as `NNNNN.ts.part` and renamed to `NNNNN.ts` only when its whole body
arrived, so a complete name always means a complete segment; a part is removed whenever its
fetch stops (failure, cancel), and one left by a kill is removed on the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import BinaryIO

import httpx

from app.core.download import DiskFull, DownloadFailed, Unreachable
from app.download.playlist import Segment
from app.download.space import is_disk_full

ATTEMPTS = 3  # rounds over all hosts before a segment fails
BACKOFF_BASE_S = 0.5  # waits 0.5 s, then 1 s, between rounds
SEGMENT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
MAX_SEGMENT_BYTES = 256 * 1024 * 1024  # no hostile server fills the disk through one segment
_RETRY_STATUSES = (408, 429)
_TS_SYNC = 0x47  # every MPEG-TS packet starts with it: an HTML error page with 200 does not


class _Retry(Exception):
    """This host failed this time; worth another try (here later, or on another host)."""


class _NoConnection(_Retry):
    """The host could not be reached at all (no connection, timed out)."""


class _Refused(Exception):
    """This host will not serve this segment (a 4xx): trying it again would not help."""


def write_chunk(out: BinaryIO, chunk: bytes) -> None:
    out.write(chunk)


async def fetch_segment(
    client: httpx.AsyncClient,
    segment: Segment,
    part: Path,
    final: Path,
    on_bytes: Callable[[int], None],
    label: str,
) -> int:
    """Fetches one segment to `final` (through `part`); its size. DownloadFailed("<label>:
    <reason>") after ATTEMPTS rounds over the hosts, or at once when every host refused it."""
    hosts = list(segment.urls)
    reason = "no host to fetch it from"
    offline = False  # the last failure was no connection at all
    for attempt in range(ATTEMPTS):
        if attempt:
            await asyncio.sleep(BACKOFF_BASE_S * 2 ** (attempt - 1))
        for url in list(hosts):
            try:
                size = await _fetch_once(client, url, part, on_bytes)
            except _Refused as error:
                hosts.remove(url)
                reason, offline = str(error), False
                continue
            except _Retry as error:
                reason, offline = str(error), isinstance(error, _NoConnection)
                continue
            # On the loop, not a thread: a rename in one folder is quick, and a cancel landing
            # while a thread did it would leave the part to be renamed after the fetch "ended".
            os.replace(part, final)
            return size
        if not hosts:
            break
    raise (Unreachable if offline else DownloadFailed)(f"{label}: {reason}")


async def _fetch_once(
    client: httpx.AsyncClient, url: str, part: Path, on_bytes: Callable[[int], None]
) -> int:
    received = 0
    try:
        # No redirects: a redirect would lead to a host nobody checked.
        async with client.stream(
            "GET", url, timeout=SEGMENT_TIMEOUT, follow_redirects=False
        ) as response:
            _check_status(response.status_code)
            promised = response.headers.get("content-length")
            # Opened and written on the loop: one quick call each (chunks of a segment), and no
            # file object can be lost to a cancel landing between a thread's open and its use.
            with open(part, "wb") as out:  # noqa: ASYNC230
                async for chunk in response.aiter_bytes():
                    if received == 0 and chunk[:1] != bytes([_TS_SYNC]):
                        raise _Retry("the answer is not an MPEG-TS segment")
                    received += len(chunk)
                    if received > MAX_SEGMENT_BYTES:
                        raise _Refused("the segment is too large")
                    write_chunk(out, chunk)
                    on_bytes(len(chunk))
        arrived = response.num_bytes_downloaded  # as sent (before any content decoding)
        if received == 0 or (promised and promised.isdigit() and int(promised) != arrived):
            raise _Retry(f"short body ({arrived} bytes)")
        return received
    except BaseException as error:
        _discard(part)
        on_bytes(-received)
        translated = _translated(error)
        if translated is error:
            raise
        raise translated from None


def _check_status(status: int) -> None:
    if status == 200:
        return
    if status >= 500 or status in _RETRY_STATUSES:
        raise _Retry(f"HTTP {status}")
    raise _Refused(f"HTTP {status}")  # 3xx too: redirects are not followed


def _translated(error: BaseException) -> BaseException:
    """Transport and disk errors as the retry loop and the viewer understand them."""
    if isinstance(error, httpx.TimeoutException):
        return _NoConnection("timed out")
    if isinstance(error, httpx.TransportError):
        return _NoConnection(f"connection error ({type(error).__name__})")
    if isinstance(error, httpx.HTTPError):
        return _Retry(f"connection error ({type(error).__name__})")
    if isinstance(error, OSError) and is_disk_full(error):
        return DiskFull("the disk is full (no space left while saving a segment)")
    if isinstance(error, OSError):
        return DownloadFailed(f"cannot save a segment: {error.strerror or error}")
    return error


def _discard(part: Path) -> None:
    # A plain unlink even while cancelled: one small file, and it must not outlive the fetch.
    with contextlib.suppress(FileNotFoundError):
        part.unlink()


async def run_pool(
    indices: Iterable[int], fetch: Callable[[int], Awaitable[None]], parallel: int
) -> None:
    """`fetch(index)` for every index, `parallel` at a time; the first failure cancels the rest
    (their parts are removed) and is raised; a cancel reaches every fetch the same way."""
    waiting = deque(indices)

    async def worker() -> None:
        while waiting:
            await fetch(waiting.popleft())

    tasks = [asyncio.create_task(worker()) for _ in range(min(parallel, len(waiting)))]
    if not tasks:
        return
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for task in done:
            error = task.exception()
            if error is not None:
                raise error
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
