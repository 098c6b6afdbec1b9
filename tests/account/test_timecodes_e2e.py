"""Watch progress with the account against the demo's v1 side: a position saved here reaches the
server, an episode played to its end here is watched there, and one set there "from another
device" arrives here, where resuming starts from it, even for a title never opened here."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from app.api.backend import ApiKind
from app.core.account import Timecode
from app.demo import DemoServerThread
from app.services import context as context_module
from app.services.context import AppServices
from app.services.settings import SettingsStore
from tests.account.test_sync_e2e import another_device
from tests.unit.account_fakes import Keeper
from tests.unit.fake_player import FakePlayer

TITLE_ID = 9001
NEVER_OPENED_HERE = 9002


async def eventually(check: Callable[[], object], within: float = 10.0) -> None:
    """Until `check` (plain or a coroutine function) holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        held = check()
        if inspect.isawaitable(held):
            held = await held
        if held:
            return
        assert loop.time() < deadline, "the condition never held"
        await asyncio.sleep(0.02)


@pytest.fixture
async def services(
    tmp_path: Path, demo_thread: DemoServerThread, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[AppServices]:
    monkeypatch.setattr(context_module, "TokenStore", lambda _data_dir: Keeper())
    monkeypatch.setattr(context_module.AppServices, "_make_player", lambda _self: FakePlayer())
    settings = SettingsStore(tmp_path / "settings.ini", environ={})
    made = AppServices(settings, demo_thread.api_base_v1, tmp_path / "cache", api_kind=ApiKind.V1)
    await made.start()
    await made.account.sign_in("demo", "demo")
    try:
        yield made
    finally:
        await made.shutdown()


async def test_a_position_saved_here_reaches_the_account(
    services: AppServices, demo_thread: DemoServerThread
) -> None:
    title = await services.catalog.title(id=TITLE_ID)
    episode = title.player.episodes[0]
    assert episode.id  # v1 episodes carry the service's id
    await services.progress.record(title.id, episode.number, 321.0, 1400.0, episode_id=episode.id)
    await services.sync.sync_now()
    other, token = await another_device(demo_thread)
    try:
        there = {t.release_episode_id: t for t in await other.backend.account.timecodes(token)}
    finally:
        await other.close()
    assert there[episode.id].time == 321.0 and not there[episode.id].is_watched


async def test_a_position_set_on_another_device_is_where_resuming_starts(
    services: AppServices, demo_thread: DemoServerThread
) -> None:
    title = await services.catalog.title(id=TITLE_ID)  # kept: its episodes map the timecodes
    episode = title.player.episodes[1]
    other, token = await another_device(demo_thread)
    try:
        await other.backend.account.update_timecodes(token, [Timecode(episode.id, 456.0)])
    finally:
        await other.close()
    report = await services.sync.sync_now()
    assert report.progress_changed == 1
    saved = await services.library.saved(title.id, episode.number)
    assert saved is not None and saved.position == 456.0
    choice = await services.streams.resolve(title, episode)
    assert choice.resume_at == 456.0


async def test_an_episode_played_to_its_end_here_is_watched_on_the_account(
    services: AppServices, demo_thread: DemoServerThread
) -> None:
    title = await services.catalog.title(id=TITLE_ID)
    episode = title.player.episodes[0]
    player = services.playback.player
    assert isinstance(player, FakePlayer)
    services.playback.play(title, episode)
    await eventually(lambda: services.playback.current is not None)
    player.play_to_end()
    key = services.account.account_key

    async def sent() -> bool:
        saved = await services.library.saved(title.id, episode.number)
        pending = await services.library.outbox(lambda o: o.pending(key or ""))
        return saved is not None and saved.watched and not pending

    await eventually(sent)  # the end is sent at once, not with the next periodic push
    other, token = await another_device(demo_thread)
    try:
        there = {t.release_episode_id: t for t in await other.backend.account.timecodes(token)}
    finally:
        await other.close()
    assert there[episode.id].is_watched


async def test_a_title_started_on_another_device_and_never_opened_here_resumes_there(
    services: AppServices, demo_thread: DemoServerThread
) -> None:
    other, token = await another_device(demo_thread)
    try:
        episode = (await other.backend.title(id=NEVER_OPENED_HERE)).player.episodes[1]
        await other.backend.account.update_timecodes(token, [Timecode(episode.id, 21.0)])
    finally:
        await other.close()
    assert await services.library.kept_title(title_id=NEVER_OPENED_HERE) is None
    report = await services.sync.sync_now()
    assert report.progress_changed == 1
    saved = await services.library.saved(NEVER_OPENED_HERE, episode.number)
    assert saved is not None and saved.position == 21.0
    shelf = await services.library.continue_watching()
    item = next(i for i in shelf if i.title.id == NEVER_OPENED_HERE)
    assert item.episode.id == episode.id and item.position == 21.0
    player = services.playback.player
    assert isinstance(player, FakePlayer)
    services.playback.resume(item.title.id, item.episode.number)
    await eventually(lambda: player.loaded)
    assert player.loaded[-1][1] == 21.0  # the player opens the episode where the phone stopped
