"""Talking to AniLibria: clients, parsers, live updates. No Qt here."""

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
from app.api.v2.client import AniLibriaClient
from app.api.v2.params import (
    DescriptionType,
    GenreSorting,
    Include,
    PlaylistType,
)

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
    # The WebSocket side (and the websockets library) loads on first use, not at start-up.
    if name in ("ConnectionState", "UpdatesListener"):
        from app.api.v2 import websocket

        return getattr(websocket, name)
    raise AttributeError(name)
