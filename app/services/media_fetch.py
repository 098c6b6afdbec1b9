"""Posters and stills over QtNetwork, where the API's calls go over httpx.

A grid asks for dozens of images at a time. Over httpx each answer costs the UI thread ~1.5 ms of
Python (httpcore, anyio, h11, the loop's callbacks); QtNetwork does the HTTP in C++ on its own
thread and hands over the body: ~0.13 ms an image, and a screenful of posters comes in a fifth
of the time (measured here: 200 posters, 280-360 ms of the UI thread's time against 25 ms).
The API keeps httpx: its typed errors, retries and one client policy are worth more there than
the cost of a call or two a page.

What this takes from the app's HTTP policy: absolute http(s) URLs that the caller has checked
(MediaResolver), the same User-Agent, a bound on the body, a deadline with no progress, the
environment's proxy, and no redirect from https down to http. Qt checks certificates against
the system's CAs, the app's own TLS context against certifi's or SSL_CERT_FILE's: where Qt
refuses one (`TlsRefused`), the caller fetches that image over httpx and tells this fetcher to
leave https to it from then on (`refuse_https`).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from app import __version__
from app.api.errors import MalformedResponseError, NetworkError, status_error

if TYPE_CHECKING:
    from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply

STALLED_S = 15.0  # no byte for this long ends the transfer (the API client's read timeout)
MAX_REDIRECTS = 5
MAX_BYTES = 16 * 1024 * 1024  # as HttpClient.fetch_media


class TlsRefused(NetworkError):
    """Qt did not accept the host's certificate: the caller may try the app's own TLS context."""


class QtMediaFetcher:
    """Fetches media bytes on the UI thread's QtNetwork manager (made at the first fetch, so
    QtNetwork loads only once something is fetched). Use from the thread the loop runs on."""

    def __init__(self) -> None:
        self._manager: QNetworkAccessManager | None = None
        self._https: bool | None = None  # whether Qt has TLS here (and has not refused a host)

    def takes(self, url: str) -> bool:
        """Whether this fetcher should fetch `url`: http always, https where Qt has TLS."""
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
        too large: MalformedResponseError) or TlsRefused otherwise."""
        reply = self._get(url)
        too_large = False

        def progress(received: int, total: int) -> None:
            nonlocal too_large
            if (received > max_bytes or total > max_bytes) and not too_large:
                too_large = True
                reply.abort()

        finished: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def done() -> None:
            if not finished.done():  # a cancelled fetch's abort finishes it too
                finished.set_result(None)

        reply.downloadProgress.connect(progress)
        reply.finished.connect(done)
        try:
            await finished
            if too_large:
                raise MalformedResponseError(f"{url}: larger than {max_bytes} bytes")
            return _body(url, reply)
        except asyncio.CancelledError:
            reply.abort()
            raise
        finally:
            reply.deleteLater()

    def _get(self, url: str) -> QNetworkReply:
        from PySide6.QtCore import QUrl
        from PySide6.QtNetwork import QNetworkRequest

        request = QNetworkRequest(QUrl(url, QUrl.ParsingMode.StrictMode))
        request.setHeader(QNetworkRequest.KnownHeaders.UserAgentHeader, f"Libria/{__version__}")
        request.setTransferTimeout(int(STALLED_S * 1000))
        request.setAttribute(
            QNetworkRequest.Attribute.RedirectPolicyAttribute,
            QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy,
        )
        request.setMaximumRedirectsAllowed(MAX_REDIRECTS)
        return self._network().get(request)

    def _network(self) -> QNetworkAccessManager:
        if self._manager is None:
            from PySide6.QtNetwork import QNetworkAccessManager, QNetworkProxyFactory

            QNetworkProxyFactory.setUseSystemConfiguration(True)  # http(s)_proxy, as httpx
            self._manager = QNetworkAccessManager()
        return self._manager

    def close(self) -> None:
        """Ends what is under way (each fetch raises) and lets the manager go."""
        if self._manager is not None:
            manager, self._manager = self._manager, None
            for reply in manager.findChildren(_reply_type()):
                reply.abort()
            manager.deleteLater()


def _reply_type() -> type[QNetworkReply]:
    from PySide6.QtNetwork import QNetworkReply

    return QNetworkReply


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
