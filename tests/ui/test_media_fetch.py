"""Images over QtNetwork (app.services.media_fetch) against a real HTTP server on 127.0.0.1: the
body as sent, the app's User-Agent, the status's error, a bound on the body, a server that stops
sending, a fetch cancelled half-way, which URLs it leaves to the API's client, and a certificate
Qt does not trust: the poster service then fetches over the API's client, and keeps doing so."""

from __future__ import annotations

import asyncio
import os
import socket
import ssl
import threading
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import trustme
from aiohttp import web
from aiohttp.test_utils import TestServer
from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtNetwork import QNetworkReply

from app import __version__
from app.api import ApiError, MalformedResponseError, NetworkError, NotFoundError
from app.services import media_fetch
from app.services.media_fetch import QtMediaFetcher, TlsRefused
from app.services.posters import PosterService
from app.services.tasks import TaskRunner
from tests.ui.conftest import until
from tests.unit.fakes import FakeApiService, FakeBackend
from tests.unit.test_posters import encoded

IMAGE = bytes(range(256)) * 200  # 51 KB, about a poster


class Origin:
    """A server with an image, a missing one, a failing one, a redirect, and one that hangs."""

    def __init__(self) -> None:
        self.agents: list[str] = []
        self.hanging = asyncio.Event()  # set once a request to /hang is in
        app = web.Application()
        app.router.add_get("/image.jpg", self._image)
        app.router.add_get("/moved.jpg", self._moved)
        app.router.add_get("/hang.jpg", self._hang)
        app.router.add_get("/broken.jpg", self._broken)
        self.server = TestServer(app, host="127.0.0.1")

    def url(self, path: str) -> str:
        return str(self.server.make_url(path))

    async def _image(self, request: web.Request) -> web.Response:
        self.agents.append(request.headers.get("User-Agent", ""))
        return web.Response(body=IMAGE, content_type="image/jpeg")

    async def _moved(self, request: web.Request) -> web.Response:
        raise web.HTTPFound("/image.jpg")

    async def _broken(self, request: web.Request) -> web.Response:
        raise web.HTTPServiceUnavailable()

    async def _hang(self, request: web.Request) -> web.StreamResponse:
        answer = web.StreamResponse(headers={"Content-Length": "1000"})
        await answer.prepare(request)
        await answer.write(b"\xff" * 10)
        self.hanging.set()
        await asyncio.sleep(3600)
        return answer


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Behind a proxy every image goes the API's way: these tests are about Qt's."""
    for name in list(os.environ):
        if name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)


@pytest.fixture
async def origin() -> AsyncIterator[Origin]:
    served = Origin()
    await served.server.start_server()
    try:
        yield served
    finally:
        await served.server.close()


@pytest.fixture
async def untrusted_origin() -> AsyncIterator[Origin]:
    """The same over https, with a certificate from an authority of its own (trusted nowhere)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    trustme.CA().issue_cert("127.0.0.1").configure_cert(context)
    served = Origin()
    await served.server.start_server(ssl=context)
    try:
        yield served
    finally:
        await served.server.close()


@pytest.fixture
def fetcher() -> Iterator[QtMediaFetcher]:
    made = QtMediaFetcher()
    yield made
    made.close()


async def test_an_image_comes_as_sent_with_the_apps_user_agent(
    origin: Origin, fetcher: QtMediaFetcher
) -> None:
    assert await fetcher.fetch(origin.url("/image.jpg")) == IMAGE
    assert await fetcher.fetch(origin.url("/moved.jpg")) == IMAGE  # a redirect is followed
    assert origin.agents == [f"Libria/{__version__}"] * 2


async def test_a_missing_image_and_a_failing_server_are_the_apis_errors(
    origin: Origin, fetcher: QtMediaFetcher
) -> None:
    with pytest.raises(NotFoundError):
        await fetcher.fetch(origin.url("/nothing.jpg"))
    with pytest.raises(ApiError) as failed:
        await fetcher.fetch(origin.url("/broken.jpg"))
    assert failed.value.code == 503


FLOOD_BYTES = 128 * 1024 * 1024


class Flood(BaseHTTPRequestHandler):
    """A body of 128 MB without a length, from a thread of its own, once `go` is set. It ends
    when nothing more could be written for 2 s (the client stopped reading: `held`; a busy
    machine may stall a reader for a moment, not for that long), or when all of it went out."""

    go = threading.Event()
    over = threading.Event()
    held = False
    sent = 0

    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        Flood.go.wait(30)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
        self.connection.settimeout(0.5)
        chunk = memoryview(b"\xff" * 65536)
        stuck = 0.0
        while Flood.sent < FLOOD_BYTES and stuck < 2.0:
            try:
                Flood.sent += self.connection.send(chunk)
                stuck = 0.0
            except TimeoutError:
                stuck += 0.5
            except OSError:  # the client cut it
                break
        Flood.held = stuck >= 2.0
        Flood.over.set()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def flood() -> Iterator[str]:
    Flood.go.clear()
    Flood.over.clear()
    Flood.held, Flood.sent = False, 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Flood)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/flood.jpg"
    finally:
        server.shutdown()
        server.server_close()


