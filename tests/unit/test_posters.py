"""Posters decoded at the size shown (Qt's image reader, on a worker), and the decoded ones kept
in memory within a budget of bytes. Pillow only makes the test's images."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

from app.services.poster_decode import cover_size, decode
from app.services.posters import PosterService
from app.services.tasks import TaskRunner
from tests.qt_loop import until
from tests.unit.fakes import FakeApiService

CARD = QSize(168, 240)


def encoded(kind: str, size: tuple[int, int], mode: str = "RGB") -> bytes:
    picture = Image.new(mode, size, (200, 40, 60, 128) if mode == "RGBA" else (200, 40, 60))
    out = io.BytesIO()
    picture.save(out, kind)
    return out.getvalue()


def test_a_poster_is_decoded_to_cover_the_card() -> None:
    for kind in ("JPEG", "WEBP", "PNG"):
        image = decode(encoded(kind, (350, 500)), CARD)
        assert image is not None, kind
        assert (image.width(), image.height()) == (168, 240), kind  # 350×500 is the card's shape
        assert image.format() == QImage.Format.Format_RGB32  # opaque: painted as a plain copy
        assert image.pixelColor(84, 120).red() > 180  # the picture, not a blank
    wide = decode(encoded("JPEG", (1000, 500)), CARD)
    assert wide is not None and (wide.width(), wide.height()) == (480, 240)  # the card crops it
    expanding = Qt.AspectRatioMode.KeepAspectRatioByExpanding
    for width, height in ((1000, 500), (333, 1001), (7, 3), (168, 240)):
        qt = QSize(width, height).scaled(CARD, expanding)
        assert cover_size(width, height, CARD) == (qt.width(), qt.height())


def test_transparency_is_kept_a_cut_download_shows_its_part_and_no_image_is_none() -> None:
    clear = decode(encoded("PNG", (350, 500), "RGBA"), CARD)
    assert clear is not None and clear.hasAlphaChannel()
    assert 100 < clear.pixelColor(10, 10).alpha() < 160
    whole = encoded("JPEG", (350, 500))
    cut = decode(whole[: len(whole) * 2 // 3], CARD)  # a download cut short: Qt shows the part
    assert cut is not None and (cut.width(), cut.height()) == (168, 240)
    assert decode(b"no image at all", CARD) is None  # and no error either
    assert decode(b"", CARD) is None


async def test_decoded_posters_stay_within_the_memory_budget(
    api: FakeApiService, tasks: TaskRunner, tmp_path: Path
) -> None:
    cache = tmp_path / "posters"
    cache.mkdir()
    urls = [f"https://posters.invalid/{n}.jpg" for n in range(12)]
    for url in urls:
        name = hashlib.sha1(url.encode()).hexdigest()
        (cache / f"{name}.img").write_bytes(encoded("JPEG", (350, 500)))
    budget = 5 * 168 * 240 * 4  # five cards' posters
    posters = PosterService(api, tasks, cache, memory_bytes=budget)
    ready: list[str] = []
    posters.ready.connect(ready.append)
    for url in urls:
        posters.prefetch(url, CARD)
    await until(lambda: len(ready) == len(urls))
    assert 0 < posters.memory_used <= budget
    assert all(posters.image(url, CARD) is not None for url in ready[-5:])  # the latest shown
    assert posters.image(ready[0], CARD) is None  # dropped: it is decoded again from the disk
    await until(lambda: ready.count(ready[0]) == 2)
    assert posters.memory_used <= budget
    posters.close()


def test_only_poster_formats_and_sane_sizes_reach_a_decoder() -> None:
    for kind in ("TIFF", "BMP"):  # a server's bytes never meet those decoders (TIFF's crashed)
        assert decode(encoded(kind, (350, 500)), CARD) is None, kind
    assert decode(encoded("GIF", (350, 500)), CARD) is not None
    strip = encoded("JPEG", (60000, 10))  # covering a card would take 1.4 GB
    assert decode(strip, CARD) is None
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, "PNG")  # 81 megapixels, a small file
    huge = out.getvalue()  # refused from its header
    assert decode(huge, CARD) is None


async def test_a_card_painted_while_its_poster_decoded_is_told_when_it_is_ready(
    api: FakeApiService, tasks: TaskRunner, tmp_path: Path
) -> None:
    """Even when something else took the decoded poster first (the kept page's swap asks every
    card's poster as soon as the decoding ends): the card would keep its placeholder."""
    url = "https://posters.invalid/big.jpg"
    (tmp_path / f"{hashlib.sha1(url.encode()).hexdigest()}.img").write_bytes(
        encoded("JPEG", (3500, 5000))  # long enough to decode that the first paint misses it
    )
    posters = PosterService(api, tasks, tmp_path)
    ready: list[str] = []
    posters.ready.connect(ready.append)
    posters.prefetch(url, CARD)
    assert posters.image(url, CARD) is None  # the card's paint: a placeholder for now
    _asked_with_the_loop_held(posters, url)  # another asker takes it as the decoding ends
    await until(lambda: url in ready, message="the card painted without it was never told")
    posters.close()


def _asked_with_the_loop_held(posters: PosterService, url: str) -> None:
    """Asks for the poster until it is there, without letting the event loop run meanwhile."""
    deadline = time.monotonic() + 10
    while posters.image(url, CARD) is None:
        assert time.monotonic() < deadline, "the poster was never decoded"
        time.sleep(0.005)


ONLY_ITS_DECODER = """
import sys
from pathlib import Path
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from app.services.poster_decode import decode
app = QGuiApplication(["test", "-platform", "offscreen"])
assert decode(Path(sys.argv[1]).read_bytes(), QSize(168, 240)) is not None
maps = Path("/proc/self/maps").read_text()
print(" ".join(sorted({line.rsplit("/", 1)[-1] for line in maps.splitlines() if "libq" in line})))
"""


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="Linux's /proc")
def test_a_poster_meets_only_its_own_decoder(tmp_path: Path) -> None:
    # Left to find the format out, Qt loaded every image plugin it has (PDF, SVG, TIFF, ...),
    # each asked whether it could read the server's bytes.
    poster = tmp_path / "poster.img"
    poster.write_bytes(encoded("JPEG", (350, 500)))
    done = subprocess.run(
        [sys.executable, "-c", ONLY_ITS_DECODER, str(poster)],
        capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    plugins = done.stdout.split()
    assert "libqjpeg.so" in plugins, done.stderr
    assert not {"libqpdf.so", "libqsvg.so", "libqtiff.so", "libqwebp.so"} & set(plugins), plugins
