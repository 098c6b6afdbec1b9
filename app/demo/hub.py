"""The demo WebSocket: connected clients, their subscriptions, and broadcasting updates."""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from typing import Any

import orjson
from aiohttp import web

from app.demo.filtering import apply_filter, apply_remove
from app.demo.records import DemoTitle
from app.demo.wire import SHAPE_213, WireOptions, episode_json, player_json, title_json

log = logging.getLogger(__name__)


def matches(pattern: Any, value: Any) -> bool:
    """A subscription matches when every key it names is present with an equal value ("*": any)."""
    if pattern == "*":
        return True
    if isinstance(pattern, dict):
        if not isinstance(value, dict):
            return False
        return all(key in value and matches(sub, value[key]) for key, sub in pattern.items())
    if isinstance(pattern, list):
        return isinstance(value, list) and all(any(matches(p, v) for v in value) for p in pattern)
    return bool(pattern == value)


@dataclass(eq=False)
class Client:
    socket: web.WebSocketResponse
    shape: str
    subscriptions: list[Any] = field(default_factory=list)
    filter: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)

    def wants(self, message: dict[str, Any], title: dict[str, Any]) -> bool:
        if not self.subscriptions:
            return True
        # The 2.8 docs match filters against the title's fields; 2.13 against the message.
        subject = message if self.shape == SHAPE_213 else {**title, **message}
        return any(matches(sub, subject) for sub in self.subscriptions)

    def project(self, message: dict[str, Any]) -> dict[str, Any]:
        if self.filter:
            message = apply_filter(message, self.filter)
        if self.remove:
            message = apply_remove(message, self.remove)
        return message


class Hub:
    def __init__(self) -> None:
        self.clients: set[Client] = set()
        self._counter = 0

    async def serve(self, request: web.Request, shape: str) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(heartbeat=30.0)
        await socket.prepare(request)
        client = Client(socket, shape)
        self.clients.add(client)
        try:
            async for frame in socket:
                if frame.type == web.WSMsgType.TEXT:
                    await self._command(client, frame.data)
        finally:
            self.clients.discard(client)
        return socket

    async def _command(self, client: Client, text: str) -> None:
        try:
            command = orjson.loads(text)
        except orjson.JSONDecodeError:
            await client.socket.send_str('{"error": {"code": 400, "message": "Invalid JSON"}}')
            return
        if isinstance(command, dict) and "subscribe" in command:
            client.subscriptions.append(command["subscribe"])
            for key in ("filter", "remove"):
                if isinstance(command.get(key), str):
                    setattr(client, key, [p for p in command[key].split(",") if p])
            reply = {"subscribe": "success", "subscription_id": len(client.subscriptions) - 1}
            await client.socket.send_str(orjson.dumps(reply).decode())

    def next_hash(self, *parts: object) -> str:
        self._counter += 1
        seed = f"{time.time_ns()}:{self._counter}:{parts}"
        return hashlib.sha1(seed.encode()).hexdigest()

    async def broadcast_raw(self, text: str) -> int:
        sent = 0
        for client in list(self.clients):
            try:
                await client.socket.send_str(text)
                sent += 1
            except (ConnectionError, RuntimeError):
                self.clients.discard(client)
        return sent

    async def announce_episode(
        self, title: DemoTitle, episode: int, options_for: dict[str, WireOptions]
    ) -> str:
        """Sends a playlist update and then a title update; returns the title update's hash."""
        digest = self.next_hash(title.id, episode)
        by_shape: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
        for shape, options in options_for.items():
            title_data = title_json(title, options)
            by_shape[shape] = (
                title_data,
                _episode_messages(title, episode, options, title_data, digest),
            )
        for client in list(self.clients):
            title_data, messages = by_shape[client.shape]
            for message in messages:
                if not client.wants(message, title_data):
                    continue
                try:
                    await client.socket.send_str(orjson.dumps(client.project(message)).decode())
                except (ConnectionError, RuntimeError):
                    self.clients.discard(client)
                    break
        return digest

    async def drop_all(self) -> None:
        for client in list(self.clients):
            await client.socket.close(code=1012, message=b"demo server restart")
        self.clients.clear()


def _episode_messages(
    title: DemoTitle,
    episode: int,
    options: WireOptions,
    title_data: dict[str, Any],
    digest: str,
) -> list[dict[str, Any]]:
    player = player_json(title, options)
    if options.shape != SHAPE_213:
        return [
            {"id": title.id, "serie": episode, "playlist": player["playlist"]},
            {"hash": digest, "title": title_data},
        ]
    record = next(e for e in title.episodes if e.number == episode)
    return [
        {
            "type": "playlist_update",
            "playlist_update": {
                "id": title.id,
                "player": player,
                "updated_episode": episode_json(title, record, options),
                "episode": str(episode),
                "diff": {"series": player["series"]},
                "reupload": False,
            },
        },
        {
            "type": "title_update",
            "title_update": {
                "hash": digest,
                "title": title_data,
                "diff": {"updated": title.updated},
            },
        },
    ]
