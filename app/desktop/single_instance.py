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

import contextlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.desktop.instance_socket import (
    ACK,
    CONNECT_TIMEOUT_S,
    MAX_MESSAGE,
    REPLY_TIMEOUT_S,
    HandOver,
    claim,
    file_identity,
    hand_over,
    socket_path,
    unix_sockets,
)

try:  # CPython's own SHA-1: hashlib loads OpenSSL's libcrypto first (~4 ms of a warm start)
    from _sha1 import sha1  # type: ignore[import-not-found]  # (no stubs)
except ImportError:  # a Python built without it
    from hashlib import sha1

if TYPE_CHECKING:
    import _socket

    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)


class NotAnswering(Exception):
    """A Libria of this profile runs but did not take the arguments: this one must not start
    beside it (two would share one library), and the user is told."""


def server_name(config_dir: Path) -> str:
    digest = sha1(str(config_dir.resolve()).encode()).hexdigest()[:16]
    return f"libria-{digest}"


def claim_instance(name: str, args: list[str]) -> InstanceServer | None:
    """This profile's server, listening (it serves once `serve` runs); None when a running
    Libria took `args` (this process then exits). Raises NotAnswering."""
    for _ in range(2):  # a launch at the same moment may claim the socket between the two
        outcome = hand_over(name, args) if unix_sockets() else _hand_over_qt(name, args)
        if outcome is HandOver.TAKEN:
            return None
        if outcome is HandOver.SILENT:
            raise NotAnswering(f"a Libria of this profile runs but {outcome.value}")
        server = InstanceServer(name)
        server.listen()  # False: it runs alone (logged); raced: the other one is asked again
        if not server.raced:
            return server
    raise NotAnswering("another Libria of this profile is starting")


def _hand_over_qt(name: str, args: list[str]) -> HandOver:
    """The same over QtNetwork, where there are no Unix sockets (Windows' named pipes)."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(int(CONNECT_TIMEOUT_S * 1000)):
        return HandOver.NOBODY
    socket.write(json.dumps({"args": args}).encode() + b"\n")
    socket.flush()
    while socket.waitForReadyRead(int(REPLY_TIMEOUT_S * 1000)):
        if bytes(socket.readAll().data()).endswith(ACK):
            return HandOver.TAKEN
    return HandOver.SILENT


class InstanceServer(QObject):
    """Listens for later launches; `arguments_received` carries their argv. It listens from
    the start's first steps, long before the window can follow a link (the kept first page, the
    steps in the loop): what arrives before `deliver_to` is kept until then, not lost."""

    arguments_received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._claimed: _socket.socket | None = None  # listening, until `serve` hands it to Qt
        self._identity: tuple[int, int] | None = None  # the file made, to remove only that one
        self._server: QLocalServer | None = None
        self.raced = False  # a launch at the same moment holds the socket: hand over to it
        self._buffers: dict[QLocalSocket, bytes] = {}
        self._held: list[list[str]] | None = []  # None once delivered as it comes

    def deliver_to(self, receiver: Callable[[list[str]], None]) -> None:
        """`receiver` follows what is handed over: first what came so far, then each as it comes."""
        self.arguments_received.connect(receiver)
        held, self._held = self._held or [], None
        for args in held:
            self.arguments_received.emit(args)

    def listen(self) -> bool:
        """Claims the socket; False when it cannot be had (this Libria then runs alone)."""
        if not unix_sockets():
            return self._listen_qt()
        path = socket_path(self.name)
        try:
            self._claimed = claim(path)
        except OSError as error:
            log.warning("single-instance socket unavailable: %s", error)
            return False
        self.raced = self._claimed is None
        self._identity = file_identity(path)
        return self._claimed is not None

    def _listen_qt(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        self._server = server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._accept)
        if server.listen(self.name):
            return True
        log.warning("single-instance socket unavailable: %s", server.errorString())
        return False

    def serve(self) -> None:
        """Answers later launches from now on (those waiting in the backlog as the loop runs)."""
        if self._claimed is None or self._server is not None:
            return
        from PySide6.QtNetwork import QLocalServer

        self._server = server = QLocalServer(self)
        server.newConnection.connect(self._accept)
        claimed, self._claimed = self._claimed, None
        if not server.listen(claimed.detach()):  # Qt owns the descriptor now
            log.warning("single-instance socket unavailable: %s", server.errorString())

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
            path = socket_path(self.name)
            if self._identity is not None and file_identity(path) == self._identity:
                with contextlib.suppress(OSError):
                    os.unlink(path)
