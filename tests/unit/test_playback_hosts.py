"""The preferred host's stream goes to the player at once and is checked meanwhile: a host that
does not answer gives way to a caching node, and the viewer hears of a failure only when no
host can play. Against a fake player and a fake resolver."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from app.services.session import PlaybackSession
from app.services.streams import StreamChoice
from app.services.tasks import TaskRunner
from tests.unit.fake_player import FakePlayer
from tests.unit.playback_fakes import (
    FakeProgress,
    FakeStreams,
    FakeTitles,
    Recorder,
    until,
)
from tests.unit.test_playback_session import TITLE


@pytest.fixture
def player() -> FakePlayer:
    return FakePlayer()


@pytest.fixture
def streams() -> FakeStreams:
    return FakeStreams()


@pytest.fixture
async def session(player: FakePlayer, streams: FakeStreams) -> AsyncIterator[PlaybackSession]:
    tasks = TaskRunner()
    made = PlaybackSession(streams, FakeProgress(), FakeTitles(TITLE), tasks, lambda: player)
    yield made
    made.shutdown()
    await tasks.shutdown()


PREFERRED = "https://cache.libria.fun/v/1/1080.m3u8"
NODE = "https://node.libria.fun/v/1/1080.m3u8"


def _play_first(session: PlaybackSession) -> tuple[Recorder, Recorder]:
    started, failed = Recorder(session.started), Recorder(session.failed)
    session.play(TITLE, TITLE.player.episodes[0])
    return started, failed


async def test_the_preferred_stream_loads_before_its_host_is_probed(
    session: PlaybackSession, player: FakePlayer, streams: FakeStreams
) -> None:
    streams.probe_held = asyncio.Event()  # the probe has no answer yet
    started, _ = _play_first(session)
    await until(lambda: started.values)
    assert [url for url, _ in player.loaded] == [PREFERRED]
    assert streams.probed == [PREFERRED]  # asked meanwhile
    choice: StreamChoice = started.values[0]
    assert choice.preferred_host and not choice.probed
    streams.probe_held.set()
    await until(lambda: not session._checking or session._checking.done())
    assert len(started.values) == 1 and len(player.loaded) == 1  # it answered: it stays


async def test_a_preferred_host_that_does_not_answer_gives_way_to_a_caching_node(
    session: PlaybackSession, player: FakePlayer, streams: FakeStreams
) -> None:
    player.opens = False  # mpv is still waiting for the dead host
    streams.dead.add("cache.libria.fun")
    started, failed = _play_first(session)
    player.failed.emit("mpv could not play the stream (loading failed)")  # before the probe
    await until(lambda: len(started.values) == 2)
    assert [url for url, _ in player.loaded] == [PREFERRED, NODE]
    assert not started.values[1].preferred_host and session.current is started.values[1]
    assert failed.values == []  # another host plays: the first one's failure is not news


async def test_no_host_that_answers_is_told_and_the_player_stops(
    session: PlaybackSession, player: FakePlayer, streams: FakeStreams
) -> None:
    player.opens = False
    streams.dead.update({"cache.libria.fun", "node.libria.fun"})
    _, failed = _play_first(session)
    await until(lambda: failed.values)
    assert failed.values == ["No stream host answered: cache.libria.fun, node.libria.fun"]
    assert not player.state.loaded


async def test_a_failure_of_a_host_that_answers_is_told(
    session: PlaybackSession, player: FakePlayer, streams: FakeStreams
) -> None:
    streams.probe_held = asyncio.Event()
    player.opens = False
    started, failed = _play_first(session)
    await until(lambda: started.values)
    player.failed.emit("mpv could not play the stream (unrecognized file format)")
    assert failed.values == []  # the check decides
    streams.probe_held.set()
    await until(lambda: failed.values)
    assert failed.values == ["mpv could not play the stream (unrecognized file format)"]
    assert [url for url, _ in player.loaded] == [PREFERRED]  # no other host for a bad file


async def test_leaving_before_the_check_answers_loads_nothing_more(
    session: PlaybackSession, player: FakePlayer, streams: FakeStreams
) -> None:
    streams.probe_held = asyncio.Event()
    player.opens = False
    streams.dead.add("cache.libria.fun")
    started, _ = _play_first(session)
    await until(lambda: started.values)
    session.stop()
    streams.probe_held.set()
    await asyncio.sleep(0.05)  # the cancelled check had its chance to (wrongly) go on
    assert [url for url, _ in player.loaded] == [PREFERRED]
