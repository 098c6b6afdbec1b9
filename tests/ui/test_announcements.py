"""Live updates inside the app: views refresh, and the announcer picks what to tell the user
(every episode, favourites only, server-side filters; never re-uploads, never twice)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from app.api.backend import ApiKind
from app.core import Episode, Player, PlaylistUpdated, Title
from app.demo import DemoServerThread
from app.services.announcer import Announcement, Announcer
from app.services.context import AppServices
from app.services.state import LoadState
from app.ui import labels
from app.ui.announcements import Announcements
from app.ui.main_window import MainWindow
from app.ui.pages.catalog_page import CatalogPage
from tests.ui.conftest import until


def is_out(number: float) -> str:
    """A notification's body for one new episode, in the interface's language."""
    return QCoreApplication.translate("Notifications", "%1 is out").replace(
        "%1", labels.episode(number)
    )


def record(announcer: Announcer) -> list[Announcement]:
    seen: list[Announcement] = []
    announcer.announced.connect(seen.append)
    return seen


def episodes_in(seen: list[Announcement]) -> set[tuple[int, float]]:
    return {(i.title.id, i.episode.number) for a in seen for i in a.items}


async def listening(services: AppServices, demo: DemoServerThread, clients: int = 1) -> None:
    """Until the WebSocket is subscribed (v2) or the first poll has set the baseline (v1)."""
    services.start_listening()
    await stream_ready(services, demo, clients)


async def stream_ready(services: AppServices, demo: DemoServerThread, clients: int = 1) -> None:
    await until(lambda: services.updates.connection == "connected")
    if services.api.kind is ApiKind.V2:
        await until(lambda: len(demo.server.hub.clients) >= clients)


async def test_a_new_episode_refreshes_the_open_views(
    window: MainWindow, services: AppServices, demo_thread: DemoServerThread
) -> None:
    page = window.page_for("updates", CatalogPage)
    await until(lambda: page.query.state is LoadState.READY)
    last = page.model.items()[-1]
    assert isinstance(last, Title)
    window.open_title(last)
    view = window.title_page.view
    await until(lambda: window.title_page.query.state is LoadState.READY)
    before = view.episodes.count()
    await listening(services, demo_thread)
    demo_thread.call(demo_thread.server.push_episode(last.id))
    await until(lambda: view.episodes.count() == before + 1)  # the open page reloaded
    top = page.model.items()[0]
    assert isinstance(top, Title) and top.id == last.id  # first in "New episodes" now


async def test_favourites_only_mode(services: AppServices, demo_thread: DemoServerThread) -> None:
    services.settings.set("announce", "favourites")
    favourite = await services.catalog.title(id=9010)
    await services.library.set_favourite(favourite, True)
    seen = record(services.announcer)
    await listening(services, demo_thread)
    demo_thread.call(demo_thread.server.push_episode(9011))
    pushed = demo_thread.call(demo_thread.server.push_episode(9010))
    await until(lambda: seen)
    await until(lambda: services.announcer.recent)
    assert episodes_in(seen) == {(9010, float(pushed["episode"]))}
    assert seen[0].items[0].title.names.main == favourite.names.main


async def test_paused_and_reuploads_are_silent(
    services: AppServices, demo_thread: DemoServerThread
) -> None:
    seen = record(services.announcer)
    received: list[PlaylistUpdated] = []
    services.updates.playlist_updated.connect(received.append)
    services.settings.set("notifications", False)  # "pause notifications" in the tray
    await listening(services, demo_thread)
    demo_thread.call(demo_thread.server.push_episode(9010))
    await until(lambda: received)  # it arrived while paused
    reupload = PlaylistUpdated(
        hash="re", title_id=9011, episode=1.0, player=Player(), reupload=True
    )
    services.settings.set("notifications", True)
    services.announcer.offer(reupload)
    pushed = demo_thread.call(demo_thread.server.push_episode(9012))
    await until(lambda: seen)
    assert episodes_in(seen) == {(9012, float(pushed["episode"]))}


async def test_filters_become_server_subscriptions(
    services: AppServices, demo_thread: DemoServerThread
) -> None:
    titles = demo_thread.server.catalog.titles.values()
    year = next(t.year for t in titles if t.status == 1)
    matching = next(t.id for t in titles if t.year == year)
    other = next(t.id for t in titles if t.year != year)
    services.settings.set("announce", "filters")
    services.settings.set("announce_year", year)
    seen = record(services.announcer)
    await listening(services, demo_thread)
    if services.api.kind is ApiKind.V2:  # the server filters; v1 has no socket: the app does
        await until(lambda: any(c.subscriptions for c in demo_thread.server.hub.clients))
        client = next(iter(demo_thread.server.hub.clients))
        assert client.subscriptions == [{"season": {"year": year}}]
    demo_thread.call(demo_thread.server.push_episode(other))
    pushed = demo_thread.call(demo_thread.server.push_episode(matching))
    await until(lambda: seen)
    assert episodes_in(seen) == {(matching, float(pushed["episode"]))}


async def test_an_episode_is_never_announced_twice_even_after_a_restart(
    services: AppServices,
) -> None:
    async def lookup(title_id: int) -> Title:
        return Title(id=title_id)

    first = Announcer(services.settings, services.library, services.tasks, lookup)
    again = Announcer(services.settings, services.library, services.tasks, lookup)  # a new run
    seen_first, seen_again = record(first), record(again)
    event = PlaylistUpdated(hash="one", title_id=9001, episode=3.0, player=Player())
    first.offer(event)
    first.offer(event)
    await until(lambda: seen_first)
    again.offer(PlaylistUpdated(hash="a-new-hash", title_id=9001, episode=3.0, player=Player()))
    again.offer(PlaylistUpdated(hash="four", title_id=9001, episode=4.0, player=Player()))
    await until(lambda: seen_again)
    assert episodes_in(seen_first) == {(9001, 3.0)}
    assert episodes_in(seen_again) == {(9001, 4.0)}


async def test_without_desktop_or_tray_the_window_tells_and_watch_plays(
    window: MainWindow, services: AppServices, demo_thread: DemoServerThread,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    announcements = Announcements(services, window, tray=None)
    await announcements.start()
    assert not announcements.presenter.uses_desktop
    assert window.banners.warning.isVisible()  # "there is no system tray here", once
    assert services.settings.get("tray_notice_shown")
    await stream_ready(services, demo_thread)
    pushed = demo_thread.call(demo_thread.server.push_episode(9003))
    banner = window.banners.news
    await until(lambda: banner.isVisible())
    name = demo_thread.server.catalog.titles[9003].name_ru
    assert banner.label.text() == f"{name}: {is_out(pushed['episode'])}"
    played: list[tuple[Any, Episode]] = []
    services.playback.requested.connect(lambda title, episode, _: played.append((title, episode)))
    banner.button.click()
    await until(lambda: played)
    assert played[0][0].id == 9003 and played[0][1].number == pushed["episode"]
    shown = announcements.presenter.last_shown
    assert shown is not None
    announcements.presenter.act(shown)  # a click on a notification's body opens the title
    await until(lambda: window.stack.currentWidget() is window.title_page)
    assert window.title_page.view.title is not None
    assert window.title_page.view.title.id == 9003
    announcements.close()


async def test_without_a_notification_server_the_tray_shows_it(
    window: MainWindow, services: AppServices, demo_thread: DemoServerThread,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from app.ui.tray import Tray, tray_icon

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    tray = Tray(tray_icon())
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(tray, "show_message", lambda summary, body: shown.append((summary, body)))
    announcements = Announcements(services, window, tray)
    await announcements.start()
    await stream_ready(services, demo_thread)
    pushed = demo_thread.call(demo_thread.server.push_episode(9003))
    await until(lambda: shown)
    assert shown[0] == (
        demo_thread.server.catalog.titles[9003].name_ru,
        is_out(pushed["episode"]),
    )
    assert not window.banners.news.isVisible()
    lines = [a.text() for a in tray.episodes_menu.actions()]
    assert lines == [f"{shown[0][0]} — {labels.episode(pushed['episode']).lower()}"]  # the submenu
    tray.pause_action.trigger()  # "pause notifications" from the tray
    assert services.settings.get("notifications") is False
    announcements.close()
