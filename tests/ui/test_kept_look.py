"""The kept first page looks like the real start page that replaces it: both grabbed at the
window's size once painted with their posters, in both languages and both themes, and compared
pixel by pixel (PNGs of both go to /tmp/kept-shots/ to look at)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from app.demo import DemoServerThread
from app.ui import palettes, theme
from app.ui.i18n import install_language
from app.ui.palettes import Colours
from tests.qt_loop import until
from tests.ui.kept_session import WarmStart, keep_a_session

SHOTS = Path("/tmp/kept-shots")
CHANNEL = 24  # a pixel differs when a channel is off by more (antialiasing, rounding)
SHARE = 0.001  # of the pixels, at most this many may differ (both paint the same now)


@pytest.fixture(params=[palettes.DARK, palettes.LIGHT], ids=["dark", "light"])
async def colours(request: pytest.FixtureRequest) -> AsyncIterator[Colours]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style = app.style().name()
    app.setStyle("Fusion")
    chosen: Colours = request.param
    theme.use(app, chosen)
    try:
        yield chosen
    finally:
        theme.unapply(app, style)


def _differing(one: QImage, other: QImage) -> tuple[float, QImage]:
    """The share of pixels that differ, and a map of them (red on black)."""
    a = one.convertToFormat(QImage.Format.Format_RGB32)
    b = other.convertToFormat(QImage.Format.Format_RGB32)
    assert a.size() == b.size()
    marks = QImage(a.size(), QImage.Format.Format_RGB32)
    marks.fill(QColor("black"))
    count = 0
    for y in range(a.height()):
        for x in range(a.width()):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            if max(abs(p.red() - q.red()), abs(p.green() - q.green()),
                   abs(p.blue() - q.blue())) > CHANNEL:  # fmt: skip
                count += 1
                marks.setPixelColor(x, y, QColor("red"))
    return count / (a.width() * a.height()), marks


def _compared(name: str, kept: QImage, real: QImage) -> float:
    """The share of differing pixels; both grabs and the map of differences saved."""
    SHOTS.mkdir(exist_ok=True)
    kept.save(str(SHOTS / f"{name}-kept.png"))
    real.save(str(SHOTS / f"{name}-real.png"))
    share, marks = _differing(kept, real)
    marks.save(str(SHOTS / f"{name}-diff.png"))
    print(f"{name}: {share:.4%} of the pixels differ")
    return share


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_the_kept_page_looks_like_the_real_one(
    demo_thread: DemoServerThread, tmp_path: Path, language: str, colours: Colours
) -> None:
    install_language(language)
    await keep_a_session(demo_thread, tmp_path)
    start = WarmStart(demo_thread, tmp_path)
    window = start.show_kept()
    try:
        kept = window.grab().toImage()
        page = await start.attach()
        await until(lambda: window.kept_view is None, message="the kept page was never replaced")
        await until(lambda: page.grid.painted_with_posters, message="no posters")
        await start.first.settled()
        real = window.grab().toImage()
        name = f"{language}-{colours.name}"
        share = _compared(name, kept, real)
        assert share <= SHARE, f"{share:.3%} of the pixels differ: {SHOTS / name}-diff.png"
    finally:
        await start.close()
        install_language("ru")
