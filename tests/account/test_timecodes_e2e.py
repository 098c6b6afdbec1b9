"""Watch progress with the account against the demo's v1 side: a position saved here reaches the
server, and one set there "from another device" arrives here, where resuming starts from it."""

from __future__ import annotations

from collections.abc import AsyncIterator
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

TITLE_ID = 9001


@pytest.fixture
async def services(
    tmp_path: Path, demo_thread: DemoServerThread, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[AppServices]:
    monkeypatch.setattr(context_module, "TokenStore", lambda _data_dir: Keeper())
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
