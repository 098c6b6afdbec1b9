"""The v2 WebSocket as an async iterator of typed update events.

Reconnects with jittered exponential backoff until cancelled, re-sends its subscriptions after
every connect, drops duplicate notifications by hash (across reconnects too) and survives
malformed frames.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any

import orjson
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

from app.api.coerce import as_bool, as_int, as_number, as_str
from app.api.seen import SeenHashes
from app.api.v2.parse import V2Parser
from app.core import (
    EncodeEvent,
    EncodeStage,
    PlaylistUpdated,
    Quality,
    SubscriptionConfirmed,
    TitleUpdated,
    TorrentUpdated,
    UpdateEvent,
)

log = logging.getLogger(__name__)

_ENCODE_STAGES = {
    "encode_start": EncodeStage.START,
    "encode_progress": EncodeStage.PROGRESS,
    "encode_end": EncodeStage.END,
    "encode_finish": EncodeStage.FINISH,
}
_QUALITIES = {q.value: q for q in Quality}


class ConnectionState(StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    WAITING = "waiting"  # disconnected, waiting to retry


class FrameDecoder:
    """One text frame -> one event (or None for frames that carry nothing we use)."""

    def __init__(self, parser: V2Parser) -> None:
        self._parser = parser

    def decode(self, frame: str | bytes) -> UpdateEvent | None:
        try:
            message = orjson.loads(frame)
        except orjson.JSONDecodeError:
            log.warning("ignoring a WebSocket frame that is not JSON: %.80r", frame)
            return None
        if type(message) is not dict:
            return None
        digest = as_str(message.get("hash")) or _digest(frame)
        kind = message.get("type")
        if type(kind) is str and type(message.get(kind)) is dict:
            return self._typed(kind, message[kind], digest)
        return self._seed_shape(message, digest)

    def _typed(self, kind: str, body: dict[str, Any], digest: str) -> UpdateEvent | None:
        digest = as_str(body.get("hash")) or digest
        if kind == "title_update" and type(body.get("title")) is dict:
            return TitleUpdated(digest, self._parser.title(body["title"]))
        if kind == "playlist_update":
            updated = body.get("updated_episode")
            episode = self._parser.episode(updated) if type(updated) is dict else None
            number = as_number(body.get("episode"))
            if number is None and episode is not None:
                number = episode.number
            return PlaylistUpdated(
                hash=digest,
                title_id=as_int(body.get("id")),
                episode=number,
                player=self._parser.player(body.get("player")),
                updated_episode=episode,
                reupload=as_bool(body.get("reupload")),
            )
        if kind == "torrent_update":
            return TorrentUpdated(
                hash=digest,
                title_id=as_int(body.get("id")),
                torrents=self._parser.torrents(body.get("torrents")),
                updated_torrent_id=as_int(body.get("updated_torrent_id")),
            )
        if kind in _ENCODE_STAGES:
            return _encode(_ENCODE_STAGES[kind], body, digest)
        return None

    def _seed_shape(self, message: dict[str, Any], digest: str) -> UpdateEvent | None:
        if message.get("subscribe") == "success":
            return SubscriptionConfirmed(as_int(message.get("subscription_id")))
        if type(message.get("title")) is dict:
            return TitleUpdated(digest, self._parser.title(message["title"]))
        if "playlist" in message and "id" in message:
            player = self._parser.player({"playlist": message.get("playlist")})
            number = as_number(message.get("serie"))
            episode = player.episode(number) if number is not None else None
            return PlaylistUpdated(
                hash=digest,
                title_id=as_int(message.get("id")),
                episode=number,
                player=player,
                updated_episode=episode,
            )
        if "id" in message and "episode" in message:  # encode_finish comes untyped
            return _encode(EncodeStage.FINISH, message, digest)
        return None


def _encode(stage: EncodeStage, body: Mapping[str, Any], digest: str) -> EncodeEvent:
    return EncodeEvent(
        hash=digest,
        stage=stage,
        title_id=as_int(body.get("id")),
        episode=as_number(body.get("episode")),
        quality=_QUALITIES.get(as_str(body.get("quality"))),
        resolution=as_int(body.get("resolution")),
        percent=as_int(body.get("encoded_percent")),
    )


def _digest(frame: str | bytes) -> str:
    data = frame.encode() if isinstance(frame, str) else frame
    return hashlib.sha1(data).hexdigest()


class UpdatesListener:
    """`async for event in listener.events(): ...` until the task is cancelled."""

    def __init__(
        self,
        url: str,
        parser: V2Parser,
        *,
        subscriptions: Sequence[Mapping[str, Any]] = (),
        filter: str | None = None,
        remove: str | None = None,
        initial_backoff: float = 0.5,
        max_backoff: float = 30.0,
        open_timeout: float = 10.0,
        on_state: Callable[[ConnectionState], None] | None = None,
    ) -> None:
        self.url = url
        self._decoder = FrameDecoder(parser)
        self._subscriptions: list[Mapping[str, Any]] = list(subscriptions)
        self._filter = filter
        self._remove = remove
        self._initial_backoff = initial_backoff
        self._max_backoff = max_backoff
        self._open_timeout = open_timeout
        self._on_state = on_state
        self._seen = SeenHashes()
        self._socket: ClientConnection | None = None
        self.connections = 0  # successful connects so far

    async def subscribe(self, subscription: Mapping[str, Any]) -> None:
        """Adds a filter; sent now when connected, and again after every reconnect."""
        self._subscriptions.append(subscription)
        if self._socket is not None:
            await self._socket.send(self._subscribe_command(subscription))

    def _subscribe_command(self, subscription: Mapping[str, Any]) -> str:
        command: dict[str, Any] = {"subscribe": subscription}
        if self._filter:
            command["filter"] = self._filter
        if self._remove:
            command["remove"] = self._remove
        return orjson.dumps(command).decode()

    def _set_state(self, state: ConnectionState) -> None:
        if self._on_state is not None:
            self._on_state(state)

    async def events(self) -> AsyncIterator[UpdateEvent]:
        delay = self._initial_backoff
        while True:
            self._set_state(ConnectionState.CONNECTING)
            try:
                async with connect(
                    self.url, open_timeout=self._open_timeout, max_size=32 * 1024 * 1024
                ) as socket:
                    self._socket = socket
                    self.connections += 1
                    delay = self._initial_backoff
                    self._set_state(ConnectionState.CONNECTED)
                    for subscription in self._subscriptions:
                        await socket.send(self._subscribe_command(subscription))
                    async for frame in socket:
                        event = self._decoder.decode(frame)
                        if event is None:
                            continue
                        if isinstance(event, SubscriptionConfirmed) or self._seen.add(event.hash):
                            yield event
            except (OSError, TimeoutError, WebSocketException) as error:
                log.info("update stream lost (%s); retrying in about %.1fs", error, delay)
            finally:
                self._socket = None
            self._set_state(ConnectionState.WAITING)
            await asyncio.sleep(delay * random.uniform(0.5, 1.0))
            delay = min(delay * 2, self._max_backoff)
