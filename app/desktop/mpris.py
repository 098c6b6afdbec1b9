"""MPRIS: media keys and desktop media widgets control the player over the session bus.

`org.mpris.MediaPlayer2` (raise, quit, identity) and `org.mpris.MediaPlayer2.Player` (play/pause,
next/previous, seek, metadata) at /org/mpris/MediaPlayer2, owned as org.mpris.MediaPlayer2.libria
while the player is active. The app side is a `MediaController`; this module only speaks D-Bus.
"""

# No `from __future__ import annotations`: dbus-fast reads the D-Bus signatures from the
# annotations when the classes are made.

import logging
import os
from dataclasses import dataclass
from typing import Annotated, Any, Protocol

from dbus_fast import BusType, Variant
from dbus_fast.aio import MessageBus
from dbus_fast.annotations import (
    DBusBool,
    DBusDict,
    DBusDouble,
    DBusInt64,
    DBusObjectPath,
    DBusSignature,
    DBusStr,
)
from dbus_fast.constants import PropertyAccess, RequestNameReply
from dbus_fast.errors import DBusError
from dbus_fast.service import ServiceInterface, dbus_method, dbus_property, dbus_signal

from app.core.identity import APP_ID, APP_NAME

log = logging.getLogger(__name__)
PATH = "/org/mpris/MediaPlayer2"
BUS_NAME = "org.mpris.MediaPlayer2.libria"
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
DBusStrings = Annotated[list[str], DBusSignature("as")]
MICRO = 1_000_000


class MediaController(Protocol):
    def play(self) -> None: ...
    def pause(self) -> None: ...
    def play_pause(self) -> None: ...
    def stop(self) -> None: ...
    def next(self) -> None: ...
    def previous(self) -> None: ...
    def seek_by(self, seconds: float) -> None: ...
    def seek_to(self, seconds: float) -> None: ...
    def set_volume(self, volume: float) -> None: ...  # 0.0 ... 1.0
    def raise_window(self) -> None: ...
    def quit(self) -> None: ...


@dataclass(frozen=True)
class Track:
    track_id: str  # a D-Bus object path naming the episode
    title: str
    album: str
    length: float  # seconds, 0 when unknown
    art_url: str = ""  # file:// URI of the poster

    def metadata(self) -> dict[str, Variant]:
        data = {
            "mpris:trackid": Variant("o", self.track_id),
            "xesam:title": Variant("s", self.title),
            "xesam:album": Variant("s", self.album),
            "xesam:artist": Variant("as", ["AniLibria"]),
        }
        if self.length > 0:
            data["mpris:length"] = Variant("x", int(self.length * MICRO))
        if self.art_url:
            data["mpris:artUrl"] = Variant("s", self.art_url)
        return data


def track_id(title_id: int, episode: float) -> str:
    return f"/tv/libria/Libria/episode/{title_id}_{round(episode * 100)}"


