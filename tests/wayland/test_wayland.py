"""Libria on a Wayland compositor (a headless Weston): the catalogue on screen, a played frame of
the demo video read back from the app and from the compositor, full screen there and back, the
tray as a StatusNotifierItem and new episodes over D-Bus. One app process (the `desktop`
fixture, one per class) runs the probe's steps in order; each test judges what one step reported.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QImage

from tests.wayland.conftest import SCREEN, Desktop
from tests.wayland.frames import clock_difference, close, problems

pytestmark = [pytest.mark.wayland, pytest.mark.xdist_group("wayland")]
ANNOUNCED_TITLE = 9003


def until(condition: Callable[[], Any], what: str, within: float = 30) -> Any:
    deadline = time.monotonic() + within
    while not (value := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {within} s waiting for {what}")
        time.sleep(0.05)
    return value


def image(path: str) -> QImage:
    loaded = QImage(path)
    assert not loaded.isNull(), path
    return loaded


def ratio(desktop: Desktop) -> float:
    """The window's device pixel ratio: grabs and the screenshot are in device pixels."""
    value: float = desktop.app.step("platform")["ratio"]
    return value


def in_pixels(rect: list[int], scale: float) -> QRect:
    return QRectF(*(value * scale for value in rect)).toRect()


class TestWayland:
    """At scale 1."""

    SCALE = "1"  # QT_SCALE_FACTOR of the app (the `desktop` fixture)

    def test_the_app_runs_on_wayland_and_not_on_x(self, desktop: Desktop) -> None:
        facts = desktop.app.step("platform")
        assert facts["name"] == "wayland"
        assert facts["display"] is None  # nothing to fall back to
        assert facts["wayland"] == desktop.compositor.socket
        assert facts["ratio"] == pytest.approx(float(self.SCALE))

    def test_the_window_shows_the_catalogue(self, desktop: Desktop) -> None:
        facts = desktop.app.step("catalogue")
        titles = desktop.demo.server.catalog.titles.values()
        assert facts["rows"] > 0
        assert facts["first"] in {name for t in titles for name in (t.name_en, t.name_ru)}
        grab, poster, scale = image(facts["grab"]), image(facts["poster"]), ratio(desktop)
        slot = in_pixels(facts["poster_rect"], scale)  # in the grab's (device) pixels
        assert grab.rect().contains(slot)
        # Decoded for the screen's pixels, not blown up from the logical size: sharp.
        assert poster.width() >= slot.width() and poster.height() >= slot.height(), (
            f"a {poster.width()}×{poster.height()} poster for a {slot.width()}×{slot.height()} slot"
        )
        # The poster as the app drew it into its window, pixel for pixel: its centre fills the
        # slot (a point or two off at the slot's fractional edges).
        source = QRect(0, 0, slot.width(), slot.height())
        source.moveCenter(poster.rect().center())
        points = [(slot.width() * i // 8, slot.height() * j // 10)
                  for i in range(1, 8) for j in range(1, 10)]  # fmt: skip
        drawn = [grab.pixelColor(slot.x() + x, slot.y() + y) for x, y in points]
        meant = [poster.pixelColor(source.x() + x, source.y() + y) for x, y in points]
        matching = sum(close(a, b, 24) for a, b in zip(drawn, meant, strict=True))
        assert matching >= len(points) * 0.9, f"{matching} of {len(points)} poster points match"
        assert len({colour.rgb() for colour in drawn}) > 8  # a picture, not a fill

    def test_a_played_frame_has_the_videos_pixels(self, desktop: Desktop) -> None:
        facts = desktop.app.step("frames")
        assert facts["quality"] == "fhd" and facts["video_size"] == [1920, 1080]
        assert facts["shown"]
        assert facts["gl"]["renderer"], facts["gl"]  # the render API had a GL context under Wayland
        first, second = (image(frame["path"]) for frame in facts["frames"])
        for frame in (first, second):
            assert problems(frame, frame.rect()) == []
        later = facts["frames"][1]["time"] - facts["frames"][0]["time"]
        assert later > 1.0
        assert clock_difference(first, first.rect(), second, second.rect()) > 10, "a still picture"

    def test_the_compositor_shows_the_video_full_screen(self, desktop: Desktop) -> None:
        facts = desktop.app.step("full_screen")
        shot = image(facts["screenshot"])
        assert (shot.width(), shot.height()) == SCREEN
        # Full screen, the window sits at the output's origin: its video widget is where it says.
        area = in_pixels(facts["video_rect"], ratio(desktop))
        assert problems(shot, area, edges=False) == []
        grab = image(facts["frame"]["path"])  # the app's own read-back of the same paused frame
        assert problems(grab, grab.rect()) == []
        assert clock_difference(shot, area, grab, grab.rect()) <= 3, "the screen shows another time"

    def test_full_screen_toggles(self, desktop: Desktop) -> None:
        facts = desktop.app.step("full_screen")
        normal, full = facts["normal"], facts["full"]
        assert not normal["full_screen"] and normal["rail_visible"]
        width, height = normal["size"]
        assert width <= normal["screen"][2] and height <= normal["screen"][3], (
            "bigger than the screen"
        )
        assert full["full_screen"] and full["handle_full_screen"]
        assert full["size"] == full["screen"][2:]  # as the compositor set it
        scale = ratio(desktop)
        assert full["size"] == [round(SCREEN[0] / scale), round(SCREEN[1] / scale)]
        assert not full["rail_visible"]
        back = desktop.app.step("windowed")
        after = back["after"]
        assert not after["full_screen"] and not after["handle_full_screen"]
        assert after["size"] == normal["size"], "the window came back at another size"
        assert after["rail_visible"] and back["player_shown"]

    def test_a_new_episode_is_announced_over_dbus(self, desktop: Desktop) -> None:
        desktop.app.wait_for("update stream connected")
        demo = desktop.demo
        pushed = demo.call(demo.server.push_episode(ANNOUNCED_TITLE))
        calls = desktop.bus.notifications.calls
        until(lambda: calls, "a Notify call on the session bus")
        call = calls[0]
        title = demo.server.catalog.titles[ANNOUNCED_TITLE]
        assert call.app_name == "Libria"
        assert call.summary in (title.name_en, title.name_ru)
        assert str(pushed["episode"]) in call.body
        assert call.hints["desktop-entry"] == "tv.libria.Libria"

    def test_the_tray_is_a_status_notifier_item(self, desktop: Desktop) -> None:
        bus = desktop.bus
        service = until(lambda: bus.watcher.items, "the tray icon to register with the watcher")[0]
        properties = bus.item_properties(service)  # Qt registers its unique name (":1.5")
        assert properties["Id"] == properties["Title"] == "Libria"
        assert properties["Status"] == "Active"
        assert properties["ToolTip"][2] == "Libria"  # (icon name, pixmaps, title, text)
        assert properties["IconPixmap"], "no icon"
        labels = bus.menu_labels(service, properties["Menu"])
        for label in ("Open Libria", "New episodes", "Pause notifications", "Quit"):
            assert label in labels, labels


class TestWaylandScaled(TestWayland):
    """At 1.3: a fractional device pixel ratio, as fractional scaling gives the app (Weston 10
    has no fractional-scale protocol: Qt's own factor stands in). The screen is then 788 logical
    px wide, narrower than the window's minimum with the rail (as 1366×768 at 150 %)."""

    SCALE = "1.3"


class TestWaylandFractional:
    """At 1.5 (150 %, the usual fractional step): the catalogue's posters sharp and in place.
    Only that check: the other steps are the scaled class's, at 1.3."""

    SCALE = "1.5"
    test_the_app_runs_on_wayland_and_not_on_x = (
        TestWayland.test_the_app_runs_on_wayland_and_not_on_x
    )
    test_the_window_shows_the_catalogue = TestWayland.test_the_window_shows_the_catalogue
