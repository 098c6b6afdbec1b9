"""The player against the demo server's real HLS: frames, hosts, hostile input, resume, next.

The video widget renders with Mesa's OpenGL on the X display pytest-xvfb starts; the offscreen
Qt platform draws GL through it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from app.api.backend import ApiKind
from app.core import Episode, Player, Quality, StreamHosts, StreamLinks, Title
from app.demo import DemoConfig, DemoServerThread
from app.services import session as playback_session
from app.services.context import AppServices
from app.services.settings import SettingsStore
from app.ui import labels
from app.ui.main_window import MainWindow
from app.ui.player_pane import PlayerPane
from tests.qt_loop import ended, tasks_named
from tests.ui.conftest import api_base_for, close_window, until

COLOURS = {Quality.FHD: QColor(0x8C, 0x1E, 0x78), Quality.HD: QColor(0x1E, 0x8C, 0x3C),
           Quality.SD: QColor(0x1E, 0x5A, 0xA8)}  # fmt: skip


@pytest.fixture(autouse=True)
def silent_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIBRIA_AUDIO_OUTPUT", "null")


def _close(colour: QColor, expected: QColor, tolerance: int = 40) -> bool:
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(colour.getRgb()[:3], expected.getRgb()[:3], strict=True)
    )


def _frame_colour(pane: PlayerPane) -> QColor:
    image = pane.video.grabFramebuffer()
    return image.pixelColor(image.width() // 5, image.height() * 3 // 4)


async def _playing(pane: PlayerPane, past: float = 1.0) -> None:
    state = lambda: pane.session.state  # noqa: E731
    await until(lambda: state().loaded and state().position > past, within=30)


async def _title(services: AppServices, title_id: int = 9003) -> Title:
    return await services.catalog.title(id=title_id)


async def test_an_episode_plays_real_frames(window: MainWindow, services: AppServices) -> None:
    title = await _title(services)
    window.services.playback.play(title, title.player.episodes[0])
    pane = window.player
    await _playing(pane)
    assert pane.choice is not None and pane.choice.quality is Quality.FHD
    assert pane.choice.preferred_host
    await until(lambda: _close(_frame_colour(pane), COLOURS[Quality.FHD]), within=10)
    assert pane.session.player.state.duration == pytest.approx(30, abs=1)
    assert pane.choice.host.startswith("127.0.0.1:")  # the demo's own host, named to the user
    assert pane.choice.host in pane.message.text()


async def test_quality_switch_keeps_the_position(window: MainWindow, services: AppServices) -> None:
    title = await _title(services)
    window.services.playback.play(title, title.player.episodes[0])
    pane = window.player
    await _playing(pane, past=3.0)
    before = pane.session.player.state.position
    pane.switch_quality(Quality.SD)
    await until(lambda: pane.choice is not None and pane.choice.quality is Quality.SD)
    await _playing(pane, past=before - 0.5)
    assert pane.session.player.state.position >= before - 0.5
    await until(lambda: _close(_frame_colour(pane), COLOURS[Quality.SD]), within=10)


async def test_a_dead_preferred_host_falls_back_to_a_caching_node(tmp_path: Path) -> None:
    # The titles name a closed port as their stream host; the caching node is the demo itself.
    probe = DemoServerThread(DemoConfig()).start()
    port = probe.server.port
    probe.stop()
    demo = DemoServerThread(DemoConfig(hls_host=f"127.0.0.1:{port}")).start()
    demo.server.config.caching_nodes = {demo.server.own_host: 10, "evil.com/../x": 20}
    services = AppServices(SettingsStore(tmp_path / "s.ini"), demo.api_base(), tmp_path / "c")
    await services.start()
    window = MainWindow(services)
    window.resize(1100, 760)
    window.show()
    try:
        title = await services.catalog.title(id=9003)
        assert title.player.hosts.hls == f"127.0.0.1:{port}"
        window.services.playback.play(title, title.player.episodes[0])
        pane = window.player
        await _playing(pane)
        assert pane.choice is not None and not pane.choice.preferred_host
        assert pane.choice.host == demo.server.own_host
        assert demo.server.own_host in pane.message.text()
        await until(lambda: _close(_frame_colour(pane), COLOURS[Quality.FHD]), within=10)
    finally:
        await close_window(window)
        await services.shutdown()
        demo.stop()


def loaded_urls(pane: PlayerPane) -> list[str]:
    """Every URL handed to mpv from now on (they still play)."""
    opened: list[str] = []
    original = pane.session.player.mpv.loadfile

    def spy(url: str, *args: object, **kwargs: object) -> None:
        opened.append(url)
        original(url, *args, **kwargs)

    pane.session.player.mpv.loadfile = spy
    return opened


HOSTILE = [
    ("file:///etc/passwd", "/videos/ok.m3u8"),
    ("evil.com/../x", "/videos/ok.m3u8"),
    ("de4.libria.fun@evil", "/videos/ok.m3u8"),
    ("javascript:", "/videos/ok.m3u8"),
    ("127.0.0.1:1", "/../../etc/passwd"),
    ("127.0.0.1:1", "javascript:alert(1)"),
    ("127.0.0.1:1", "/videos/a\n/b.m3u8"),
    ("127.0.0.1:1", "file:///etc/passwd"),
]


@pytest.mark.parametrize(("host", "path"), HOSTILE)
async def test_hostile_hosts_and_paths_never_reach_mpv(
    window: MainWindow, host: str, path: str
) -> None:
    episode = Episode(1, hls=StreamLinks(fhd=path, hd=path, sd=path))
    title = Title(
        id=1, code="evil", player=Player(hosts=StreamHosts(hls=host), episodes=(episode,))
    )
    pane = window.player
    opened = loaded_urls(pane)
    failures: list[str] = []
    pane.session.failed.connect(failures.append)
    window.services.playback.play(title, episode)
    await until(lambda: failures)
    assert "refused" in failures[0] and failures[0] in pane.message.text()  # the user is told
    assert opened == []


HOSTILE_ABSOLUTE = [
    "https://evil.example/videos/a.m3u8",  # not an allowed host
    "https://user:pw@127.0.0.1/videos/a.m3u8",  # credentials
    "file:///etc/passwd",
    "ytdl://127.0.0.1/videos/a.m3u8",
    "https://127.0.0.1/videos/a.m3u8#frag",
    "https://127.0.0.1/../../etc/passwd",
]


@pytest.mark.parametrize("url", HOSTILE_ABSOLUTE)
async def test_hostile_absolute_stream_urls_never_reach_mpv(window: MainWindow, url: str) -> None:
    """v1 gives whole URLs: they pass the same checks (and an allow-list) before mpv."""
    episode = Episode(1, hls=StreamLinks(fhd=url, hd=url, sd=url))
    title = Title(id=1, code="evil", player=Player(episodes=(episode,)))
    pane = window.player
    opened = loaded_urls(pane)
    window.services.playback.play(title, episode)
    await until(lambda: "refused" in pane.message.text())
    assert opened == []


async def test_resume_and_watched_marks_survive_a_restart(
    demo_thread: DemoServerThread, tmp_path: Path, api_kind: ApiKind
) -> None:
    async def start() -> tuple[AppServices, MainWindow]:
        settings = SettingsStore(tmp_path / "config" / "s.ini")
        api_base = api_base_for(demo_thread, api_kind)
        services = AppServices(
            settings, api_base, tmp_path / "cache", tmp_path / "data", api_kind=api_kind
        )
        await services.start()
        window = MainWindow(services)
        window.show()
        return services, window

    services, window = await start()
    title = await services.catalog.title(id=9003)
    first, second = title.player.episodes[0], title.player.episodes[1]
    window.services.playback.play(title, first)
    await _playing(window.player)
    window.player.session.player.seek_to(14)
    await until(lambda: window.player.session.player.state.position >= 14)
    window.player.stop()  # saves the position
    await services.library.record(title.id, second.number, 29.5, 30.0)  # episode 2 watched
    await services.playback.flush()
    await close_window(window)
    await services.shutdown()

    services, window = await start()  # as after a restart
    try:
        choice = await services.streams.resolve(title, first)
        assert choice.resume_at == pytest.approx(14, abs=1.5)
        assert await services.playback.watched(title.id) == {second.number}
        window.open_title(title)
        await until(lambda: window.title_page.view.episodes.item(1).text().startswith("✓"))
        assert not window.title_page.view.episodes.item(0).text().startswith("✓")
        window.services.playback.play(title, first)
        await _playing(window.player, past=13)
    finally:
        await close_window(window)
        await services.shutdown()


async def test_the_next_episode_starts_after_a_countdown(
    window: MainWindow, services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(playback_session, "NEXT_COUNTDOWN_S", 2)
    title = await _title(services)
    window.services.playback.play(title, title.player.episodes[0])
    pane = window.player
    await _playing(pane)
    pane.session.player.seek_to(pane.session.player.state.duration - 1)
    await until(lambda: pane.counting_down, within=15)
    assert pane.cancel_next.isVisible()
    await until(lambda: pane.choice is not None and pane.choice.episode.number == 2, within=15)
    await _playing(pane, past=0.5)


async def test_cancelling_the_countdown_stays(
    window: MainWindow, services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(playback_session, "NEXT_COUNTDOWN_S", 2)
    monkeypatch.setattr(playback_session, "COUNTDOWN_TICK_S", 0.05)
    title = await _title(services)
    window.services.playback.play(title, title.player.episodes[0])
    pane = window.player
    await _playing(pane)
    shown: list[int] = []
    counting: list[asyncio.Task[Any]] = []  # the countdown's own task, as it counts

    def cancel_at_once(seconds_left: int) -> None:
        shown.append(seconds_left)
        if seconds_left == 2:
            counting.extend(tasks_named("auto-next"))
            assert pane.cancel_next.isVisible()
            pane.cancel_next.click()

    services.playback.countdown.connect(cancel_at_once)
    pane.session.player.seek_to(pane.session.player.state.duration - 1)
    await until(lambda: shown == [2, 0], within=15)
    assert not pane.cancel_next.isVisible() and not pane.counting_down
    (countdown_task,) = counting  # seen once, as it counted
    await ended(countdown_task)  # the countdown's task is over: nothing more can come of it
    assert shown == [2, 0]
    assert pane.choice is not None and pane.choice.episode.number == 1


async def test_skip_opening_and_keys(window: MainWindow, services: AppServices) -> None:
    services.settings.set("quality", "sd")
    demo_base = services.api.base_url
    await services.api.set_base_url(demo_base.replace("/v2", "/v2.13"))  # 2.13 carries skips
    title = await _title(services, 9001)
    episode = next(e for e in title.player.episodes if e.skips.opening)
    window.services.playback.play(title, episode)
    pane = window.player
    await _playing(pane, past=0.1)
    assert pane.choice is not None and pane.choice.quality is Quality.SD
    opening = episode.skips.opening
    assert opening is not None
    await until(lambda: pane.skip_button.isVisible(), within=15)
    pane.skip_button.click()
    await until(lambda: pane.session.player.state.position >= opening[1] - 0.5)
    pane.session.player.toggle_pause()
    await until(lambda: pane.session.player.state.paused)
    pane.session.player.toggle_mute()
    await until(lambda: pane.session.player.state.muted)


async def test_mp4_download_opens_a_checked_link(
    window: MainWindow, services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    title = await _title(services)  # the 2.8 shape carries mp4 links
    window.services.playback.play(title, title.player.episodes[0])
    pane = window.player
    await until(lambda: pane.choice is not None)
    if services.api.kind is ApiKind.V1:  # v1 gives no mp4 links: nothing to offer
        assert not pane.download_button.isVisible()
        return
    assert pane.download_button.isVisible()
    pane.download_button.click()
    assert len(opened) == 1
    assert opened[0].startswith(f"http://{title.player.hosts.mp4}/get/")
    assert "?download=" in opened[0]
    told = "The download opened in the browser; mp4 links expire soon."
    assert pane.message.text() == QCoreApplication.translate("PlayerPane", told)


async def test_fullscreen_hides_the_chrome_and_escape_leaves(
    window: MainWindow, services: AppServices
) -> None:
    title = await _title(services)
    window.services.playback.play(title, title.player.episodes[0])
    pane = window.player
    await _playing(pane, past=0.2)
    QTest.mouseDClick(pane.video, Qt.MouseButton.LeftButton)  # a double-click on the picture
    await until(lambda: window.isFullScreen())
    assert not window.rail.isVisible() and pane.controls.isVisible()
    window.go_back()  # Esc / Back first leaves full screen
    await until(lambda: not window.isFullScreen())
    assert window.rail.isVisible() and window.stack.currentWidget() is pane


async def test_media_keys_control_the_player_over_mpris(
    window: MainWindow, services: AppServices, session_bus: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dbus_fast.aio import MessageBus

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    title = await _title(services, 9005)
    assert len(title.player.episodes) >= 2
    window.services.playback.play(title, title.player.episodes[0])
    pane = window.player
    await _playing(pane)
    bus = await MessageBus(bus_address=session_bus).connect()
    try:
        controls = window.media_controls
        await until(lambda: controls is not None and controls.mpris.active)
        path = "/org/mpris/MediaPlayer2"
        proxy = bus.get_proxy_object(
            "org.mpris.MediaPlayer2.libria", path,
            await bus.introspect("org.mpris.MediaPlayer2.libria", path),
        )  # fmt: skip
        player = proxy.get_interface("org.mpris.MediaPlayer2.Player")
        root = proxy.get_interface("org.mpris.MediaPlayer2")
        assert await root.get_identity() == "Libria"  # type: ignore[attr-defined]
        metadata = await player.get_metadata()  # type: ignore[attr-defined]
        assert metadata["xesam:title"].value == f"{title.names.main} — {labels.episode(1).lower()}"
        assert metadata["mpris:length"].value == pytest.approx(30_000_000, abs=1_000_000)
        assert metadata["mpris:artUrl"].value.startswith("file:///")
        assert await player.get_playback_status() == "Playing"  # type: ignore[attr-defined]
        await player.call_play_pause()  # type: ignore[attr-defined]
        await until(lambda: pane.session.player.state.paused)
        assert await player.get_playback_status() == "Paused"  # type: ignore[attr-defined]
        await player.call_next()  # type: ignore[attr-defined]
        await until(lambda: pane.choice is not None and pane.choice.episode.number == 2)
        await _playing(pane, past=0.5)
        metadata = await player.get_metadata()  # type: ignore[attr-defined]
        assert metadata["xesam:title"].value == f"{title.names.main} — {labels.episode(2).lower()}"
        position = await player.get_position()  # type: ignore[attr-defined]
        assert position > 0
    finally:
        bus.disconnect()
