"""Talking to AniLibria: clients, parsers, live updates. No Qt here."""

from typing import TYPE_CHECKING

from app.api.errors import (
    ApiError,
    AuthRequiredError,
    InvalidRequestError,
    MalformedResponseError,
    NetworkError,
    NotFoundError,
    ServerError,
    UnknownParametersError,
)
from app.api.v2.params import (
    DescriptionType,
    GenreSorting,
    Include,
    PlaylistType,
)

if TYPE_CHECKING:
    from app.api.v2.client import AniLibriaClient
    from app.api.v2.websocket import ConnectionState, UpdatesListener

__all__ = [
    "AniLibriaClient",
    "ApiError",
    "AuthRequiredError",
    "ConnectionState",
    "DescriptionType",
    "GenreSorting",
    "Include",
    "InvalidRequestError",
    "MalformedResponseError",
    "NetworkError",
    "NotFoundError",
    "PlaylistType",
    "ServerError",
    "UnknownParametersError",
    "UpdatesListener",
]


def __getattr__(name: str) -> object:
    # The client (and httpx with its TLS set-up) and the WebSocket side (and the websockets
    # library) load on first use, not before the first page is painted.
    if name == "AniLibriaClient":
        from app.api.v2.client import AniLibriaClient

        return AniLibriaClient
    if name in ("ConnectionState", "UpdatesListener"):
        from app.api.v2 import websocket

        return getattr(websocket, name)
    raise AttributeError(name)
