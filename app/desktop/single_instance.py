"""One Libria per user profile: a second launch hands its arguments to the running one over a
local socket and exits; the running one raises its window and follows them.

The socket's name is derived from the profile's config directory, so separate profiles (and
test runs) never meet. A socket file left by a crashed instance answers nobody: it is removed
and taken over.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
CONNECT_TIMEOUT_MS = 500
REPLY_TIMEOUT_MS = 5000
MAX_MESSAGE = 64 * 1024
ACK = b"ok\n"


def server_name(config_dir: Path) -> str:
    digest = hashlib.sha1(str(config_dir.resolve()).encode()).hexdigest()[:16]
    return f"libria-{digest}"


def hand_over(name: str, args: list[str]) -> bool:
    """True when a running instance took the arguments (this process should then exit)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(QByteArray(json.dumps({"args": args}).encode() + b"\n"))
    socket.flush()
    answered = False
    while socket.waitForReadyRead(REPLY_TIMEOUT_MS):
        if bytes(socket.readAll().data()).endswith(ACK):
            answered = True
            break
    socket.disconnectFromServer()
    return answered


class InstanceServer(QObject):
    """Listens for later launches; `arguments_received` carries their argv. It listens from
    the start's first steps, long before the window can follow a link (the kept first page, the
    steps in the loop): what arrives before `deliver_to` is kept until then, not lost."""

    arguments_received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self._held: list[list[str]] | None = []  # None once delivered as it comes

    def deliver_to(self, receiver: Callable[[list[str]], None]) -> None:
        """`receiver` follows what is handed over: first what came so far, then each as it comes."""
        self.arguments_received.connect(receiver)
        held, self._held = self._held or [], None
        for args in held:
            self.arguments_received.emit(args)

    def listen(self) -> bool:
        if self._server.listen(self.name):
            return True
        # Nobody answered before we got here, so a socket file left by a crash is in the way.
        QLocalServer.removeServer(self.name)
        if self._server.listen(self.name):
            log.info("took over a stale instance socket")
            return True
        log.warning("single-instance socket unavailable: %s", self._server.errorString())
        return False

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE:
            socket.abort()
            return
        self._buffers[socket] = data
        if not data.endswith(b"\n"):
            return
        try:
            message = json.loads(data)
            args = message["args"]
            if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
                raise ValueError("args must be a list of strings")
        except (ValueError, KeyError, TypeError) as error:
            log.warning("ignoring a malformed hand-over: %s", error)
            socket.abort()
            return
        socket.write(QByteArray(ACK))
        socket.flush()
        if self._held is not None:
            self._held.append(args)
        else:
            self.arguments_received.emit(args)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def close(self) -> None:
        self._server.close()
