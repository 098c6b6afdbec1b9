"""An image's centre cut to a shown size, in device pixels and drawn 1:1 (the poster service
decodes images scaled to cover the size they are shown at, so only the overhang is cut)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QImage, QPixmap

from app.services.posters import device_size


def centre_crop(image: QImage, size: QSize) -> QPixmap:
    """The centre of `image` at exactly `size` (logical pixels) at the image's pixel ratio."""
    ratio = image.devicePixelRatio()
    device = device_size(size, ratio)
    source = QRect(0, 0, device.width(), device.height())
    source.moveCenter(image.rect().center())
    pixmap = QPixmap.fromImage(image.copy(source))
    pixmap.setDevicePixelRatio(ratio)
    return pixmap
