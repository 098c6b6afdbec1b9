"""The accessibility bus as a screen reader uses it: AT-SPI's bus launcher on a private session
bus, and a reader that walks an application's tree over it with dbus-fast (Orca reads the same
org.a11y.atspi interfaces)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
REGISTRY = ("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")
ACCESSIBLE = "org.a11y.atspi.Accessible"
# AtspiStateType: bit numbers in the two words GetState answers.
FOCUSABLE, SHOWING = 11, 25


@contextmanager
def accessibility_bus(session_bus: str, folder: Path) -> Iterator[None]:
    """at-spi-bus-launcher owning org.a11y.Bus on the session bus; its own bus (and the registry
    it starts) under `folder`, not in the user's runtime folder."""
    launcher = next(
        (p for p in LAUNCHERS if os.access(p, os.X_OK)), shutil.which("at-spi-bus-launcher")
    )
    if launcher is None:
        pytest.fail("at-spi-bus-launcher is missing: install 'at-spi2-core' (packaging/setup.sh)")
    runtime = folder / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}  # no X property on the root
    env.update(DBUS_SESSION_BUS_ADDRESS=session_bus, XDG_RUNTIME_DIR=str(runtime))
    process = subprocess.Popen(
        [launcher], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield
    finally:
        process.terminate()  # it takes its bus down with it
        process.wait(10)


@dataclass(frozen=True)
class Node:
    bus: str
    path: str
    role: str
    name: str
    description: str
    states: frozenset[int]
    parent_name: str  # what the parent is called: a list's items are told apart by their list

    @property
    def reachable(self) -> bool:
        """On screen and taking the focus: a control a screen reader user can land on."""
        return FOCUSABLE in self.states and SHOWING in self.states


class Reader:
    """Reads applications' trees on the accessibility bus."""

    def __init__(self, bus: MessageBus) -> None:
        self.bus = bus

    @classmethod
    async def connect(cls, session_bus: str) -> Reader:
        session = await MessageBus(bus_address=session_bus).connect()
        try:
            (address,) = await _call(session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                     "GetAddress")  # fmt: skip
        finally:
            session.disconnect()
        return cls(await MessageBus(bus_address=address).connect())

    async def applications(self) -> list[tuple[str, str]]:
        """The (bus name, name) of every application the registry knows."""
        (children,) = await _call(self.bus, *REGISTRY, ACCESSIBLE, "GetChildren")
        return [(bus, await self._name(bus, path)) for bus, path in children]

    async def tree(self, bus: str, path: str = REGISTRY[1], parent: str = "") -> list[Node]:
        """Every node from `path` down (an application's root by default)."""
        name = await self._name(bus, path)
        (role,) = await _call(self.bus, bus, path, ACCESSIBLE, "GetRoleName")
        (words,) = await _call(self.bus, bus, path, ACCESSIBLE, "GetState")
        states = frozenset(
            bit + 32 * i for i, w in enumerate(words) for bit in range(32) if w >> bit & 1
        )
        description = await self._property(bus, path, "Description")
        nodes = [Node(bus, path, role, name, description, states, parent)]
        (children,) = await _call(self.bus, bus, path, ACCESSIBLE, "GetChildren")
        for child_bus, child_path in children:
            nodes += await self.tree(child_bus, child_path, name)
        return nodes

    async def select(self, node: Node, index: int) -> None:
        """Chooses a list's item, as a screen reader's "select" does (org.a11y.atspi.Selection)."""
        (done,) = await _call(self.bus, node.bus, node.path, "org.a11y.atspi.Selection",
                              "SelectChild", "i", [index])  # fmt: skip
        assert done, f"{node.name} did not select its item {index}"

    async def _name(self, bus: str, path: str) -> str:
        return str(await self._property(bus, path, "Name"))

    async def _property(self, bus: str, path: str, name: str) -> Any:
        (value,) = await _call(self.bus, bus, path, "org.freedesktop.DBus.Properties", "Get",
                               "ss", [ACCESSIBLE, name])  # fmt: skip
        return value.value

    def close(self) -> None:
        self.bus.disconnect()


async def _call(
    bus: MessageBus, destination: str, path: str, interface: str, member: str,
    signature: str = "", body: list[Any] | None = None,
) -> list[Any]:  # fmt: skip
    message = Message(
        destination=destination, path=path, interface=interface, member=member,
        signature=signature, body=body or [],
    )  # fmt: skip
    reply = await bus.call(message)
    assert reply is not None
    if reply.message_type == MessageType.ERROR:
        raise AssertionError(f"{interface}.{member} on {destination}{path}: {reply.body}")
    return list(reply.body)
