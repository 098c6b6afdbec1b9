"""New episodes by polling (v1 has no WebSocket), against the demo's v1 side."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from app.api.backend import ApiKind
from app.core import PlaylistUpdated, TitleUpdated
from app.demo import DemoServerThread
from app.services.context import AppServices
from app.services.polling import MAX_BACKOFF_S, EpisodePoller
from tests.ui.conftest import until

INTERVAL = 0.2


@pytest.fixture
def api_kind() -> ApiKind:
    return ApiKind.V1  # polling is what v1 needs; the v2 tests use the WebSocket


class Polling:
    def __init__(self, services: AppServices) -> None:
        self.events: list[PlaylistUpdated] = []
        self.titles: list[TitleUpdated] = []
        self.states: list[str] = []
        self.poller = EpisodePoller(
            services.api, services.library, self.events.append, self.titles.append, INTERVAL
        )
        self.task = asyncio.ensure_future(self.poller.run(on_state=self.states.append))

    def episodes(self) -> list[tuple[int, float | None]]:
        return [(event.title_id, event.episode) for event in self.events]

    async def stop(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)


@pytest.fixture
async def polling(services: AppServices) -> AsyncIterator[Polling]:
    started = Polling(services)
    yield started
    await started.stop()


def latest_polls(demo: DemoServerThread) -> list[int]:
    return [status for path, status in demo.server.v1_requests if path == "anime/releases/latest"]


async def test_the_first_poll_is_a_baseline_then_each_new_episode_comes_once(
    polling: Polling, demo_thread: DemoServerThread
) -> None:
    await until(lambda: len(latest_polls(demo_thread)) >= 3)
    assert polling.events == [], "what was already out is not news"
    pushed = demo_thread.call(demo_thread.server.push_episode(9003))
    await until(lambda: polling.events)
    polls = len(latest_polls(demo_thread))
    await until(lambda: len(latest_polls(demo_thread)) >= polls + 3)
    assert polling.episodes() == [(9003, float(pushed["episode"]))]
    assert [t.title.id for t in polling.titles] == [9003]  # views move it to the top
    assert 304 in latest_polls(demo_thread), "an unchanged list is asked with its ETag"


async def test_an_episode_out_while_closed_is_told_at_the_next_start(
    services: AppServices, demo_thread: DemoServerThread
) -> None:
    first = Polling(services)
    await until(lambda: "connected" in first.states)
    await first.stop()
    pushed = demo_thread.call(demo_thread.server.push_episode(9005))  # while "closed"
    second = Polling(services)  # the baseline comes from the library, not from this answer
    try:
        await until(lambda: second.events)
        await asyncio.sleep(INTERVAL * 3)
        assert second.episodes() == [(9005, float(pushed["episode"]))]
    finally:
        await second.stop()
    third = Polling(services)
    try:
        await until(lambda: "connected" in third.states)
        await asyncio.sleep(INTERVAL * 3)
        assert third.events == [], "told once: not again after another restart"
    finally:
        await third.stop()


async def test_failures_back_off_and_recover(
    polling: Polling, demo_thread: DemoServerThread
) -> None:
    from app.demo.server import Fault

    await until(lambda: "connected" in polling.states)
    demo_thread.server.faults.append(
        Fault(method="anime/releases/latest", status=500, message="down", count=6)
    )
    await until(lambda: "reconnecting" in polling.states, within=20)
    await until(lambda: polling.states[-1] == "connected", within=30)
    delays = [polling.poller._delay(failures) for failures in (0, 1, 3, 30)]
    assert INTERVAL * 0.9 <= delays[0] <= INTERVAL * 1.1
    assert INTERVAL * 1.8 <= delays[1] <= INTERVAL * 2.2
    assert INTERVAL * 7.2 <= delays[2] <= INTERVAL * 8.8
    assert delays[3] <= MAX_BACKOFF_S * 1.1
