"""What a Wayland desktop offers an app over its session bus, on a private bus and a thread of the
test's own: a notification server that records every Notify, and a StatusNotifierItem watcher
(the tray host of KDE, GNOME's AppIndicator extension, waybar...) that records each item that
registers. Queries of a registered item (its properties, its menu) run on the same loop."""

# No `from __future__ import annotations`: dbus-fast reads the D-Bus signatures from the
# annotations when the class is made.

import asyncio
import threading
from concurrent.futures import Future
from typing import Annotated, Any, TypeVar

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus
from dbus_fast.annotations import DBusBool, DBusInt32, DBusSignature, DBusStr
from dbus_fast.constants import PropertyAccess
from dbus_fast.service import ServiceInterface, dbus_method, dbus_property, dbus_signal

from tests.desktop.notification_server import NAME as NOTIFICATIONS
from tests.desktop.notification_server import PATH as NOTIFICATIONS_PATH
from tests.desktop.notification_server import RecordingNotifications

T = TypeVar("T")
WATCHER = "org.kde.StatusNotifierWatcher"
WATCHER_PATH = "/StatusNotifierWatcher"
ITEM = "org.kde.StatusNotifierItem"
ITEM_PATH = "/StatusNotifierItem"
MENU = "com.canonical.dbusmenu"


class StatusNotifierWatcher(ServiceInterface):
    """The watcher a tray host runs; it says a host is there and keeps the items' names."""

    def __init__(self) -> None:
        super().__init__(WATCHER)
        self.items: list[str] = []

    @dbus_method()
    def RegisterStatusNotifierItem(self, service: DBusStr) -> None:
        self.items.append(service)
        self.StatusNotifierItemRegistered(service)

    @dbus_method()
    def RegisterStatusNotifierHost(self, service: DBusStr) -> None:
        pass

    @dbus_property(access=PropertyAccess.READ)
    def RegisteredStatusNotifierItems(self) -> Annotated[list[str], DBusSignature("as")]:
        return list(self.items)

    @dbus_property(access=PropertyAccess.READ)
    def IsStatusNotifierHostRegistered(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def ProtocolVersion(self) -> DBusInt32:
        return 0

    @dbus_signal()
    def StatusNotifierItemRegistered(self, service: DBusStr) -> DBusStr:
        return service


class DesktopBus:
    """The two services on `address`, served from a thread until stop()."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.notifications = RecordingNotifications()
        self.watcher = StatusNotifierWatcher()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="wayland-desktop-bus")
        self._bus: MessageBus | None = None

    def start(self) -> "DesktopBus":
        self._thread.start()
        self.call(self._serve())
        return self

    async def _serve(self) -> None:
        bus = await MessageBus(bus_address=self.address).connect()
        bus.export(NOTIFICATIONS_PATH, self.notifications)
        await bus.request_name(NOTIFICATIONS)
        bus.export(WATCHER_PATH, self.watcher)
        await bus.request_name(WATCHER)
        self._bus = bus

    def call(self, coroutine: Any, timeout: float = 20) -> Any:
        future: Future[Any] = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        return future.result(timeout)

    async def _disconnect(self) -> None:
        if self._bus is not None:
            self._bus.disconnect()
            await self._bus.wait_for_disconnect()  # its socket closed

    def stop(self) -> None:
        self.call(self._disconnect())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _ask(self, destination: str, path: str, interface: str, member: str,
                   signature: str = "", body: list[Any] | None = None) -> list[Any]:  # fmt: skip
        assert self._bus is not None
        reply = await self._bus.call(Message(
            destination=destination, path=path, interface=interface, member=member,
            signature=signature, body=body or [],
        ))  # fmt: skip
        assert reply is not None and reply.message_type == MessageType.METHOD_RETURN, reply
        return list(reply.body)

    def item_properties(self, service: str) -> dict[str, Any]:
        """Every property of a registered item, as plain values."""
        reply = self.call(self._ask(service, ITEM_PATH, "org.freedesktop.DBus.Properties",
                                    "GetAll", "s", [ITEM]))  # fmt: skip
        return {name: variant.value for name, variant in reply[0].items()}

    def menu_labels(self, service: str, menu_path: str) -> list[str]:
        """The labels of the item's menu, depth first (separators and submenus included)."""
        reply = self.call(self._ask(service, menu_path, MENU, "GetLayout", "iias", [0, -1, []]))
        labels: list[str] = []

        def walk(node: list[Any]) -> None:
            _id, properties, children = node
            if "label" in properties:
                labels.append(properties["label"].value)
            for child in children:
                walk(child.value)

        walk(reply[1])
        return labels
