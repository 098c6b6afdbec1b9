"""One Libria per user profile: a second launch hands its arguments to the running one over a
local socket and exits; the running one raises its window and follows them.

The socket's name is derived from the profile's config directory, so separate profiles (and
test runs) never meet. A socket file left by a crashed instance answers nobody: it is removed
and taken over.

The socket is claimed with Python's own sockets at the start's first steps, and served by
QtNetwork's QLocalServer only once the first page is painted (`serve`): QtNetwork costs a warm
start several milliseconds it does not need yet. A launch that comes in between waits in the
socket's backlog and is answered as soon as the server runs. The file is where QLocalServer
puts a bare name (Qt's temporary folder), so every version of Libria finds every other.
"""

from __future__ import annotations

import _socket  # the C module alone: `socket` costs a start ~4 ms of enums and imports
import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
CONNECT_TIMEOUT_MS = 500
REPLY_TIMEOUT_MS = 5000
MAX_MESSAGE = 64 * 1024
ACK = b"ok\n"
BACKLOG = 16


def server_name(config_dir: Path) -> str:
    digest = hashlib.sha1(str(config_dir.resolve()).encode()).hexdigest()[:16]
    return f"libria-{digest}"


def socket_path(name: str) -> str:
    """Where QLocalServer and QLocalSocket put a bare name on Unix."""
    return os.path.join(QDir.cleanPath(QDir.tempPath()), name)


def hand_over(name: str, args: list[str]) -> bool:
    """True when a running instance took the arguments (this process should then exit)."""
    client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        client.settimeout(CONNECT_TIMEOUT_MS / 1000)
        client.connect(socket_path(name))
    except OSError:  # nobody there, or a file a crash left
        client.close()
        return False
    try:
        client.settimeout(REPLY_TIMEOUT_MS / 1000)
        client.sendall(json.dumps({"args": args}).encode() + b"\n")
        reply = b""
        while not reply.endswith(ACK):
            chunk = client.recv(64)
            if not chunk or len(reply) > MAX_MESSAGE:
                return False
            reply += chunk
    except OSError:  # no answer in time, or it went away
        return False
    finally:
        client.close()
    return True


def _bound_socket(path: str) -> _socket.socket:
    """A listening socket at `path`, for the user alone (as QLocalServer's UserAccessOption).
    Nobody answered on it, so a file there was left by a crash and is replaced."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    server = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    # The start's first step: no other thread creates files while the mask is narrowed.
    mask = os.umask(0o077)
    try:
        server.bind(path)
        server.listen(BACKLOG)
    except OSError:
        server.close()
        raise
    finally:
        os.umask(mask)
    return server


class InstanceServer(QObject):
    """Listens for later launches; `arguments_received` carries their argv. It listens from
    the start's first steps, long before the window can follow a link (the kept first page, the
    steps in the loop): what arrives before `deliver_to` is kept until then, not lost."""

    arguments_received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._claimed: _socket.socket | None = None  # listening, until `serve` hands it to Qt
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}
        self._held: list[list[str]] | None = []  # None once delivered as it comes

    def deliver_to(self, receiver: Callable[[list[str]], None]) -> None:
        """`receiver` follows what is handed over: first what came so far, then each as it comes."""
        self.arguments_received.connect(receiver)
        held, self._held = self._held or [], None
        for args in held:
            self.arguments_received.emit(args)

    def listen(self) -> bool:
        """Claims the socket (nobody answered on it: what is there was left by a crash)."""
        try:
            self._claimed = _bound_socket(socket_path(self.name))
        except OSError as error:
            log.warning("single-instance socket unavailable: %s", error)
            return False
        return True

    def serve(self) -> None:
        """Answers later launches from now on, those waiting already first."""
        from PySide6.QtNetwork import QLocalServer

        if self._claimed is None or self._server is not None:
            return
        self._server = server = QLocalServer(self)
        server.newConnection.connect(self._accept)
        claimed, self._claimed = self._claimed, None
        if not server.listen(claimed.detach()):
            log.warning("single-instance socket unavailable: %s", server.errorString())
        else:
            self._accept()  # the connections that queued before

    def _accept(self) -> None:
        assert self._server is not None
        while (peer := self._server.nextPendingConnection()) is not None:
            self._buffers[peer] = b""
            peer.readyRead.connect(lambda p=peer: self._read(p))
            peer.disconnected.connect(lambda p=peer: self._forget(p))

    def _read(self, peer: QLocalSocket) -> None:
        data = self._buffers.get(peer, b"") + bytes(peer.readAll().data())
        if len(data) > MAX_MESSAGE:
            peer.abort()
            return
        self._buffers[peer] = data
        if not data.endswith(b"\n"):
            return
        try:
            message = json.loads(data)
            args = message["args"]
            if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
                raise ValueError("args must be a list of strings")
        except (ValueError, KeyError, TypeError) as error:
            log.warning("ignoring a malformed hand-over: %s", error)
            peer.abort()
            return
        peer.write(ACK)
        peer.flush()
        if self._held is not None:
            self._held.append(args)
        else:
            self.arguments_received.emit(args)

    def _forget(self, peer: QLocalSocket) -> None:
        self._buffers.pop(peer, None)
        peer.deleteLater()

    def close(self) -> None:
        """Stops answering; the socket file goes (Qt removes the one it serves)."""
        if self._server is not None:
            self._server.close()
        elif self._claimed is not None:
            self._claimed.close()
            self._claimed = None
            with contextlib.suppress(OSError):
                os.unlink(socket_path(self.name))
