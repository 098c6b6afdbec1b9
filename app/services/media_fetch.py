"""Posters and stills over QtNetwork, where the API's calls go over httpx.

A grid asks for dozens of images at a time. Over httpx each answer costs the UI thread ~1.5 ms of
Python (httpcore, anyio, h11, the loop's callbacks); QtNetwork does the HTTP in C++ on its own
thread and hands over the body: ~0.13 ms an image, and a screenful of posters comes in a fifth
of the time (measured here: 200 posters, 280-360 ms of the UI thread's time against 25 ms).
The API keeps httpx: its typed errors, retries and one client policy are worth more there than
the cost of a call or two a page.

What this takes from the app's HTTP policy: absolute http(s) URLs that the caller has checked
(MediaResolver), the same User-Agent, a bound on the body (cut once it is crossed; over HTTP/1.1
Qt also stops reading from the socket short of it), a deadline with no progress, redirects
followed (as many as httpx's) but not from https down to http. What it leaves to httpx (`takes`
says no): a URL Qt would read otherwise than httpx (QUrl's strict parse refuses it), and every
image while a proxy is set where httpx looks for one (`urllib.request.getproxies`: the
environment, and the system's settings on Windows and macOS), which Qt would not read the same
way: an image must not go round a proxy the API goes through. Qt checks
certificates against the system's CAs, the app's own TLS context against certifi's or
SSL_CERT_FILE's: where Qt refuses one (`TlsRefused`), the caller fetches that image over httpx
and tells this fetcher to leave https to it from then on (`refuse_https`).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from app import __version__
from app.api.errors import MalformedResponseError, NetworkError, status_error

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl
    from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply

STALLED_S = 15.0  # no byte for this long ends the transfer (the API client's read timeout)
MAX_REDIRECTS = 20  # httpx's
MAX_BYTES = 16 * 1024 * 1024  # as HttpClient.fetch_media
READ_MARGIN = 1024 * 1024  # read past the bound before Qt stops reading: enough to see it crossed


class TlsRefused(NetworkError):
    """Qt did not accept the host's certificate: the caller may try the app's own TLS context."""


def _proxied() -> bool:
    """Whether httpx would go through a proxy for http or https (or all schemes)."""
    from urllib.request import getproxies  # loaded by httpx already, as images wait for the API

    proxies = getproxies()
    return any(proxies.get(scheme) for scheme in ("http", "https", "all"))


def _strict_url(url: str) -> QUrl | None:
    from PySide6.QtCore import QUrl

    parsed = QUrl(url, QUrl.ParsingMode.StrictMode)
    return parsed if parsed.isValid() else None


class QtMediaFetcher:
    """Fetches media bytes on the UI thread's QtNetwork manager (made at the first fetch, so
    QtNetwork loads only once something is fetched). Use from the thread the loop runs on."""

    def __init__(self) -> None:
        self._manager: QNetworkAccessManager | None = None
        self._https: bool | None = None  # whether Qt has TLS here (and has not refused a host)
        self._proxied: bool | None = None  # read at the first image, as httpx reads it
        self._closed = False

    def takes(self, url: str) -> bool:
        """Whether this fetcher should fetch `url` (else the API's client should)."""
        if self._proxied is None:
            self._proxied = _proxied()
        if self._closed or self._proxied or _strict_url(url) is None:
            return False
        if url.startswith("http://"):
            return True
        if not url.startswith("https://"):
            return False
        if self._https is None:
            from PySide6.QtNetwork import QSslSocket

            self._https = QSslSocket.supportsSsl()
        return self._https

    def refuse_https(self) -> None:
        """From now on https goes elsewhere (a certificate Qt did not trust)."""
        self._https = False

    async def fetch(self, url: str, max_bytes: int = MAX_BYTES) -> bytes:
        """The body of a 2xx answer; ApiError (by status), NetworkError (no answer, too slow,
        too large: MalformedResponseError) or TlsRefused otherwise. `url` is one it `takes`."""
        import shiboken6

        if self._closed:
            raise NetworkError(f"{url}: stopped")
        reply = self._get(url, max_bytes)
        too_large = False

        def over(announced: int = 0) -> None:
            nonlocal too_large
            if too_large:
                return
            if announced > max_bytes or reply.bytesAvailable() > max_bytes:
                too_large = True
                reply.abort()

        finished: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def done() -> None:
            if not finished.done():  # a cancelled fetch's abort finishes it too
                finished.set_result(None)

        reply.downloadProgress.connect(lambda _received, total: over(total))
        reply.readyRead.connect(over)
        reply.finished.connect(done)
        try:
            await finished
            if too_large:
                raise MalformedResponseError(f"{url}: larger than {max_bytes} bytes")
            if self._manager is None or not shiboken6.isValid(reply):  # closed meanwhile
                raise NetworkError(f"{url}: stopped")
            return _body(url, reply)
        except asyncio.CancelledError:
            if shiboken6.isValid(reply):
                reply.abort()
            raise
        finally:
            if shiboken6.isValid(reply):
                reply.deleteLater()

    def _get(self, url: str, max_bytes: int) -> QNetworkReply:
        from PySide6.QtNetwork import QNetworkRequest

        parsed = _strict_url(url)
        if parsed is None:
            raise ValueError(f"not a media URL: {url!r}")
        request = QNetworkRequest(parsed)
        request.setHeader(QNetworkRequest.KnownHeaders.UserAgentHeader, f"Libria/{__version__}")
        request.setTransferTimeout(int(STALLED_S * 1000))
        request.setAttribute(
            QNetworkRequest.Attribute.RedirectPolicyAttribute,
            QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy,
        )
        request.setMaximumRedirectsAllowed(MAX_REDIRECTS)
        # HTTP/1.1 only (as httpx speaks to the API): Qt's HTTP/2 reads a body on regardless of
        # the read buffer's bound below, so an oversized image would fill memory while the UI
        # thread is busy. An image is one request; HTTP/2's multiplexing buys it little.
        request.setAttribute(QNetworkRequest.Attribute.Http2AllowedAttribute, False)
        reply = self._network().get(request)
        # Qt stops reading from the socket once this much waits unread (somewhere short of it):
        # so memory stays bounded, and the body crosses the bound before Qt stops. Qt's network
        # thread takes it a queued call after the request, so what arrives before that (a round
        # trip at least) is read unbounded; `over` still cuts it. Again after a redirect: the
        # next request starts without it.
        limit = max_bytes + READ_MARGIN
        reply.setReadBufferSize(limit)
        reply.redirected.connect(lambda _to: reply.setReadBufferSize(limit))
        return reply

    def _network(self) -> QNetworkAccessManager:
        if self._manager is None:
            from PySide6.QtNetwork import QNetworkAccessManager, QNetworkProxy

            self._manager = QNetworkAccessManager()
            self._manager.setProxy(QNetworkProxy(QNetworkProxy.ProxyType.NoProxy))  # see takes
        return self._manager

    def close(self) -> None:
        """Ends what is under way (each such fetch raises NetworkError) and lets the manager go;
        it takes no URL after this."""
        self._closed = True
        if self._manager is not None:
            from PySide6.QtNetwork import QNetworkReply

            manager, self._manager = self._manager, None
            for reply in manager.findChildren(QNetworkReply):
                reply.abort()
            manager.deleteLater()


def _body(url: str, reply: QNetworkReply) -> bytes:
    from PySide6.QtNetwork import QNetworkReply, QNetworkRequest

    status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
    if isinstance(status, int) and status >= 400:
        raise status_error(status)
    error = reply.error()
    if error == QNetworkReply.NetworkError.SslHandshakeFailedError:
        raise TlsRefused(f"{url}: the certificate was not accepted ({reply.errorString()})")
    if error in (
        QNetworkReply.NetworkError.TimeoutError,
        QNetworkReply.NetworkError.OperationCanceledError,  # the transfer timeout's, in Qt 6
    ):
        raise NetworkError(f"{url}: the server did not answer in time")
    if error != QNetworkReply.NetworkError.NoError:
        raise NetworkError(f"{url}: cannot reach the server ({reply.errorString()})")
    return bytes(reply.readAll().data())
