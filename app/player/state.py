"""mpv property changes reduced into the player's state (app.core.player_state)."""

from __future__ import annotations

from typing import Any

from msgspec import structs

from app.core.player_state import PlayerState

__all__ = ["OBSERVED", "PlayerState", "reduce"]


def _number(value: Any, default: float = 0.0) -> float:
    return (
        float(value) if isinstance(value, int | float) and not isinstance(value, bool) else default
    )


def reduce(state: PlayerState, name: str, value: Any) -> PlayerState:
    """The state after mpv reported `name` = `value` (None when the property is unavailable)."""
    if name == "pause":
        return structs.replace(state, paused=bool(value))
    if name == "paused-for-cache":
        return structs.replace(state, buffering=bool(value))
    if name == "time-pos":
        return structs.replace(state, position=_number(value, state.position))
    if name == "duration":
        return structs.replace(state, duration=_number(value))
    if name == "volume":
        return structs.replace(state, volume=_number(value, state.volume))
    if name == "mute":
        return structs.replace(state, muted=bool(value))
    if name == "eof-reached":
        return structs.replace(state, ended=bool(value))
    if name == "idle-active":
        return structs.replace(state, loaded=not value) if value else state
    if name == "file-loaded":  # an event, not a property: the next file is open
        return structs.replace(state, loaded=True, ended=False)
    if name == "video-params":
        if isinstance(value, dict):
            size = (int(value.get("w") or 0), int(value.get("h") or 0))
            return structs.replace(state, video_size=size)
        return structs.replace(state, video_size=(0, 0))
    return state


OBSERVED = (
    "pause", "paused-for-cache", "duration", "volume", "mute", "eof-reached", "idle-active",
    "video-params",
)  # fmt: skip
