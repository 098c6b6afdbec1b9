"""Watch progress with the account, over an account API in memory and a real library: a saved
position becomes one pending timecode (collapsed per episode), goes up in batches (the save while
playing at most every so often, a pause at once), and the account's timecodes come back down
(mapped to episodes through the kept titles; a pending position here wins; watched stays)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from app.core import Player, Title
from app.core.account import Timecode
from app.services import sync as sync_module
from app.services.account_progress import AccountProgress
from app.services.session import PlaybackSession
from app.services.tasks import TaskRunner
from app.storage.timecodes import TIMECODE
from tests.unit import test_playback_session as playback
from tests.unit.account_fakes import Kit
from tests.unit.fake_player import FakePlayer

EP = "0b5e4a1c-0000-4000-8000-00000000000"  # + the episode number: the service's episode ids
TITLE = Title(
    id=7, code="frieren",
    player=Player(
        hosts=playback.TITLE.player.hosts,
        episodes=tuple(playback._episode(n, id=f"{EP}{n}", duration=1400) for n in (1, 2, 3)),
    ),
)  # fmt: skip


@pytest.fixture
def progress(kit: Kit) -> AccountProgress:
    return AccountProgress(kit.account, kit.library, kit.sync)


async def pending(kit: Kit) -> list[tuple[str, str, int]]:
    rows = await kit.library.outbox(lambda o: o.pending(kit.key))
    return [(row.kind, row.item, row.release_id) for row in rows]


async def settle(kit: Kit) -> None:
    """Until no push is under way (each runs as its own task)."""
    await playback.until(lambda: kit.sync._timecode_push is None or kit.sync._timecode_push.done())


def pushes(kit: Kit) -> int:
    return kit.remote.calls.count("update_timecodes")


async def test_a_position_saved_while_signed_in_queues_one_timecode(
    kit: Kit, progress: AccountProgress
) -> None:
    await progress.record(7, 1, 100, 1400, episode_id=f"{EP}1")  # signed out: here only
    await kit.account.sign_in("demo", "demo")
    assert await pending(kit) == []
    await progress.record(7, 2, 50, 1400)  # no episode id (v2): here only
    await progress.record(7, 1, 200, 1400, episode_id=f"{EP}1")
    assert await pending(kit) == [(TIMECODE, f"{EP}1", 7)]
    saved = await kit.library.saved(7, 1)
    assert saved is not None and saved.position == 200
    await settle(kit)
    assert kit.remote.positions[f"{EP}1"].time == 200  # a lone save is sent at once
    assert await pending(kit) == []


async def test_pending_positions_of_one_episode_collapse_to_the_last(
    kit: Kit, progress: AccountProgress, monkeypatch: pytest.MonkeyPatch
) -> None:
    await kit.account.sign_in("demo", "demo")
    kit.remote.failures = [ConnectionError("offline")] * 10  # nothing leaves meanwhile
    for position in (10, 20, 30):
        await progress.record(7, 1, position, 1400, episode_id=f"{EP}1")
        await settle(kit)
    await progress.record(7, 2, 5, 1400, episode_id=f"{EP}2")
    await settle(kit)
    rows = await kit.library.outbox(lambda o: o.pending(kit.key))
    assert [(row.item, '"time": 30' in row.value) for row in rows] == [
        (f"{EP}1", True),
        (f"{EP}2", False),
    ]
    kit.remote.failures = []
    await kit.sync.sync_now()
    assert {k: t.time for k, t in kit.remote.positions.items()} == {f"{EP}1": 30, f"{EP}2": 5}
    assert kit.remote.calls.count("update_timecodes") >= 1 and await pending(kit) == []


@pytest.fixture
async def session(
    progress: AccountProgress, tasks: TaskRunner
) -> AsyncIterator[tuple[PlaybackSession, FakePlayer]]:
    player = FakePlayer()
    made = PlaybackSession(
        playback.FakeStreams(), progress, playback.FakeTitles(TITLE), tasks, lambda: player
    )
    yield made, player
    made.shutdown()
    await made.flush()


async def test_while_playing_timecodes_go_up_at_most_every_interval_and_a_pause_at_once(
    kit: Kit, session: tuple[PlaybackSession, FakePlayer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(playback.session_module, "SAVE_EVERY_S", 0.02)
    monkeypatch.setattr(sync_module, "TIMECODE_PUSH_EVERY_S", 0.3)
    await kit.account.sign_in("demo", "demo")
    playing, player = session
    playing.play(TITLE, TITLE.player.episodes[0])
    await playback.until(lambda: playing.current is not None)
    started = asyncio.get_running_loop().time()
    await asyncio.sleep(0.7)  # ~35 periodic saves
    elapsed = asyncio.get_running_loop().time() - started
    await settle(kit)
    periodic = pushes(kit)
    assert 1 <= periodic <= elapsed / 0.3 + 1  # at most one per interval, not one per save
    player.seek_to(321)
    playing.set_paused(True)  # a pause: sent at once, whatever the interval
    await playback.until(lambda: f"{EP}1" in kit.remote.positions and pushes(kit) > periodic)
    await settle(kit)
    assert kit.remote.positions[f"{EP}1"].time == 321


async def test_the_pull_maps_timecodes_to_episodes_and_keeps_watched_marks(kit: Kit) -> None:
    await kit.library.keep_title(TITLE)
    await kit.account.sign_in("demo", "demo")
    await kit.library.record(7, 2, 1390, 1400)  # watched here, not (yet) there
    kit.remote.positions = {
        t.release_episode_id: t
        for t in (
            Timecode(f"{EP}1", 700.0),  # from another device
            Timecode(f"{EP}2", 30.0),  # rewatching elsewhere: watched stays
            Timecode("ffffffff-0000-4000-8000-000000000000", 5.0),  # no kept title has it
        )
    }
    changed: list[int] = []
    kit.library.progress_changed.connect(changed.append)
    report = await kit.sync.sync_now()
    first, second = await kit.library.saved(7, 1), await kit.library.saved(7, 2)
    assert first is not None and first.position == 700 and first.duration == 1400
    assert not first.watched
    assert second is not None and second.position == 30 and second.watched
    assert changed == [7] and report.progress_changed == 1
    assert len(await kit.library.history()) == 2  # the unknown episode is skipped
    again = await kit.sync.sync_now()  # nothing new: nothing moves
    assert again.progress_changed == 0


async def test_a_watched_mark_from_the_account_is_kept_here(kit: Kit) -> None:
    await kit.library.keep_title(TITLE)
    await kit.account.sign_in("demo", "demo")
    await kit.library.record(7, 1, 300, 1400)
    merged = await kit.library.merge_timecodes(kit.key, [Timecode(f"{EP}1", 300.0, True)])
    saved = await kit.library.saved(7, 1)
    assert merged.changed == {7} and saved is not None and saved.watched


async def test_a_position_still_pending_here_wins_over_the_accounts(
    kit: Kit, progress: AccountProgress
) -> None:
    await kit.library.keep_title(TITLE)
    await kit.account.sign_in("demo", "demo")
    kit.remote.failures = [ConnectionError("offline")]  # the push fails: the row stays
    await progress.record(7, 3, 60, 1400, episode_id=f"{EP}3")
    await settle(kit)
    assert await pending(kit) == [(TIMECODE, f"{EP}3", 7)]
    merged = await kit.library.merge_timecodes(kit.key, [Timecode(f"{EP}3", 900.0)])
    saved = await kit.library.saved(7, 3)
    assert merged.kept_local == 1 and not merged.changed
    assert saved is not None and saved.position == 60
