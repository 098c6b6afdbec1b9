"""The download engine's test kit: the real demo server (on its own thread) driven through its
control API over real HTTP, a progress recorder that tests wait on, ffprobe of the result."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiohttp import web

from app.core.download import FetchProgress
from app.demo import DemoConfig, DemoServerThread
from app.download import segments
from app.download.engine import EpisodeSource

ROOT = Path(__file__).resolve().parents[2]
# The long demo video (titles 9007, 9008): 48 segments, 240 s. The short one: 6 segments, 30 s.
LONG = "/videos/ts/9007/0001/playlist.m3u8"
LONG_SEGMENTS, LONG_SECONDS = 48, 240.0
SHORT = "/videos/ts/9000/0001-hd/playlist.m3u8"
SHORT_SEGMENTS, SHORT_SECONDS = 6, 30.0
SEGMENTS = ROOT / "resources" / "demo" / "hls" / "sd"


@dataclass
class Media:
    """A demo server's video side, as the engine (and a test) reach it."""

    origin: str
    host: str

    def url(self, path: str) -> str:
        return self.origin + path

    def source(self, path: str, *others: Media) -> EpisodeSource:
        every = (self, *others)
        return EpisodeSource(
            urls=tuple(media.url(path) for media in every),
            allowed_hosts=frozenset(media.host for media in every),
        )

    async def fault(self, **fault: Any) -> None:
        async with httpx.AsyncClient() as http:
            answer = await http.post(f"{self.origin}/demo/media-faults", json=fault)
            answer.raise_for_status()

    async def clear_faults(self) -> None:
        async with httpx.AsyncClient() as http:
            (await http.delete(f"{self.origin}/demo/media-faults")).raise_for_status()

    async def requests(self) -> dict[str, int]:
        async with httpx.AsyncClient() as http:
            answer = await http.get(f"{self.origin}/demo/media-requests")
            answer.raise_for_status()
            counts: dict[str, int] = answer.json()
            return counts

    async def segment_requests(self, path: str) -> dict[int, int]:
        """Requests per segment number of the playlist at `path`."""
        folder = path.removeprefix("/videos/").rsplit("/", 1)[0]
        counts = await self.requests()
        return {
            int(name[3:5]): count
            for key, count in counts.items()
            if key.startswith(folder + "/") and (name := key.rsplit("/", 1)[1]).startswith("seg")
        }


def _media(runner: DemoServerThread) -> Media:
    return Media(runner.server.origin, runner.server.own_host)


def _serving() -> Iterator[Media]:
    # A smaller catalogue than the app's (it has titles 9000 and 9007): quicker to start.
    runner = DemoServerThread(DemoConfig(title_count=40)).start()
    try:
        yield _media(runner)
    finally:
        runner.stop()


@pytest.fixture
def media() -> Iterator[Media]:
    """The demo server on its own thread, as the stream host."""
    yield from _serving()


@pytest.fixture
def other_media() -> Iterator[Media]:
    """A second demo server: another stream host for the same episodes."""
    yield from _serving()


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as http:
        yield http


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "BACKOFF_BASE_S", 0.01)


class Origin:
    """An HTTP server on 127.0.0.1 that answers from `routes` and records every request path;
    anything else gets a small MPEG-TS-looking body (so a fetch would look like success)."""

    def __init__(self, folder: Path = SEGMENTS) -> None:
        self.folder = folder
        self.routes: dict[str, Callable[[], web.Response]] = {}
        self.seen: list[str] = []
        self.host = ""
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._answer)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.host = f"127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def playlist(self, path: str, text: str) -> None:
        self.routes[path] = lambda: web.Response(
            text=text, content_type="application/vnd.apple.mpegurl"
        )

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        self.seen.append(request.raw_path)
        if request.path in self.routes:
            return self.routes[request.path]()
        name = request.path.rsplit("/", 1)[-1]
        if (self.folder / name).is_file():
            return web.FileResponse(self.folder / name)
        return web.Response(body=b"\x47" + b"\0" * 187, content_type="video/mp2t")


@pytest.fixture
async def here() -> AsyncIterator[Origin]:
    origin = Origin()
    await origin.start()
    yield origin
    await origin.stop()


@pytest.fixture
async def elsewhere() -> AsyncIterator[Origin]:
    origin = Origin()
    await origin.start()
    yield origin
    await origin.stop()


class Reports:
    """Every progress report, with when it came; tests wait until enough segments are done."""

    def __init__(self) -> None:
        self.seen: list[FetchProgress] = []
        self.times: list[float] = []
        self._waiting: list[tuple[int, asyncio.Future[None]]] = []

    def __call__(self, progress: FetchProgress) -> None:
        self.seen.append(progress)
        self.times.append(time.monotonic())
        for count, future in self._waiting:
            if progress.segments_done >= count and not future.done():
                future.set_result(None)

    async def reach(self, count: int, within: float = 30.0) -> None:
        if self.seen and self.seen[-1].segments_done >= count:
            return
        future = asyncio.get_running_loop().create_future()
        self._waiting.append((count, future))
        await asyncio.wait_for(future, within)


@pytest.fixture
def reports() -> Reports:
    return Reports()


async def probe(path: Path) -> tuple[float, list[str]]:
    """(duration in seconds, stream types) as ffprobe reads the file."""
    process = await asyncio.create_subprocess_exec(
        "ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_type",
        "-of", "json", f"file:{path}",
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, _ = await process.communicate()
    assert process.returncode == 0
    info = json.loads(out)
    return float(info["format"]["duration"]), [s["codec_type"] for s in info["streams"]]


def files_under(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def complete_segments(work_dir: Path) -> set[int]:
    return {int(path.name[:5]) for path in work_dir.glob("[0-9][0-9][0-9][0-9][0-9].ts")}


def parts_in(folder: Path) -> list[Path]:
    return list(folder.glob("*.part"))


async def video_packet_sizes(source: str) -> list[int]:
    """The video packets' sizes in order: two files with the same list hold the same frames in
    the same order (a join out of order would not)."""
    process = await asyncio.create_subprocess_exec(
        "ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "packet=size",
        "-of", "csv=p=0", source,
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, _ = await process.communicate()
    assert process.returncode == 0
    return [int(line.split(b",")[0]) for line in out.split()]
