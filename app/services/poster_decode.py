"""Decoding a poster into a QImage at the size it is shown, on a worker thread.

Pillow does the work: it decodes and scales with the GIL released, so the UI thread runs on
meanwhile. PySide6 keeps the GIL through QImage's own decode and scale (`QImage.fromData`,
`scaled`): on a worker those held the UI thread for the whole 5-15 ms of every poster. A JPEG is
decoded straight at a reduced scale (`draft`) when that still covers the size. What Pillow
cannot read, Qt tries.
"""

from __future__ import annotations

import io
import logging

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)


def device_size(size: QSize, ratio: float) -> QSize:
    """`size` (logical pixels) in device pixels at `ratio`, rounded up: never short of a pixel."""
    return QSize(-(-int(size.width() * ratio * 1000) // 1000),
                 -(-int(size.height() * ratio * 1000) // 1000))  # fmt: skip


def cover_size(width: int, height: int, size: QSize) -> tuple[int, int]:
    """`width`×`height` scaled to cover `size`, as Qt's KeepAspectRatioByExpanding does."""
    if width <= 0 or height <= 0:
        return size.width(), size.height()
    scaled_width = size.height() * width // height
    if scaled_width >= size.width():
        return scaled_width, size.height()
    return size.width(), size.width() * height // width


def decode(data: bytes, size: QSize) -> QImage | None:
    """The image scaled to cover `size` (the caller crops the middle), or None if unreadable."""
    try:
        image = _with_pillow(data, size)
    except Exception as error:  # a format or a file Pillow does not know: Qt has a go
        log.debug("Pillow cannot read a poster (%s); trying Qt", error)
        image = None
    return image if image is not None else _with_qt(data, size)


def _with_pillow(data: bytes, size: QSize) -> QImage | None:
    from PIL import Image  # imported here, on the worker: the UI thread never waits for it

    with Image.open(io.BytesIO(data)) as source:
        source.draft("RGB", (size.width(), size.height()))
        alpha = source.mode in ("RGBA", "LA", "PA") or "transparency" in source.info
        picture = source.convert("RGBA" if alpha else "RGB")
    width, height = cover_size(picture.width, picture.height, size)
    picture = picture.resize((width, height), Image.Resampling.BICUBIC, reducing_gap=2.0)
    pixels = picture.tobytes()
    # The QImage only borrows `pixels`; converting makes the copy it owns.
    if alpha:
        borrowed = QImage(pixels, width, height, width * 4, QImage.Format.Format_RGBA8888)
        return borrowed.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    borrowed = QImage(pixels, width, height, width * 3, QImage.Format.Format_RGB888)
    return borrowed.convertToFormat(QImage.Format.Format_RGB32)  # opaque: drawn as a copy


def _with_qt(data: bytes, size: QSize) -> QImage | None:
    image = QImage.fromData(data)
    if image.isNull():
        return None
    scaled = image.scaled(
        size,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    return scaled.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
