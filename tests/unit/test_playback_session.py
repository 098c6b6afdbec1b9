"""The playback session against a fake player: what plays, what comes next, what is saved."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from app.core import DownloadLinks, Episode, Player, Quality, Skips, StreamHosts, StreamLinks, Title
from app.services import session as session_module
from app.services.session import PlaybackSession
from app.services.streams import PlaybackError, StreamChoice
from app.services.tasks import TaskRunner
from tests.qt_loop import ended, tasks_named
from tests.unit.fake_player import EPISODE_LENGTH, FakePlayer
from tests.unit.playback_fakes import FakeProgress, FakeStreams, FakeTitles, Recorder, until


def _episode(number: float, **fields: Any) -> Episode:
    links = StreamLinks(fhd=f"/v/{number:g}/1080.m3u8", hd=f"/v/{number:g}/720.m3u8")
    return Episode(number=number, hls=links, **fields)


TITLE = Title(
    id=7, code="frieren",
    player=Player(
        hosts=StreamHosts(hls="cache.libria.fun", mp4="mp4.libria.fun"),
        episodes=(
            _episode(1, skips=Skips(opening=(10, 100))),
            _episode(2, mp4=DownloadLinks(hd="/get/2.mp4", download_hd="?download=frieren-2.mp4")),
            _episode(3),
        ),
    ),
)  # fmt: skip


@pytest.fixture
def player() -> FakePlayer:
    return FakePlayer()


@pytest.fixture
def streams() -> FakeStreams:
    return FakeStreams()


@pytest.fixture
def progress() -> FakeProgress:
    return FakeProgress()


@pytest.fixture
async def session(
    player: FakePlayer, streams: FakeStreams, progress: FakeProgress
) -> AsyncIterator[PlaybackSession]:
    tasks = TaskRunner()
    made = PlaybackSession(streams, progress, FakeTitles(TITLE), tasks, lambda: player)
    yield made
    made.shutdown()
    await made.flush()
    await tasks.shutdown()


async def _play(session: PlaybackSession, number: float, **options: Any) -> StreamChoice:
    started = Recorder(session.started)
    episode = TITLE.player.episode(number)
    assert episode is not None
    session.play(TITLE, episode, **options)
    await until(lambda: started.values)
    choice: StreamChoice = started.values[-1]
    return choice


async def test_playing_asks_for_a_stream_and_loads_it(
    session: PlaybackSession, player: FakePlayer
) -> None:
    requested = Recorder(session.requested)
    choice = await _play(session, 2, start=30.0)
    assert requested.values == [(TITLE, TITLE.player.episodes[1], False)]
    assert player.loaded == [("https://cache.libria.fun/v/2/1080.m3u8", 30.0)]
    assert session.current == choice and session.state.position == 30.0


async def test_the_player_is_made_only_when_something_plays(
    session: PlaybackSession, player: FakePlayer
) -> None:
    session.toggle_pause()
    session.seek(10)
    assert not session.has_player and session.state.loaded is False
    await _play(session, 1)
    assert session.has_player


async def test_a_later_request_wins_over_one_still_looking(
    session: PlaybackSession, player: FakePlayer, streams: FakeStreams
) -> None:
    streams.held[1] = asyncio.Event()
    session.play(TITLE, TITLE.player.episodes[0])
    await asyncio.sleep(0)
    choice = await _play(session, 3)
    streams.held[1].set()  # the first answer arrives late
    await asyncio.sleep(0.01)
    assert choice.episode.number == 3
    assert [url for url, _ in player.loaded] == ["https://cache.libria.fun/v/3/1080.m3u8"]


async def test_a_refused_stream_is_told_and_nothing_loads(
    session: PlaybackSession, player: FakePlayer, streams: FakeStreams
) -> None:
    streams.refuse.add(2)
    failed = Recorder(session.failed)
    session.play(TITLE, TITLE.player.episodes[1])
    await until(lambda: failed.values)
    assert failed.values == ["Episode 2 has no stream"]
    assert player.loaded == [] and session.current is None


async def test_next_and_previous_stop_at_the_ends(session: PlaybackSession) -> None:
    await _play(session, 1)
    assert session.can_step(1) and not session.can_step(-1)
    session.step(-1)  # nothing before the first episode
    started = Recorder(session.started)
    session.step(1)
    await until(lambda: started.values)
    assert started.values[0].episode.number == 2
    await _play(session, 3)
    assert not session.can_step(1)


async def test_another_quality_keeps_the_position(
    session: PlaybackSession, player: FakePlayer
) -> None:
    await _play(session, 1)
    session.seek_to(600)
    session.switch_quality(Quality.HD)
    await until(lambda: len(player.loaded) == 2)
    assert player.loaded[1] == ("https://cache.libria.fun/v/1/720.m3u8", 600.0)
    assert session.current is not None and session.current.quality is Quality.HD


@pytest.fixture
def quick_countdown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_module, "NEXT_COUNTDOWN_S", 3)
    monkeypatch.setattr(session_module, "COUNTDOWN_TICK_S", 0.01)


@pytest.mark.usefixtures("quick_countdown")
async def test_the_next_episode_starts_after_the_countdown(
    session: PlaybackSession, player: FakePlayer, progress: FakeProgress
) -> None:
    await _play(session, 1)
    countdown = Recorder(session.countdown)
    started = Recorder(session.started)
    player.play_to_end()
    assert session.counting_down
    await until(lambda: started.values)
    assert countdown.values == [3, 2, 1, 0]
    assert started.values[0].episode.number == 2
    assert (TITLE.id, 1, EPISODE_LENGTH) in progress.records  # the end counts as watched


@pytest.mark.usefixtures("quick_countdown")
async def test_cancelling_the_countdown_stays_on_the_episode(
    session: PlaybackSession, player: FakePlayer
) -> None:
    await _play(session, 1)
    countdown = Recorder(session.countdown)
    countdown_over = asyncio.Event()
    counting: list[asyncio.Task[Any]] = []  # the countdown's own task, as it counts

    def cancel_at_two(left: int) -> None:
        if left == 2:
            counting.extend(tasks_named("auto-next"))
            session.cancel_auto_next()

    session.countdown.connect(cancel_at_two)
    session.countdown.connect(lambda left: left == 0 and countdown_over.set())
    player.play_to_end()
    await asyncio.wait_for(countdown_over.wait(), 5)
    (countdown_task,) = counting  # seen once, as it counted
    await ended(countdown_task)  # had the countdown gone on, the next episode would be loading
    assert countdown.values == [3, 2, 0] and not session.counting_down
    assert len(player.loaded) == 1 and session.current is not None
    assert session.current.episode.number == 1
    player.play_to_end()  # the same file ending again offers nothing twice
    assert not session.counting_down


async def test_the_last_episode_ends_without_a_countdown(
    session: PlaybackSession, player: FakePlayer
) -> None:
    await _play(session, 3)
    countdown = Recorder(session.countdown)
    player.play_to_end()
    assert countdown.values == [] and not session.counting_down


async def test_a_pause_and_leaving_save_the_position(
    session: PlaybackSession, player: FakePlayer, progress: FakeProgress
) -> None:
    await _play(session, 2, start=100.0)
    stopped = Recorder(session.stopped)
    session.seek_to(250)
    session.toggle_pause()
    session.set_volume(50)  # other changes while paused write nothing more
    await session.flush()
    assert progress.records == [(TITLE.id, 2, 250)]
    session.toggle_pause()
    session.seek_to(300)
    session.stop()
    await session.flush()
    assert progress.records[-1] == (TITLE.id, 2, 300)
    assert not player.state.loaded and session.current is None  # the stream is closed
    assert stopped.values == [()]


async def test_the_position_is_saved_while_playing(
    session: PlaybackSession,
    player: FakePlayer,
    progress: FakeProgress,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(session_module, "SAVE_EVERY_S", 0.01)
    await _play(session, 1)
    session.seek_to(42)
    await until(lambda: (TITLE.id, 1, 42) in progress.records)


async def test_another_episode_saves_the_one_before(
    session: PlaybackSession, progress: FakeProgress
) -> None:
    await _play(session, 1)
    session.seek_to(500)
    await _play(session, 2)
    await session.flush()
    assert (TITLE.id, 1, 500) in progress.records


async def test_shutdown_saves_then_ends_the_player(
    session: PlaybackSession, player: FakePlayer, progress: FakeProgress
) -> None:
    await _play(session, 1)
    session.seek_to(77)
    session.shutdown()
    await session.flush()
    assert progress.records == [(TITLE.id, 1, 77)] and player.terminated


async def test_resume_plays_the_episode_of_a_title_looked_up(session: PlaybackSession) -> None:
    started = Recorder(session.started)
    session.resume(TITLE.id, 3)
    await until(lambda: started.values)
    assert started.values[0].title.code == "frieren"
    assert started.values[0].episode.number == 3


async def test_resume_of_a_missing_episode_offers_the_title(session: PlaybackSession) -> None:
    instead = Recorder(session.title_instead)
    session.resume(TITLE.id, 12)
    await until(lambda: instead.values)
    assert instead.values == [TITLE] and session.current is None


async def test_resume_of_an_unknown_title_is_told(session: PlaybackSession) -> None:
    failed = Recorder(session.failed)
    session.resume(404, 1)
    await until(lambda: failed.values)
    assert "404" in failed.values[0]


async def test_a_link_plays_its_episode_or_the_first(session: PlaybackSession) -> None:
    started = Recorder(session.started)
    session.play_number(TITLE, 2)
    await until(lambda: len(started.values) == 1)
    session.play_number(TITLE, 99)
    await until(lambda: len(started.values) == 2)
    assert [c.episode.number for c in started.values] == [2, 1]
    instead = Recorder(session.title_instead)
    empty = Title(id=8, code="empty")
    session.play_number(empty, None)  # nothing to play yet: its page says when
    assert instead.values == [empty]


async def test_the_opening_can_be_skipped(session: PlaybackSession, player: FakePlayer) -> None:
    await _play(session, 1, start=20.0)
    assert session.in_opening()
    session.skip_opening()
    assert player.state.position == 100 and not session.in_opening()


async def test_mp4_links_are_checked(session: PlaybackSession) -> None:
    with pytest.raises(PlaybackError):
        session.download_link()  # nothing plays
    await _play(session, 2)
    link = session.download_link()
    assert link.startswith("https://mp4.libria.fun/get/2.mp4")
    assert link.endswith("?download=frieren-2.mp4")
    hostile = Title(id=9, code="x", player=Player(
        hosts=StreamHosts(mp4="evil.example/../"), episodes=TITLE.player.episodes))  # fmt: skip
    session.play(hostile, hostile.player.episodes[1])
    await until(lambda: session.current is not None and session.current.title.id == 9)
    with pytest.raises(PlaybackError):
        session.download_link()


async def test_the_same_viewing_going_on_is_told_apart_from_a_new_play(
    session: PlaybackSession, player: FakePlayer
) -> None:
    requested = Recorder(session.requested)
    await _play(session, 1)
    session.step(1)
    await until(lambda: len(player.loaded) == 2)
    session.switch_quality(Quality.HD)
    await until(lambda: len(player.loaded) == 3)
    assert [(episode.number, continuing) for _, episode, continuing in requested.values] == [
        (1, False),
        (2, True),
        (2, True),
    ]


async def test_a_later_play_wins_over_a_resume_still_looking_up_its_title(
    session: PlaybackSession, player: FakePlayer
) -> None:
    session.resume(TITLE.id, 3)  # the lookup answers after the play below was asked for
    choice = await _play(session, 1)
    await asyncio.sleep(0.01)
    assert choice.episode.number == 1
    assert [url for url, _ in player.loaded] == ["https://cache.libria.fun/v/1/1080.m3u8"]


async def test_nothing_loads_into_a_player_being_shut_down(
    session: PlaybackSession, player: FakePlayer, streams: FakeStreams
) -> None:
    await _play(session, 1)
    streams.held[2] = asyncio.Event()
    session.step(1)  # the next episode's host is being probed while the app quits
    session.shutdown()
    streams.held[2].set()
    await session.flush()
    await asyncio.sleep(0.01)
    assert player.terminated and len(player.loaded) == 1
    session.toggle_pause()  # a late media key reaches nothing
    session.play(TITLE, TITLE.player.episodes[2])
    assert not player.state.paused and len(player.loaded) == 1


async def test_a_stream_the_player_refuses_is_told(
    session: PlaybackSession, player: FakePlayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(url: str, start: float = 0.0) -> None:
        raise RuntimeError("mpv: unsupported protocol")

    monkeypatch.setattr(player, "load", refuse)
    failed = Recorder(session.failed)
    session.play(TITLE, TITLE.player.episodes[0])
    await until(lambda: failed.values)
    assert "unsupported protocol" in failed.values[0] and session.current is None