class RootInterface(ServiceInterface):
    def __init__(self, controller: MediaController) -> None:
        super().__init__("org.mpris.MediaPlayer2")
        self._controller = controller

    @dbus_method()
    def Raise(self) -> None:
        self._controller.raise_window()

    @dbus_method()
    def Quit(self) -> None:
        self._controller.quit()

    @dbus_property(access=PropertyAccess.READ)
    def CanQuit(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def CanRaise(self) -> DBusBool:
        return True

    @dbus_property(access=PropertyAccess.READ)
    def HasTrackList(self) -> DBusBool:
        return False

    @dbus_property(access=PropertyAccess.READ)
    def Identity(self) -> DBusStr:
        return APP_NAME

    @dbus_property(access=PropertyAccess.READ)
    def DesktopEntry(self) -> DBusStr:
        return APP_ID

    @dbus_property(access=PropertyAccess.READ)
    def SupportedUriSchemes(self) -> DBusStrings:
        return []

    @dbus_property(access=PropertyAccess.READ)
    def SupportedMimeTypes(self) -> DBusStrings:
        return []


class PlayerInterface(ServiceInterface):
    def __init__(self, controller: MediaController) -> None:
        super().__init__("org.mpris.MediaPlayer2.Player")
        self._controller = controller
        self.status = "Stopped"
        self.track: Track | None = None
        self.position = 0.0
        self.volume = 1.0
        self.can_next = False
        self.can_previous = False

    # ----- methods -----

    @dbus_method()
    def Next(self) -> None:
        self._controller.next()

    @dbus_method()
    def Previous(self) -> None:
        self._controller.previous()

    @dbus_method()
    def Pause(self) -> None:
        self._controller.pause()

    @dbus_method()
    def PlayPause(self) -> None:
        self._controller.play_pause()

    @dbus_method()
    def Stop(self) -> None:
        self._controller.stop()

    @dbus_method()
    def Play(self) -> None:
        self._controller.play()

    @dbus_method()
    def Seek(self, offset: DBusInt64) -> None:
        self._controller.seek_by(offset / MICRO)

    @dbus_method()
    def SetPosition(self, track: DBusObjectPath, position: DBusInt64) -> None:
        # The spec: ignore a position for another track, or outside the track.
        if self.track is None or track != self.track.track_id or position < 0:
            return
        if self.track.length and position > self.track.length * MICRO:
            return
        self._controller.seek_to(position / MICRO)

    @dbus_method()
    def OpenUri(self, uri: DBusStr) -> None:
        raise DBusError("org.mpris.MediaPlayer2.Player.Error", "Libria opens no URIs")

    @dbus_signal()
    def Seeked(self, position: DBusInt64) -> DBusInt64:
        return position

    # ----- properties -----

    @dbus_property(access=PropertyAccess.READ)
    def PlaybackStatus(self) -> DBusStr:
        return self.status

    @dbus_property(access=PropertyAccess.READ)
    def Rate(self) -> DBusDouble:
        return 1.0

    @dbus_property(access=PropertyAccess.READ)
    def MinimumRate(self) -> DBusDouble:
        return 1.0

    @dbus_property(access=PropertyAccess.READ)
    def MaximumRate(self) -> DBusDouble:
        return 1.0

    @dbus_property(access=PropertyAccess.READ)
    def Metadata(self) -> DBusDict:
        if self.track is None:
            return {"mpris:trackid": Variant("o", NO_TRACK)}
        return self.track.metadata()

    @dbus_property()
    def Volume(self) -> DBusDouble:
        return self.volume

    @Volume.setter  # type: ignore[no-redef]
    def Volume(self, value: DBusDouble) -> None:
        self._controller.set_volume(min(1.0, max(0.0, value)))

    @dbus_property(access=PropertyAccess.READ)
    def Position(self) -> DBusInt64:
        return int(self.position * MICRO)

    @dbus_property(access=PropertyAccess.READ)
    def CanGoNext(self) -> DBusBool:
        return self.can_next

    @dbus_property(access=PropertyAccess.READ)
    def CanGoPrevious(self) -> DBusBool:
        return self.can_previous

    @dbus_property(access=PropertyAccess.READ)
    def CanPlay(self) -> DBusBool:
        return self.track is not None

    @dbus_property(access=PropertyAccess.READ)
    def CanPause(self) -> DBusBool:
        return self.track is not None

    @dbus_property(access=PropertyAccess.READ)
    def CanSeek(self) -> DBusBool:
        return self.track is not None

    @dbus_property(access=PropertyAccess.READ)
    def CanControl(self) -> DBusBool:
        return True


class Mpris:
    """Owns the bus name while active; `update()` publishes what changed."""

    def __init__(self, controller: MediaController) -> None:
        self._root = RootInterface(controller)
        self.player = PlayerInterface(controller)
        self._bus: MessageBus | None = None
        self._wanted = False  # activate() was asked for and deactivate() not since
        self.name = ""

    @property
    def active(self) -> bool:
        return self._bus is not None

    async def activate(self) -> bool:
        if self._bus is not None:
            return True
        self._wanted = True
        try:
            bus = await MessageBus(bus_type=BusType.SESSION).connect()
        except (OSError, ValueError, DBusError) as error:
            log.info("no session bus for media keys: %s", error)
            return False
        try:
            name = await self._publish_on(bus)
        except BaseException:  # cancelled at quit, or refused: the connection must not leak
            bus.disconnect()
            raise
        if not self._wanted:  # deactivated while the name was being asked for
            bus.disconnect()
            return False
        self._bus, self.name = bus, name
        log.info("media keys via MPRIS as %s", name)
        return True

    async def _publish_on(self, bus: MessageBus) -> str:
        bus.export(PATH, self._root)
        bus.export(PATH, self.player)
        name = BUS_NAME
        reply = await bus.request_name(name)
        if reply not in (RequestNameReply.PRIMARY_OWNER, RequestNameReply.ALREADY_OWNER):
            name = f"{BUS_NAME}.instance{os.getpid()}"  # another Libria profile has the name
            await bus.request_name(name)
        return name

    def deactivate(self) -> None:
        self._wanted = False
        if self._bus is not None:
            self._bus.disconnect()  # the name goes with the connection
            self._bus = None

    def update(
        self,
        *,
        status: str,
        track: Track | None,
        position: float,
        volume: float,
        can_next: bool,
        can_previous: bool,
    ) -> None:
        player = self.player
        changed: dict[str, Any] = {}
        if status != player.status:
            player.status = status
            changed["PlaybackStatus"] = status
        if track != player.track:
            player.track = track
            changed["Metadata"] = player.Metadata
            for name in ("CanPlay", "CanPause", "CanSeek"):
                changed[name] = track is not None
        if abs(volume - player.volume) > 1e-3:
            player.volume = volume
            changed["Volume"] = volume
        if can_next != player.can_next:
            player.can_next = can_next
            changed["CanGoNext"] = can_next
        if can_previous != player.can_previous:
            player.can_previous = can_previous
            changed["CanGoPrevious"] = can_previous
        jumped = abs(position - player.position) > 2.0  # more than playback moves it: a seek
        player.position = position
        if self._bus is None:
            return
        if changed:
            player.emit_properties_changed(changed)
        if jumped:
            player.Seeked(int(position * MICRO))
