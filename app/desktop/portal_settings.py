"""What the desktop wishes for the look, from the XDG desktop portal's Settings interface
(org.freedesktop.portal.Settings on the session bus, dbus-fast on the asyncio loop): the colour
scheme, high contrast and reduced motion, read once (ReadAll) and followed (SettingChanged).

GNOME's own keys stand in where a portal backend does not offer the freedesktop ones (older
backends have no `contrast` or `reduced-motion`): org.gnome.desktop.interface `color-scheme`
and `enable-animations`, org.gnome.desktop.a11y.interface `high-contrast`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # dbus-fast loads when the portal is asked, after the first page
    from dbus_fast import Message
    from dbus_fast.aio import MessageBus

log = logging.getLogger(__name__)
SERVICE = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.Settings"
APPEARANCE = "org.freedesktop.appearance"
GNOME = "org.gnome.desktop.interface"
GNOME_A11Y = "org.gnome.desktop.a11y.interface"
NAMESPACES = [APPEARANCE, GNOME, GNOME_A11Y]


@dataclass(frozen=True, slots=True)
class DesktopWishes:
    """None: the desktop says nothing about it (the app's or Qt's default holds)."""

    dark: bool | None = None
    high_contrast: bool | None = None
    reduced_motion: bool | None = None


def wishes(values: dict[tuple[str, str], Any]) -> DesktopWishes:
    """The wishes in a set of (namespace, key) → value; the freedesktop keys first."""
    return DesktopWishes(_dark(values), _contrast(values), _motion(values))


def _dark(values: dict[tuple[str, str], Any]) -> bool | None:
    scheme = values.get((APPEARANCE, "color-scheme"))
    if scheme in (1, 2):  # 0: no preference
        return bool(scheme == 1)
    gnome = values.get((GNOME, "color-scheme"))
    return {"prefer-dark": True, "prefer-light": False}.get(str(gnome))


def _contrast(values: dict[tuple[str, str], Any]) -> bool | None:
    contrast = values.get((APPEARANCE, "contrast"))
    if contrast in (0, 1):
        return bool(contrast == 1)
    high = values.get((GNOME_A11Y, "high-contrast"))
    return high if isinstance(high, bool) else None


def _motion(values: dict[tuple[str, str], Any]) -> bool | None:
    motion = values.get((APPEARANCE, "reduced-motion"))
    if motion in (0, 1):
        return bool(motion == 1)
    animations = values.get((GNOME, "enable-animations"))
    return (not animations) if isinstance(animations, bool) else None


class PortalSettings:
    """The portal's settings for the look; `on_change(wishes)` after each change."""

    def __init__(self, on_change: Callable[[DesktopWishes], None]) -> None:
        self._on_change = on_change
        self._bus: MessageBus | None = None
        self._values: dict[tuple[str, str], Any] = {}

    @property
    def wishes(self) -> DesktopWishes:
        return wishes(self._values)

    async def connect(self) -> bool:
        """Reads the settings and follows them; False where there is no bus or no portal."""
        from dbus_fast import BusType
        from dbus_fast.aio import MessageBus
        from dbus_fast.errors import DBusError

        try:
            bus = await MessageBus(bus_type=BusType.SESSION).connect()
        except (OSError, ValueError, DBusError) as error:
            log.info("no D-Bus session bus for the portal: %s", error)
            return False
        rule = f"type='signal',interface='{INTERFACE}',member='SettingChanged'"
        try:  # the match first: a change between the read and the match is not lost
            await _call(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                        "org.freedesktop.DBus", "AddMatch", "s", [rule])  # fmt: skip
            bus.add_message_handler(self._signal)
            reply = await _call(bus, SERVICE, PATH, INTERFACE, "ReadAll", "as", [NAMESPACES])
        except DBusError as error:
            log.info("no desktop portal settings: %s", error)
            bus.disconnect()
            return False
        for namespace, keys in reply[0].items():
            for key, value in keys.items():
                self._values[(namespace, key)] = value.value
        self._bus = bus
        log.info("desktop portal settings: %s", self.wishes)
        return True

    def _signal(self, message: Message) -> bool:
        from dbus_fast import MessageType

        if message.message_type is not MessageType.SIGNAL or message.member != "SettingChanged":
            return False
        if message.interface != INTERFACE or len(message.body) != 3:
            return False
        namespace, key, value = message.body
        if namespace in NAMESPACES:
            before = self.wishes
            self._values[(namespace, key)] = value.value
            if self.wishes != before:
                self._on_change(self.wishes)
        return False

    def close(self) -> None:
        if self._bus is not None:
            self._bus.disconnect()
            self._bus = None


async def _call(
    bus: MessageBus, destination: str, path: str, interface: str, member: str, signature: str,
    body: list[Any],
) -> list[Any]:  # fmt: skip
    from dbus_fast import Message, MessageType
    from dbus_fast.errors import DBusError

    message = Message(destination=destination, path=path, interface=interface, member=member,
                      signature=signature, body=body)  # fmt: skip
    reply = await bus.call(message)
    if reply is None or reply.message_type is MessageType.ERROR:
        error = reply.error_name if reply is not None else "no reply"
        detail = reply.body[0] if reply is not None and reply.body else ""
        raise DBusError(str(error), str(detail))
    return list(reply.body)
