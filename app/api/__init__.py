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

__all__ = [
    "AniLibriaClient",
    "ApiError",
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
]
