"""The demo server: AniLibria v2 REST under /v2/ (2.8 shape) and /v2.13/ (2.13 shape), the
WebSocket under <base>/ws/, HLS video, posters, .torrent files, and a small control API
under /demo/ that tests and users use to push updates (a burst: app.demo.burst) and inject
faults (slow or failing video: app.demo.media_faults). Episodes play a 30 s video of their
quality (resources/demo/hls/<q>/), `DemoConfig.long_titles` (9007, 9008) 4 minutes (hls/long/)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from aiohttp import web

from app.core.paths import resources_dir
from app.demo import account_routes, burst, media_routes
from app.demo.accounts import Accounts
from app.demo.catalog import Catalog, generate
from app.demo.hub import Hub
from app.demo.media_faults import MediaFaults
from app.demo.methods import Context, MethodError, call
from app.demo.records import DemoEpisode
from app.demo.v1_routes import V1Context, V1Error
from app.demo.v1_routes import handle as handle_v1
from app.demo.v1_wire import LIVE, SHAPES
from app.demo.wire import SHAPE_28, SHAPE_213, VERSIONS, WireOptions

log = logging.getLogger(__name__)

API_PREFIXES = {"v2": SHAPE_28, "v2.13": SHAPE_213}
_HLS_28 = re.compile(r"ts/(\d+)/(\d{4})(-hd|-sd)?/(playlist\.m3u8|seg\d\d\.ts)")
_HLS_213 = re.compile(r"media/ts/(\d+)/(\d+)/(1080|720|480)/([0-9a-f]{32}\.m3u8|seg\d\d\.ts)")
_QUALITY_28 = {"-hd": "fhd", None: "hd", "-sd": "sd"}
_QUALITY_213 = {"1080": "fhd", "720": "hd", "480": "sd"}


@dataclass
class DemoConfig:
    host: str = "127.0.0.1"
    port: int = 0  # 0: any free port
    seed: int = 2025
    title_count: int = 240
    # The host[:port] titles name as their preferred stream host; default: this server.
    hls_host: str | None = None
    # getCachingNodes; default: this server under its address, weight 10.
    caching_nodes: dict[str, int] | None = None
    # Seconds between new episodes announced on the WebSocket; None: only when asked.
    auto_episode_interval: float | None = None
    hls_dir: Path = field(default_factory=lambda: resources_dir() / "demo" / "hls")
    # The v1 side's shapes: "live" (what the service sends) or "openapi" (its description);
    # one request may ask for the other with `?shape=`.
    v1_shape: str = LIVE
    # Titles whose episodes play the long video (resources/demo/hls/long) in every quality.
    long_titles: frozenset[int] = frozenset({9007, 9008})  # no test of the 30 s video uses them


@dataclass
class Fault:
    """A planned misbehaviour for the next `count` calls of `method` ("*" for any)."""

    method: str = "*"
    status: int | None = None  # HTTP status to answer with
    code: int | None = None  # error code in the body (defaults to status)
    message: str = "Internal Server Error!"
    malformed: bool = False  # answer 200 with a body that is not JSON
    delay: float = 0.0  # seconds to wait before answering
    api_version: str | None = None  # answer normally but with this API-Version header
    count: int = 1


class DemoServer:
    """Runs on the current asyncio loop: `await start()`, `await stop()`."""

    def __init__(self, config: DemoConfig | None = None) -> None:
        self.config = config or DemoConfig()
        self.catalog: Catalog = generate(self.config.seed, self.config.title_count)
        self.hub = Hub()
        self.accounts = Accounts()
        self.faults: list[Fault] = []
        self.request_count = 0
        self.video_requests: list[str] = []  # paths under /videos/ served, for tests to watch
        self.v1_requests: list[tuple[str, int]] = []  # (v1 path, status) answered
        self.media = MediaFaults()  # slow or failing video, and per-path request counts
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._auto_task: asyncio.Task[None] | None = None

    # ----- addresses -----

    @property
    def port(self) -> int:
        return self._port

    @property
    def origin(self) -> str:
        return f"http://{self.config.host}:{self._port}"

    def api_base(self, shape: str = SHAPE_28) -> str:
        prefix = next(p for p, s in API_PREFIXES.items() if s == shape)
        return f"{self.origin}/{prefix}"

    @property
    def api_base_v1(self) -> str:
        return f"{self.origin}/api/v1"

    @property
    def own_host(self) -> str:
        return f"{self.config.host}:{self._port}"

    # ----- lifecycle -----

    async def start(self) -> None:
        app = web.Application(client_max_size=1024 * 1024)
        self.media.register(app)
        burst.register(app, self.catalog, self.push_episode)
        app.router.add_route("*", "/demo/{action}", self._control)
        app.router.add_get("/{prefix:v2(?:\\.13)?}/ws/", self._websocket)
        app.router.add_get("/{prefix:v2(?:\\.13)?}/webSocket/", self._websocket)
        app.router.add_get("/{prefix:v2(?:\\.13)?}/{method}", self._api)
        account_routes.register(app, self.accounts, self.catalog, lambda: self.config.v1_shape)
        app.router.add_get("/api/v1/{tail:.*}", self._api_v1)
        app.router.add_get("/videos/{tail:.+}", self._video)
        app.router.add_get("/upload/release/350x500/{id:\\d+}.jpg", self._poster)
        app.router.add_get("/storage/releases/posters/{id:\\d+}/{name}", self._poster)
        still = media_routes.still
        for path in (
            "/storage/releases/episodes/previews/{id:\\d+}/{ep}/{name}",
            "/storage/anime/genres/images/{id:\\d+}/{name}",
            "/storage/media/videos/previews/{id:\\d+}.jpg",
            "/storage/media/videos/previews/{id:\\d+}/{name}",
        ):
            app.router.add_get(path, still)
        app.router.add_get("/upload/torrents/{id:\\d+}.torrent", self._torrent)
        app.router.add_get("/public/torrent/download.php", self._torrent)
        app.router.add_get("/", self._index)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.config.host, self.config.port, reuse_address=True)
        await site.start()
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        self._port = sockets[0].getsockname()[1] if sockets else self.config.port
        if self.config.auto_episode_interval:
            self._auto_task = asyncio.create_task(self._auto_episodes())
        log.info("demo server on %s", self.origin)

    async def stop(self) -> None:
        if self._auto_task is not None:
            self._auto_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._auto_task
            self._auto_task = None
        await self.hub.drop_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ----- live updates -----

    async def push_episode(self, title_id: int | None = None) -> dict[str, Any]:
        """Adds the next episode to a title (an ongoing one at random by default) and
        announces it on the WebSocket. Returns what was pushed."""
        if title_id is None:
            ongoing = [t for t in self.catalog.titles.values() if t.status == 1]
            title = random.choice(ongoing)
        else:
            found = self.catalog.titles.get(title_id)
            if found is None:
                raise MethodError(404, f'Title "{title_id}" not found!')
            title = found
        now = int(time.time())
        number = title.episodes[-1].number + 1 if title.episodes else 1
        title.episodes.append(DemoEpisode(number=number, created=now, opening=(2, 12)))
        title.expected_episodes = max(title.expected_episodes, number)
        title.updated = now
        title.last_change = now
        digest = await self.hub.announce_episode(title, number, self._all_options())
        return {"id": title.id, "code": title.code, "episode": number, "hash": digest}

    async def _auto_episodes(self) -> None:
        interval = self.config.auto_episode_interval or 180.0
        while True:
            await asyncio.sleep(interval)
            pushed = await self.push_episode()
            log.info("demo: new episode %s of title %s", pushed["episode"], pushed["id"])

    def _all_options(self) -> dict[str, WireOptions]:
        host = self.config.hls_host or self.own_host
        return {shape: WireOptions(shape=shape, hls_host=host, mp4_host=host) for shape in VERSIONS}

    # ----- handlers -----

    async def _api(self, request: web.Request) -> web.StreamResponse:
        self.request_count += 1
        shape = API_PREFIXES[request.match_info["prefix"]]
        method = request.match_info["method"]
        version = VERSIONS[shape]
        fault = self._take_fault(method)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.api_version:
                version = fault.api_version
            elif fault.malformed:
                # With a status: a proxy's HTML error page; without: truncated JSON.
                body = (
                    b"<html><body>Bad Gateway</body></html>"
                    if fault.status
                    else (b'{"id": 1, "names": {"ru": "unterminated')
                )
                return web.Response(
                    body=body,
                    status=fault.status or 200,
                    content_type="text/html" if fault.status else "application/json",
                    headers={"API-Version": version},
                )
            elif fault.status:
                code = fault.code or fault.status
                return self._error(code, fault.message, version, status=fault.status)
        ctx = Context(
            catalog=self.catalog,
            shape=shape,
            hls_host=self.config.hls_host or self.own_host,
            caching_nodes=self.config.caching_nodes or {self.own_host: 10},
            poster_bytes=media_routes.poster_bytes,
        )
        try:
            data = call(method, ctx, request.query)
        except MethodError as error:
            return self._error(error.code, error.message, version)
        return web.Response(
            body=orjson.dumps(data),
            content_type="application/json",
            headers={"API-Version": version},
        )

    async def _api_v1(self, request: web.Request) -> web.StreamResponse:
        """v1 answers; GETs carry an ETag and honour If-None-Match (pollers use it)."""
        self.request_count += 1
        tail = request.match_info["tail"].strip("/")
        fault = self._take_fault(tail)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.malformed:
                return web.Response(
                    body=b'[{"id": 1, "name": {"main": "unterminated',
                    status=200,
                    content_type="application/json",
                )
            if fault.status:
                return web.json_response({"message": fault.message}, status=fault.status)
        host = self.config.hls_host or self.own_host
        query = dict(request.query)
        shape = query.pop("shape", self.config.v1_shape)
        if shape not in SHAPES:
            return web.json_response({"message": f"unknown shape {shape!r}"}, status=400)
        ctx = V1Context(self.catalog, f"http://{host}", live=shape == LIVE)
        try:
            data = handle_v1(ctx, tail, query)
        except V1Error as error:
            return web.json_response(error.body, status=error.status)
        body = orjson.dumps(data)
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        if request.headers.get("If-None-Match") == etag:
            self.v1_requests.append((tail, 304))
            return web.Response(status=304, headers={"ETag": etag})
        self.v1_requests.append((tail, 200))
        return web.Response(body=body, content_type="application/json", headers={"ETag": etag})

    @staticmethod
    def _error(code: int, message: str, version: str, status: int | None = None) -> web.Response:
        body = orjson.dumps({"error": {"code": code, "message": message}})
        # "All 5xx errors return status 500, the body carries the real code."
        http_status = status or (500 if code >= 500 else code)
        return web.Response(
            body=body,
            status=http_status,
            content_type="application/json",
            headers={"API-Version": version},
        )

    def _take_fault(self, method: str) -> Fault | None:
        for fault in self.faults:
            if fault.method in ("*", method):
                fault.count -= 1
                if fault.count <= 0:
                    self.faults.remove(fault)
                return fault
        return None

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        return await self.hub.serve(request, API_PREFIXES[request.match_info["prefix"]])

    async def _video(self, request: web.Request) -> web.StreamResponse:
        tail = request.match_info["tail"]
        if (failed := await self.media.answer(request, tail)) is not None:
            return failed
        match_28 = _HLS_28.fullmatch(tail)
        match_213 = _HLS_213.fullmatch(tail)
        if match_28:
            title_id, episode, suffix, name = match_28.groups()
            quality = _QUALITY_28[suffix]
        elif match_213:
            title_id, episode, resolution, name = match_213.groups()
            quality = _QUALITY_213[resolution]
        else:
            raise web.HTTPNotFound(text="no such video")
        title = self.catalog.titles.get(int(title_id))
        if title is None or not any(e.number == int(episode) for e in title.episodes):
            raise web.HTTPNotFound(text="no such episode")
        self.video_requests.append(tail)
        quality = "long" if title.id in self.config.long_titles else quality
        if name.endswith(".m3u8"):
            playlist = (self.config.hls_dir / quality / "playlist.m3u8").read_bytes()
            return web.Response(body=playlist, content_type="application/vnd.apple.mpegurl")
        segment = self.config.hls_dir / quality / name
        if not segment.is_file():
            raise web.HTTPNotFound(text="no such segment")
        return web.FileResponse(segment, headers={"Content-Type": "video/mp2t"})

    async def _poster(self, request: web.Request) -> web.StreamResponse:
        return await media_routes.poster(self.catalog, request)

    async def _torrent(self, request: web.Request) -> web.StreamResponse:
        raw_id = request.match_info.get("id") or request.query.get("id", "")
        found = self.catalog.torrent(int(raw_id)) if raw_id.isascii() and raw_id.isdigit() else None
        if found is None:
            raise web.HTTPNotFound(text="no such torrent")
        _, torrent = found
        return web.Response(
            body=torrent.torrent_file,
            content_type="application/x-bittorrent",
            headers={"Content-Disposition": f'attachment; filename="{torrent.torrent_id}.torrent"'},
        )

    async def _index(self, request: web.Request) -> web.StreamResponse:
        text = (
            "Libria demo server (AniLibria API v2)\n"
            f"REST 2.8:  {self.api_base(SHAPE_28)}/getUpdates\n"
            f"REST 2.13: {self.api_base(SHAPE_213)}/getUpdates\n"
            f"WebSocket: ws://{self.own_host}/v2/ws/\n"
            f"REST v1:   {self.api_base_v1}/anime/releases/latest\n"
            "Control:   POST /demo/episode?id=N, /demo/broadcast, /demo/faults, "
            "/demo/burst, /demo/drop-websockets, /demo/otp-confirm?code=N&login=demo\n"
        )
        return web.Response(text=text)

    # ----- control API -----

    async def _control(self, request: web.Request) -> web.StreamResponse:
        action = request.match_info["action"]
        handler: dict[str, Callable[[web.Request], Awaitable[Any]]] = {
            "episode": self._control_episode,
            "broadcast": self._control_broadcast,
            "faults": self._control_faults,
            "drop-websockets": self._control_drop,
            "otp-confirm": self.accounts.control_confirm,
        }
        if action not in handler or request.method != "POST":
            if action == "faults" and request.method == "DELETE":
                self.faults.clear()
                return web.json_response({"faults": 0})
            raise web.HTTPNotFound(text="unknown control action")
        try:
            result = await handler[action](request)
        except MethodError as error:
            return web.json_response({"error": error.message}, status=error.code)
        except (ValueError, TypeError) as error:
            return web.json_response({"error": str(error)}, status=400)
        return web.json_response(result)

    async def _control_episode(self, request: web.Request) -> Any:
        raw = request.query.get("id")
        return await self.push_episode(int(raw) if raw else None)

    async def _control_broadcast(self, request: web.Request) -> Any:
        text = await request.text()
        return {"sent": await self.hub.broadcast_raw(text)}

    async def _control_faults(self, request: web.Request) -> Any:
        data = await request.json()
        if not isinstance(data, dict):
            raise ValueError("a fault is a JSON object")
        self.faults.append(Fault(**data))
        return {"faults": len(self.faults)}

    async def _control_drop(self, request: web.Request) -> Any:
        count = len(self.hub.clients)
        await self.hub.drop_all()
        return {"dropped": count}
