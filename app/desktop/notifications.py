"""org.freedesktop.Notifications over the session bus (dbus-fast, on the asyncio loop).

`DesktopNotifications.connect()` answers whether a notification server is there; `notify()` shows
or replaces a notification and returns its id; actions and clicks come back through callbacks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dbus_fast import BusType, Message, MessageType, Variant
from dbus_fast.aio import MessageBus
from dbus_fast.errors import DBusError

log = logging.getLogger(__name__)
SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
DEFAULT_ACTION = "default"  # the id the spec gives a click on the notification's body


class DesktopNotifications:
    def __init__(self, app_name: str, desktop_entry: str, icon: str) -> None:
        self._app_name = app_name
        self._desktop_entry = desktop_entry
        self._icon = icon
        self._bus: MessageBus | None = None
        self.capabilities: set[str] = set()
        self.on_action: Callable[[int, str], None] | None = None
        self.on_closed: Callable[[int], None] | None = None

    @property
    def available(self) -> bool:
        return self._bus is not None and self._bus.connected

    async def connect(self) -> bool:
        """True when a notification server owns (or can be started for) the name."""
        try:
            bus = await MessageBus(bus_type=BusType.SESSION).connect()
        except (OSError, ValueError, DBusError) as error:  # no session bus at all
            log.info("no D-Bus session bus: %s", error)
            return False
        try:
            owned = await _bus_daemon(bus, "NameHasOwner", "s", [SERVICE])
            activatable = await _bus_daemon(bus, "ListActivatableNames", "", [])
            if not owned[0] and SERVICE not in activatable[0]:
                log.info("no notification server on the session bus")
                bus.disconnect()
                return False
            capabilities = await _call(bus, SERVICE, PATH, INTERFACE, "GetCapabilities", "", [])
        except DBusError as error:
            log.info("notification server unusable: %s", error)
            bus.disconnect()
            return False
        self.capabilities = set(capabilities[0])
        bus.add_message_handler(self._signal)
        rule = f"type='signal',sender='{SERVICE}',interface='{INTERFACE}'"
        await _bus_daemon(bus, "AddMatch", "s", [rule])
        self._bus = bus
        log.info("desktop notifications via D-Bus (%s)", ", ".join(sorted(self.capabilities)))
        return True

    async def notify(
        self,
        summary: str,
        body: str,
        *,
        actions: list[tuple[str, str]] = (),  # type: ignore[assignment]
        image: Path | None = None,
        replaces: int = 0,
        urgency: int = 1,
    ) -> int:
        """Shows (or replaces) a notification; raises DBusError/OSError when the server fails."""
        if self._bus is None:
            raise OSError("not connected to a notification server")
        hints: dict[str, Variant] = {
            "desktop-entry": Variant("s", self._desktop_entry),
            "urgency": Variant("y", urgency),
            "category": Variant("s", "im.received"),
        }
        if image is not None:
            hints["image-path"] = Variant("s", image.as_uri())  # an absolute path
        flat_actions = [part for action in actions for part in action]
        if "actions" not in self.capabilities:
            flat_actions = []
        if "body-markup" in self.capabilities:
            body = _escape(body)  # titles from the network must not become markup
        reply = await _call(self._bus, SERVICE, PATH, INTERFACE, "Notify", "susssasa{sv}i",
                                [self._app_name, replaces, self._icon, summary, body,
                                 flat_actions, hints, -1])  # fmt: skip
        return int(reply[0])

    def _signal(self, message: Message) -> bool:
        if message.message_type != MessageType.SIGNAL or message.interface != INTERFACE:
            return False
        if message.member == "ActionInvoked" and self.on_action is not None:
            self.on_action(int(message.body[0]), str(message.body[1]))
        elif message.member == "NotificationClosed" and self.on_closed is not None:
            self.on_closed(int(message.body[0]))
        return False

    def disconnect(self) -> None:
        if self._bus is not None:
            self._bus.disconnect()
            self._bus = None


async def _call(
    bus: MessageBus,
    destination: str,
    path: str,
    interface: str,
    member: str,
    signature: str,
    body: list[Any],
) -> list[Any]:
    message = Message(
        destination=destination,
        path=path,
        interface=interface,
        member=member,
        signature=signature,
        body=body,
    )
    reply = await bus.call(message)
    if reply is None or reply.message_type == MessageType.ERROR:
        error = reply.error_name if reply is not None else "no reply"
        detail = reply.body[0] if reply is not None and reply.body else ""
        raise DBusError(str(error), str(detail))
    return list(reply.body)


async def _bus_daemon(bus: MessageBus, member: str, signature: str, body: list[Any]) -> list[Any]:
    return await _call(
        bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
        member, signature, body,
    )  # fmt: skip


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
