"""The kept page's posters, read from the poster cache and scaled on worker threads while the
window is built (QImage may be made off the GUI thread; Qt lets go of the GIL as it decodes)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

from app.services.poster_decode import device_size

WORKERS = 2  # the cores of a small machine; more only queue behind each other


def decode_cover(data: bytes, size: QSize, ratio: float) -> QImage | None:
    """As the poster service decodes (app.services.posters): scaled to cover `size` in device
    pixels, the same pixels, so the first paint and the page after it look the same."""
    image = QImage.fromData(data)
    if image.isNull():
        return None
    scaled = image.scaled(
        device_size(size, ratio),
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    result = scaled.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    result.setDevicePixelRatio(ratio)
    return result


class KeptPosters:
    """Decodes `(file, size)` jobs in order on a few threads; `wait` gives every image, or None
    when one is missing or broken (the kept page is then not shown at all)."""

    def __init__(self, folder: Path, jobs: list[tuple[str, QSize]], ratio: float) -> None:
        self._folder = folder
        self._jobs = jobs
        self._ratio = ratio
        self._images: list[QImage | None] = [None] * len(jobs)
        self._next = 0
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._work, name="libria-kept-posters", daemon=True)
            for _ in range(min(WORKERS, len(jobs)))
        ]
        for thread in self._threads:
            thread.start()

    def _work(self) -> None:
        while True:
            with self._lock:
                index = self._next
                self._next += 1
            if index >= len(self._jobs):
                return
            name, size = self._jobs[index]
            try:
                data = (self._folder / name).read_bytes()
            except OSError:
                continue
            self._images[index] = decode_cover(data, size, self._ratio)

    def wait(self, within: float) -> list[QImage] | None:
        """`within` seconds in all, however many threads: the start waits no longer."""
        deadline = time.monotonic() + within
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        images = self._images
        if any(thread.is_alive() for thread in self._threads) or any(i is None for i in images):
            return None
        return [image for image in images if image is not None]
