"""A later launch hands its arguments to the running Libria, even while that one is still
starting (its kept first page, the steps in the loop): nothing handed over early is lost."""

from __future__ import annotations

import asyncio
import hashlib
import os
import socket
import stat
import sys
from pathlib import Path

import pytest

from app.desktop import instance_socket
from app.desktop.single_instance import (
    InstanceServer,
    NotAnswering,
    claim_instance,
    server_name,
    socket_path,
)
from tests.qt_loop import until

_HAND_OVER = (
    "import sys\n"
    "from PySide6.QtCore import QCoreApplication\n"
    "from app.desktop.instance_socket import HandOver, hand_over\n"
    "app = QCoreApplication([])\n"
    "sys.exit(list(HandOver).index(hand_over(sys.argv[1], sys.argv[2:])))\n"
)


async def _later_launch(name: str, *args: str) -> int:
    """A second process, as `libria <link>` started while Libria runs."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", _HAND_OVER, name, *args, cwd=Path(__file__).parents[2]
    )
    return await asyncio.wait_for(process.wait(), 30)


async def test_what_is_handed_over_before_anyone_follows_is_kept(tmp_path: Path) -> None:
    server = InstanceServer(server_name(tmp_path))
    assert server.listen()
    server.serve()
    try:
        assert await _later_launch(server.name, "libria://release/early") == 0  # answered
        followed: list[list[str]] = []
        server.deliver_to(followed.append)  # the window can follow links from here on
        assert followed == [["libria://release/early"]]

        assert await _later_launch(server.name, "libria://release/later") == 0
        await until(lambda: len(followed) == 2, message="a later hand-over was not followed")
        assert followed[1] == ["libria://release/later"]
    finally:
        server.close()


async def test_a_launch_before_the_server_serves_waits_and_is_answered(tmp_path: Path) -> None:
    """The socket is claimed at once, served after the first paint: a launch in between waits."""
    server = InstanceServer(server_name(tmp_path))
    assert server.listen()
    try:
        later = asyncio.ensure_future(_later_launch(server.name, "libria://release/waiting"))
        await until(lambda: _connected(server.name), message="the later launch never connected")
        assert not later.done()  # nobody answers yet: it waits, it does not start on its own
        server.serve()
        assert await later == 0
        followed: list[list[str]] = []
        server.deliver_to(followed.append)
        assert followed == [["libria://release/waiting"]]
    finally:
        server.close()
    assert _mode(server.name) is None  # the socket file goes with it


async def test_a_file_left_by_a_crash_is_taken_over(tmp_path: Path) -> None:
    name = server_name(tmp_path)
    crashed = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    crashed.bind(socket_path(name))  # bound, never listening, never removed: a crash's
    crashed.close()
    assert await _later_launch(name, "libria://release/1") == 1  # nobody answers
    server = InstanceServer(name)
    assert server.listen()
    server.serve()
    try:
        assert await _later_launch(name, "libria://release/2") == 0
        mode = _mode(name)
        assert mode is not None and mode & 0o077 == 0  # the user's alone
    finally:
        server.close()


def _connected(name: str) -> bool:
    """Whether a connection waits in the socket's backlog (as /proc/net/unix lists it)."""
    path = socket_path(name)
    lines = Path("/proc/net/unix").read_text().splitlines()
    return sum(line.endswith(" " + path) for line in lines) >= 2  # the listener and one more


def _mode(name: str) -> int | None:
    """The socket file's permission bits; None when there is no file."""
    try:
        return stat.S_IMODE(os.stat(socket_path(name)).st_mode)
    except FileNotFoundError:
        return None


def test_a_libria_that_does_not_answer_is_not_started_beside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Connected, never answered (hung): the launch says so and exits; it neither starts a
    second Libria on the same library nor takes the socket from the first."""
    monkeypatch.setattr(instance_socket, "REPLY_TIMEOUT_S", 0.2)
    name = server_name(tmp_path)
    hung = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    hung.bind(socket_path(name))
    hung.listen(4)  # listens, never accepts
    try:
        with pytest.raises(NotAnswering):
            claim_instance(name, ["libria://release/1"])
        assert _mode(name) is not None  # still the hung one's file
        assert _listening(name)
    finally:
        hung.close()
        os.unlink(socket_path(name))


def test_a_launch_at_the_same_moment_does_not_take_a_live_socket(tmp_path: Path) -> None:
    name = server_name(tmp_path)
    first, second = InstanceServer(name), InstanceServer(name)
    assert first.listen()
    try:
        assert not second.listen() and second.raced  # it hands over to the first instead
        second.close()  # and leaves the first's file alone
        assert _listening(name)
    finally:
        first.close()
    assert _mode(name) is None


def _listening(name: str) -> bool:
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(socket_path(name))
    except OSError:
        return False
    finally:
        probe.close()
    return True


def test_the_socket_name_is_the_one_every_libria_derives(tmp_path: Path) -> None:
    """Every version finds every other: the name is SHA-1 of the profile's config dir, however
    the digest is computed."""
    expected = hashlib.sha1(str(tmp_path.resolve()).encode()).hexdigest()[:16]
    assert server_name(tmp_path) == f"libria-{expected}"
    assert server_name(tmp_path / "other") != server_name(tmp_path)