async def test_a_body_over_the_bound_is_cut_and_held_to_it_while_the_ui_thread_is_busy(
    flood: str, fetcher: QtMediaFetcher
) -> None:
    fetching = asyncio.ensure_future(fetcher.fetch(flood, max_bytes=1024 * 1024))
    await asyncio.sleep(0)  # the request is out, and Qt is told the bound
    # Qt's network thread takes the bound a moment after the request (a queued call): what
    # arrives before that is read unbounded. Over a real network the body comes at least a
    # round trip later; here the server waits until the bound is on its way.
    Flood.go.set()
    # The UI thread busy (here: waiting for the server to be held up): Qt's network thread
    # reads on its own meanwhile, up to the bound and its margin, then stops reading.
    assert Flood.over.wait(30)
    assert Flood.held, f"the client read all {Flood.sent} bytes"
    with pytest.raises(MalformedResponseError, match="larger than 1048576 bytes"):
        await fetching
    # What went out: Qt's buffers (the bound and its margin), the kernel's on both sides (up to
    # 32 MB here where the reader's grows), and no more: far short of all of it.
    assert Flood.sent < FLOOD_BYTES // 2


async def test_nothing_listening_is_a_network_error(fetcher: QtMediaFetcher) -> None:
    with pytest.raises(NetworkError, match="cannot reach the server"):
        await fetcher.fetch("http://127.0.0.1:9/image.jpg")  # discard: nothing listens there


async def test_a_server_that_stops_sending_ends_the_fetch(
    origin: Origin, fetcher: QtMediaFetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(media_fetch, "STALLED_S", 0.3)
    with pytest.raises(NetworkError, match="did not answer in time"):
        await fetcher.fetch(origin.url("/hang.jpg"))


async def test_a_cancelled_fetch_lets_its_request_go(
    origin: Origin, fetcher: QtMediaFetcher
) -> None:
    fetching = asyncio.ensure_future(fetcher.fetch(origin.url("/hang.jpg")))
    await origin.hanging.wait()
    fetching.cancel()
    with pytest.raises(asyncio.CancelledError):
        await fetching
    manager = fetcher._network()
    await until(lambda: not manager.findChildren(QNetworkReply))  # aborted, then deleted
    assert await fetcher.fetch(origin.url("/image.jpg")) == IMAGE  # and the next one comes


def test_it_takes_http_and_https_and_leaves_https_to_httpx_once_qt_refused_a_host(
    fetcher: QtMediaFetcher,
) -> None:
    assert fetcher.takes("http://127.0.0.1/a.jpg")
    assert fetcher.takes("https://static.example.org/a.jpg")  # Qt has TLS here (OpenSSL)
    assert not fetcher.takes("ftp://example.org/a.jpg")
    assert not fetcher.takes("file:///etc/passwd")
    fetcher.refuse_https()  # a certificate Qt did not accept
    assert not fetcher.takes("https://static.example.org/a.jpg")
    assert fetcher.takes("http://127.0.0.1/a.jpg")


def test_urls_qt_would_read_otherwise_than_httpx_are_left_to_it(fetcher: QtMediaFetcher) -> None:
    for odd in ("http://127.0.0.1/a|b.jpg", "http://127.0.0.1/a%zz.jpg", "http://127.0.0.1/{a}"):
        assert not fetcher.takes(odd), odd


@pytest.mark.parametrize("variable", ["HTTPS_PROXY", "http_proxy", "ALL_PROXY", "Http_Proxy"])
def test_behind_a_proxy_every_image_goes_the_apis_way(
    variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert QtMediaFetcher().takes("http://127.0.0.1/a.jpg")
    monkeypatch.setenv(variable, "http://proxy.invalid:3128")
    proxied = QtMediaFetcher()
    assert not proxied.takes("http://127.0.0.1/a.jpg")
    assert not proxied.takes("https://static.example.org/a.jpg")


async def test_closing_ends_the_fetches_under_way_with_a_network_error(origin: Origin) -> None:
    fetcher = QtMediaFetcher()
    fetching = [asyncio.ensure_future(fetcher.fetch(origin.url("/hang.jpg"))) for _ in range(3)]
    await origin.hanging.wait()
    fetcher.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the replies are gone
    for each in fetching:
        with pytest.raises(NetworkError):
            await each
    assert not fetcher.takes(origin.url("/image.jpg"))  # and it takes nothing more
    with pytest.raises(NetworkError, match="stopped"):
        await fetcher.fetch(origin.url("/image.jpg"))


async def test_a_certificate_qt_does_not_trust_is_told_apart(
    untrusted_origin: Origin, fetcher: QtMediaFetcher
) -> None:
    url = untrusted_origin.url("/image.jpg")
    assert url.startswith("https://") and fetcher.takes(url)
    with pytest.raises(TlsRefused, match="the certificate was not accepted"):
        await fetcher.fetch(url)
    assert untrusted_origin.agents == []  # nothing was asked over it


class ApiClientBackend(FakeBackend):
    """Any absolute URL is a media URL of its; its own client fetches it (here: from memory)."""

    def __init__(self) -> None:
        super().__init__([])
        self.fetched: list[str] = []

    def media_url(self, path: str) -> str:
        return path

    async def fetch_media(
        self, url: str, *, max_bytes: int = 0, within: float | None = None
    ) -> bytes:
        self.fetched.append(url)
        return POSTER_JPEG


POSTER_JPEG = encoded("JPEG", (350, 500))


async def test_posters_refused_by_qt_come_over_the_api_client_from_then_on(
    untrusted_origin: Origin, tmp_path: Path
) -> None:
    backend = ApiClientBackend()
    api, tasks = FakeApiService(backend), TaskRunner()
    await api.start()
    media = QtMediaFetcher()
    posters = PosterService(api, tasks, tmp_path, media=media)
    first, second = untrusted_origin.url("/image.jpg"), untrusted_origin.url("/image.jpg?2")
    try:
        for url in (first, second):
            posters.image(url, QSize(168, 240))
            await until(lambda url=url: posters.image(url, QSize(168, 240)) is not None)
    finally:
        posters.close()
        await tasks.shutdown()
        await api.close()
    assert backend.fetched == [first, second]
    assert not media.takes(second)  # https is the API client's now: no refusal to wait for
