"""A play asked for before the video view exists (a cold `libria play`, whose window is built
around the playing video): the stream starts at once, and the picture is there once the view is.
Real libmpv, the demo's real HLS, Mesa's GL on pytest-xvfb's display."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.api.backend import ApiKind
from app.core import Quality
from app.demo import DemoServerThread
from app.services.context import AppServices
from app.ui.player_pane import PlayerPane
from tests.ui.conftest import until
from tests.ui.test_player import COLOURS, _close, _frame_colour


@pytest.fixture(autouse=True)
def silent_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIBRIA_AUDIO_OUTPUT", "null")


@pytest.fixture
def api_kind() -> ApiKind:
    return ApiKind.V2  # the player does not depend on the API's kind


@pytest.fixture
async def pane(services: AppServices) -> AsyncIterator[list[PlayerPane]]:
    """Where a test puts the pane it builds; shut down in order afterwards."""
    made: list[PlayerPane] = []
    yield made
    services.playback.shutdown()
    for built in made:
        built.hide()
        built.deleteLater()


def _segments(demo_thread: DemoServerThread) -> list[str]:
    """The video segments the demo was asked for (read from its thread's counts)."""
    return [path for path in list(demo_thread.server.media.requests) if path.endswith(".ts")]


async def test_the_stream_starts_before_the_view_and_shows_once_it_is_there(
    services: AppServices, demo_thread: DemoServerThread, pane: list[PlayerPane]
) -> None:
    title = await services.catalog.title(id=9003)
    services.playback.play(title, title.player.episodes[0])
    await until(lambda: _segments(demo_thread), within=20)  # no view, no window: it streams
    assert services.playback.current is not None
    assert not services.playback.state.loaded  # held for the picture: nothing plays unseen
    built = PlayerPane(services.playback)  # the window, built around the playing video
    pane.append(built)
    built.resize(900, 600)
    built.show()
    colour = COLOURS[Quality.FHD]
    await until(lambda: _close(_frame_colour(built), colour), within=20, message="no picture")
    assert built.choice is services.playback.current  # the pane names what already plays
    assert built.choice is not None and built.choice.host in built.message.text()
