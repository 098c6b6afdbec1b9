"""Decoding a poster into a QImage at the size it is shown, on a worker thread.

Qt's image reader does the work: `QImageReader.read` lets go of the GIL while it decodes and
scales, so the UI thread runs on meanwhile (`QImage.fromData` and `QImage.scaled` keep it: on a
worker those held the UI thread for the whole 5-15 ms of every poster). A JPEG is decoded
straight at a reduced scale when that still covers the size. The format is told from the bytes,
so only its own Qt plugin is loaded and sees them (`decode`). No other decoder is loaded: Pillow's
imports cost the first poster of a cold start ~40 ms of GIL, and the kept first page
(app.ui.first_paint) decodes with this same function, so its posters are the same pixels.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage, QImageReader

log = logging.getLogger(__name__)
FORMATS = ("jpeg", "png", "webp", "gif")  # no other decoder (TIFF, SVG, ...) sees server bytes
MAX_PIXELS = 40_000_000  # a header saying more is refused undecoded (a poster is ~175,000)


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


def sniff(data: bytes) -> str | None:
    """The poster's format by its first bytes (one of FORMATS), None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    return None


def decode(data: bytes, size: QSize) -> QImage | None:
    """The image scaled to cover `size` (the caller crops the middle), or None if unreadable.

    The format is told from the bytes here and given to the reader, which then looks no further:
    left to find it out, Qt loaded every image plugin it has (PDF, SVG, TIFF, ...) to ask each,
    ~10 ms on the first poster and the dynamic loader's lock held throughout (the UI thread's
    next C extension or thread waited for it), and each of those parsers saw the server's bytes."""
    kind = sniff(data)
    if kind is None:
        log.debug("a poster in an unexpected format is not shown")
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(kind.encode()))
    reader.setAutoDetectImageFormat(False)
    try:
        image = _read(reader, size)
    finally:
        del reader  # before the buffer: a format's handler may use the device as it is freed
    if image is None:
        return None
    if image.hasAlphaChannel():
        return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    return image.convertToFormat(QImage.Format.Format_RGB32)  # opaque: drawn as a copy


def _read(reader: QImageReader, size: QSize) -> QImage | None:
    """Only a sane size reaches the decoder (and only the formats posters come in: `decode`):
    the bytes are a server's, whatever it says they are."""
    if not reader.canRead():  # its plugin is missing, or the header is not that format's
        log.debug("an unreadable poster: %s", reader.errorString())
        return None
    full = reader.size()  # from the header: nothing decoded yet
    if not full.isValid() or full.width() * full.height() > MAX_PIXELS:
        log.debug("a poster of %dx%d pixels is not shown", full.width(), full.height())
        return None
    width, height = cover_size(full.width(), full.height(), size)
    if width * height > 16 * size.width() * size.height():  # a strip: gigabytes to cover a card
        log.debug("a poster of %dx%d pixels is not shown", full.width(), full.height())
        return None
    reader.setScaledSize(QSize(width, height))
    image = reader.read()
    if image.isNull():
        log.debug("an unreadable poster: %s", reader.errorString())
        return None
    return image


def decode_shown(data: bytes, size: QSize, ratio: float) -> QImage | None:
    """The image covering `size` (logical pixels) in device pixels at `ratio`, and saying so (its
    devicePixelRatio): drawn 1:1 on the screen's pixels, not blown up from the logical size."""
    image = decode(data, device_size(size, ratio))
    if image is not None:
        image.setDevicePixelRatio(ratio)
    return image
