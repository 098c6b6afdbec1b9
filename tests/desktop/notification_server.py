"""A notification server for tests: it owns org.freedesktop.Notifications on a private session
bus, records every Notify call and can send ActionInvoked as a user's click would."""

# No `from __future__ import annotations`: dbus-fast reads the D-Bus signatures from the
# annotations when the class is made.

import time
from dataclasses import dataclass, field
from typing import Annotated, Any

from dbus_fast import Variant
from dbus_fast.aio import MessageBus
from dbus_fast.annotations import DBusInt32, DBusSignature, DBusStr, DBusUInt32
from dbus_fast.service import ServiceInterface, dbus_method, dbus_signal

Strings = Annotated[list[str], DBusSignature("as")]
Hints = Annotated[dict[str, Variant], DBusSignature("a{sv}")]

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


@dataclass
class NotifyCall:
    at: float  # time.monotonic() when the call arrived
    id: int
    app_name: str
    replaces_id: int
    app_icon: str
    summary: str
    body: str
    actions: list[str]
    hints: dict[str, Any] = field(default_factory=dict)


class RecordingNotifications(ServiceInterface):
    def __init__(self) -> None:
        super().__init__(NAME)
        self.calls: list[NotifyCall] = []
        self._last_id = 0

    @dbus_method()
    def GetCapabilities(self) -> Strings:
        return ["actions", "body", "persistence"]

    @dbus_method()
    def GetServerInformation(
        self,
    ) -> Annotated[tuple[str, str, str, str], DBusSignature("ssss")]:
        return ("libria-tests", "libria", "1.0", "1.2")

    @dbus_method()
    def Notify(
        self,
        app_name: DBusStr,
        replaces_id: DBusUInt32,
        app_icon: DBusStr,
        summary: DBusStr,
        body: DBusStr,
        actions: Strings,
        hints: Hints,
        expire_timeout: DBusInt32,
    ) -> DBusUInt32:
        if replaces_id:
            notification_id = replaces_id
        else:
            self._last_id += 1
            notification_id = self._last_id
        plain_hints = {
            key: value.value if isinstance(value, Variant) else value
            for key, value in hints.items()
        }
        call = NotifyCall(
            time.monotonic(), notification_id, app_name, replaces_id, app_icon, summary, body,
            list(actions), plain_hints,
        )  # fmt: skip
        self.calls.append(call)
        return notification_id

    @dbus_method()
    def CloseNotification(self, notification_id: DBusUInt32) -> None:
        self.NotificationClosed(notification_id, 3)

    @dbus_signal()
    def ActionInvoked(
        self, notification_id: DBusUInt32, action_key: DBusStr
    ) -> Annotated[list[Any], DBusSignature("us")]:
        return [notification_id, action_key]

    @dbus_signal()
    def NotificationClosed(
        self, notification_id: DBusUInt32, reason: DBusUInt32
    ) -> Annotated[list[Any], DBusSignature("uu")]:
        return [notification_id, reason]


async def serve(address: str) -> tuple[MessageBus, RecordingNotifications]:
    bus = await MessageBus(bus_address=address).connect()
    server = RecordingNotifications()
    bus.export(PATH, server)
    await bus.request_name(NAME)
    return bus, server
