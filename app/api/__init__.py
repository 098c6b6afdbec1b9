"""Talking to AniLibria: clients, parsers, live updates. No Qt here."""

from app.api.errors import (
    ApiError,
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
    SeedStatsSort,
    SortOrder,
)
from app.api.v2.websocket import ConnectionState, UpdatesListener

__all__ = [
    "AniLibriaClient",
    "ApiError",
    "ConnectionState",
    "DescriptionType",
    "GenreSorting",
    "Include",
    "MalformedResponseError",
    "NetworkError",
    "NotFoundError",
    "PlaylistType",
    "SeedStatsSort",
    "ServerError",
    "SortOrder",
    "UnknownParametersError",
    "UpdatesListener",
]
