"""The single-instance socket seen with Python's C socket module (app.desktop.single_instance):
where its file is, a later launch's hand-over, and the first launch's claim. `socket` itself is
not used: its enums and imports cost a start ~4 ms, QtNetwork ~8 ms."""

from __future__ import annotations

import _socket
import contextlib
import enum
import errno
import json
import os

from PySide6.QtCore import QDir

CONNECT_TIMEOUT_S = 0.5
REPLY_TIMEOUT_S = 10.0  # a running Libria answers once its first page is painted
MAX_MESSAGE = 64 * 1024
ACK = b"ok\n"
BACKLOG = 16
NO_SUCH_SERVER = (errno.ENOENT, errno.ECONNREFUSED)  # no file, or one a crash left


class HandOver(enum.Enum):
    TAKEN = "a running Libria took the arguments"
    NOBODY = "no Libria listens"
    SILENT = "a Libria listens but did not answer"


def unix_sockets() -> bool:
    """Whether this system has them (Windows has named pipes: QtNetwork's own calls there)."""
    return hasattr(_socket, "AF_UNIX")


def socket_path(name: str) -> str:
    """Where QLocalServer and QLocalSocket put a bare name on Unix."""
    return os.path.join(QDir.cleanPath(QDir.tempPath()), name)


def hand_over(name: str, args: list[str]) -> HandOver:
    """Gives `args` to the Libria listening on `name`'s socket, if one does."""
    client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        client.settimeout(CONNECT_TIMEOUT_S)
        try:
            client.connect(socket_path(name))
        except OSError as error:
            return HandOver.NOBODY if error.errno in NO_SUCH_SERVER else HandOver.SILENT
        client.settimeout(REPLY_TIMEOUT_S)
        client.sendall(json.dumps({"args": args}).encode() + b"\n")
        reply = b""
        while not reply.endswith(ACK):
            chunk = client.recv(64)
            if not chunk or len(reply) > MAX_MESSAGE:
                return HandOver.SILENT
            reply += chunk
    except OSError:  # no answer in time, or it went away mid-way
        return HandOver.SILENT
    finally:
        client.close()
    return HandOver.TAKEN


def claim(path: str) -> _socket.socket | None:
    """A listening socket at `path`, for the user alone (mode 0600, as QLocalServer's
    UserAccessOption); None when a live one holds the path (a launch at the same moment: this
    one hands over to it instead). A file that nobody listens on was left by a crash."""
    for _ in range(2):
        server = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        try:
            os.fchmod(server.fileno(), 0o600)  # Linux gives the file the socket's own mode
            server.bind(path)
            server.listen(BACKLOG)
            return server
        except OSError as error:
            server.close()
            if error.errno != errno.EADDRINUSE:
                raise
        if _listened_on(path):
            return None
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    raise OSError(errno.EADDRINUSE, "the socket file keeps coming back", path)


def _listened_on(path: str) -> bool:
    probe = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        probe.settimeout(CONNECT_TIMEOUT_S)
        probe.connect(path)
    except OSError as error:
        return error.errno not in NO_SUCH_SERVER
    finally:
        probe.close()
    return True


def file_identity(path: str) -> tuple[int, int] | None:
    """The file's (device, inode): whether it is still the one this process made."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino
