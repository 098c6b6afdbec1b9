"""The kept page's posters, read from the poster cache and decoded on worker threads while the
window is built, by the poster service's own decoder (the same pixels as the page after it; it
lets go of the GIL as it decodes, so the window is built meanwhile)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from app.services.poster_decode import decode_shown

WORKERS = 2  # the cores of a small machine; more only queue behind each other


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
        # Each begins once all have started: the first decode loads Qt's image plugin, and a
        # thread started during that load waited for the dynamic loader's lock (its
        # thread-local storage is set up under it), and the UI thread starting it with it (~5 ms).
        self._all_started = threading.Event()
        try:
            for thread in self._threads:
                thread.start()
        finally:  # one that could not start: those that did still do every job
            self._all_started.set()

    def _work(self) -> None:
        self._all_started.wait()
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
            self._images[index] = decode_shown(data, size, self._ratio)

    def wait(self, within: float) -> list[QImage] | None:
        """`within` seconds in all, however many threads: the start waits no longer."""
        deadline = time.monotonic() + within
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        images = self._images
        if any(thread.is_alive() for thread in self._threads) or any(i is None for i in images):
            return None
        return [image for image in images if image is not None]
