"""Images over QtNetwork from a server that offers HTTP/2 (hypercorn, TLS, on 127.0.0.1) come
over HTTP/1.1: Qt's HTTP/2 reads a body on without the read bound that keeps an oversized image
from filling memory while the UI thread is busy (tests/ui/test_media_fetch.py holds that bound
over HTTP/1.1)."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
from hypercorn.asyncio import serve
from hypercorn.config import Config
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtNetwork import QSslCertificate, QSslConfiguration

from app.services.media_fetch import QtMediaFetcher

IMAGE = b"\xff\xd8\xff" + bytes(range(256)) * 100


class H2Origin:
    """An ASGI app that notes the HTTP version of each request, served in a thread of its own.
    Its socket listens from the start (a connection waits in the backlog until it serves)."""

    def __init__(self, folder: Path, ca: trustme.CA) -> None:
        self.versions: list[str] = []
        pem = folder / "server.pem"
        ca.issue_cert("127.0.0.1").private_key_and_cert_chain_pem.write_to_path(str(pem))
        listening = socket.socket()
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        self.port = listening.getsockname()[1]
        self.config = Config()
        self.config.bind = [f"fd://{listening.detach()}"]  # hypercorn's from here on
        self.config.certfile = self.config.keyfile = str(pem)
        self.config.alpn_protocols = ["h2", "http/1.1"]
        self.config.graceful_timeout = self.config.keep_alive_timeout = 0.2  # a quick stop
        self._serving = threading.Event()
        self._thread = threading.Thread(target=asyncio.run, args=(self._serve(),), daemon=True)

    async def app(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        self.versions.append(scope["http_version"])
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"image/jpeg")]})  # fmt: skip
        await send({"type": "http.response.body", "body": IMAGE})

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._serving.set()
        await serve(self.app, self.config, shutdown_trigger=self._stop.wait)  # type: ignore[arg-type]

    def __enter__(self) -> H2Origin:
        self._thread.start()
        assert self._serving.wait(10), "the server did not start"
        return self

    def __exit__(self, *_: object) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)
        assert not self._thread.is_alive(), "the server did not stop"


@pytest.fixture
def ca() -> Iterator[trustme.CA]:
    """A certificate authority Qt trusts for this test only."""
    authority = trustme.CA()
    before = QSslConfiguration.defaultConfiguration()
    trusting = QSslConfiguration.defaultConfiguration()
    trusting.addCaCertificates(QSslCertificate.fromData(authority.cert_pem.bytes()))
    QSslConfiguration.setDefaultConfiguration(trusting)
    try:
        yield authority
    finally:
        QSslConfiguration.setDefaultConfiguration(before)


async def test_an_image_from_a_server_offering_http2_comes_over_http11(
    tmp_path: Path, ca: trustme.CA
) -> None:
    fetcher = QtMediaFetcher()
    with H2Origin(tmp_path, ca) as origin:
        try:
            url = f"https://127.0.0.1:{origin.port}/poster.jpg"
            assert fetcher.takes(url)
            assert await fetcher.fetch(url) == IMAGE
        finally:
            fetcher.close()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # its connections
    assert origin.versions == ["1.1"]
