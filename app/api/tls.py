"""One TLS context for the app's HTTP clients, made on a worker thread.

Loading the CA bundle takes ~40 ms, in C with the GIL released: begun early (`prepare()`), it is
ready by the time the first client opens instead of holding up the UI thread, and every client
shares it instead of loading its own. The context is the one httpx makes by default."""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ssl

_lock = threading.Lock()
_made: Future[ssl.SSLContext] | None = None


def _make() -> ssl.SSLContext:
    import ssl

    import certifi

    # As httpx.create_ssl_context() with verify=True and trust_env=True.
    if os.environ.get("SSL_CERT_FILE"):
        return ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])
    if os.environ.get("SSL_CERT_DIR"):
        return ssl.create_default_context(capath=os.environ["SSL_CERT_DIR"])
    return ssl.create_default_context(cafile=certifi.where())


def _run(future: Future[ssl.SSLContext]) -> None:
    try:
        future.set_result(_make())
    except BaseException as error:  # handed to whoever asks for the context
        future.set_exception(error)


def prepare() -> Future[ssl.SSLContext]:
    """Starts making the context (once); `context()` waits for it."""
    global _made
    with _lock:
        if _made is None:
            _made = Future()
            threading.Thread(target=_run, args=(_made,), name="libria-tls", daemon=True).start()
        return _made


def context() -> ssl.SSLContext:
    return prepare().result()
