"""mpv's property changes reduced into the player's state: odd values never break it."""

from __future__ import annotations

import pytest

from app.core.player_state import PlayerState
from app.player.state import OBSERVED, reduce


def test_a_file_opening_clears_the_end() -> None:
    ended = PlayerState(loaded=True, ended=True, position=30.0)
    state = reduce(ended, "file-loaded", True)
    assert state.loaded and not state.ended


@pytest.mark.parametrize(
    ("name", "value", "field", "expected"),
    [
        ("pause", True, "paused", True),
        ("paused-for-cache", 1, "buffering", True),
        ("time-pos", 12.5, "position", 12.5),
        ("duration", 1420, "duration", 1420.0),
        ("volume", 55.0, "volume", 55.0),
        ("mute", True, "muted", True),
        ("eof-reached", True, "ended", True),
        ("video-params", {"w": 1920, "h": 1080}, "video_size", (1920, 1080)),
    ],
)
def test_each_observed_property_lands_in_its_field(
    name: str, value: object, field: str, expected: object
) -> None:
    assert name in OBSERVED or name == "time-pos"
    assert getattr(reduce(PlayerState(), name, value), field) == expected


@pytest.mark.parametrize("value", [None, "12", True, []])
def test_an_unreadable_position_keeps_the_last_one(value: object) -> None:
    state = PlayerState(position=33.0)
    assert reduce(state, "time-pos", value).position == 33.0


def test_an_unavailable_duration_is_unknown_and_progress_stays_finite() -> None:
    state = reduce(PlayerState(position=10.0, duration=20.0), "duration", None)
    assert state.duration == 0.0 and state.progress == 0.0
    assert PlayerState(position=10.0, duration=40.0).progress == 0.25


def test_idle_unloads_but_leaving_idle_waits_for_the_file() -> None:
    loaded = PlayerState(loaded=True)
    assert not reduce(loaded, "idle-active", True).loaded
    assert reduce(PlayerState(), "idle-active", False).loaded is False


def test_video_params_gone_means_no_picture() -> None:
    state = PlayerState(video_size=(1280, 720))
    assert reduce(state, "video-params", None).video_size == (0, 0)


def test_unknown_properties_change_nothing() -> None:
    state = PlayerState(position=5.0)
    assert reduce(state, "sub-text", "hello") is state
