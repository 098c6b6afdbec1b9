"""What a view shows while data is on its way."""

from __future__ import annotations

from enum import Enum


class LoadState(Enum):
    IDLE = "idle"
    LOADING = "loading"
    READY = "ready"
    EMPTY = "empty"
    ERROR = "error"  # the API said no: its message and a retry
    OFFLINE = "offline"  # the API could not be reached: a retry
