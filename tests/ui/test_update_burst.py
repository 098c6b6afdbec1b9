"""A burst of new episodes from the server (hundreds at once, as after a release wave) reaches
the window in batches: "New episodes" ends with every title where it belongs and showing its new
episode, the scroll position stays, and the announcement (with the tray's list) follows once per
batch, not once per episode."""

from __future__ import annotations

import asyncio
import itertools

import httpx
import pytest

from app.api.backend import ApiKind
from app.core import Title
from app.demo import DemoServerThread
from app.services.announcer import UPDATE_EVERY_S, Announcement
from app.services.context import AppServices
from app.services.state import LoadState
from app.ui.main_window import MainWindow
from app.ui.pages.catalog_page import CatalogPage
from tests.ui.conftest import until
from tests.ui.test_announcements import listening

BURST = 500


def burst(demo: DemoServerThread, count: int) -> list[int]:
    answer = httpx.post(f"{demo.server.origin}/demo/burst", json={"count": count}, timeout=120)
    answer.raise_for_status()
    return [item["id"] for item in answer.json()["pushed"]]


def last_episode(title: Title) -> float:
    return max((e.number for e in title.player.episodes), default=0.0)


@pytest.mark.parametrize("api_kind", [ApiKind.V2], ids=["v2"])  # v1 polls 50 titles at most
async def test_a_burst_of_500_new_episodes(
    window: MainWindow, services: AppServices, demo_thread: DemoServerThread
) -> None:
    page = window.page_for("updates", CatalogPage)
    await until(lambda: page.query.state is LoadState.READY)
    await listening(services, demo_thread)
    announced: list[Announcement] = []
    services.announcer.announced.connect(announced.append)
    loop = asyncio.get_running_loop()
    announced_at: list[float] = []
    services.announcer.announced.connect(lambda _: announced_at.append(loop.time()))
    tray_lists: list[int] = []  # the tray's menu is rebuilt on each of these
    services.announcer.recent_changed.connect(lambda: tray_lists.append(1))
    changes: list[str] = []  # the grid's structural changes: each one lays out every card
    model = page.model
    for signal in (model.layoutChanged, model.rowsInserted, model.rowsRemoved, model.rowsMoved):
        signal.connect(lambda *_, name=signal: changes.append(str(name)))
    bar = page.grid.verticalScrollBar()
    bar.setValue(min(120, bar.maximum()))
    scrolled = bar.value()
    asked = demo_thread.server.request_count

    ids = await asyncio.to_thread(burst, demo_thread, BURST)
    expected = list(dict.fromkeys(reversed(ids)))  # the last one pushed is on top
    await until(
        lambda: [getattr(t, "id", 0) for t in model.items()[: len(expected)]] == expected,
        within=60, message="the burst's titles do not lead the grid in the order they came",
    )  # fmt: skip
    for item in model.items()[: len(expected)]:
        assert isinstance(item, Title)
        assert last_episode(item) == demo_thread.server.catalog.titles[item.id].episodes[-1].number
    assert len(changes) <= 40, f"{len(changes)} relayouts of the grid for one burst"
    assert bar.value() == scrolled  # the view did not jump to the top
    await until(lambda: announced and len(announced[-1].items) == BURST, within=30)
    assert {a.burst for a in announced} == {announced[0].burst}, "one announcement, updated"
    # Refreshed at most every UPDATE_EVERY_S while the burst runs (its last word may come sooner):
    # however long a loaded machine takes to deliver it, never once per episode.
    gaps = [later - earlier for earlier, later in itertools.pairwise(announced_at[:-1])]
    assert all(gap >= UPDATE_EVERY_S - 0.05 for gap in gaps), f"refreshed after {min(gaps):.2f} s"
    assert len(announced) < BURST // 10, f"{len(announced)} updates of one announcement"
    assert len(tray_lists) == len(announced)  # the tray's list follows each update, no more
    # The announcement names each title from its update: nobody asked the server about them.
    assert demo_thread.server.request_count - asked < 20
