"""Posters and thumbnails: fetched on demand, decoded and scaled off the UI thread, kept in
memory (LRU) and on disk, so a scrolled-back grid and the next start paint at once."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QGuiApplication, QImage

from app.services.api import ApiService
from app.services.library import LibraryService
from app.services.media_fetch import QtMediaFetcher, TlsRefused
from app.services.poster_decode import decode_shown, device_size
from app.services.tasks import TaskRunner
from app.storage.files import write_atomically

__all__ = ["PosterService", "device_size", "screen_ratio"]  # where views import them from
log = logging.getLogger(__name__)
DISK_LIMIT_BYTES = 300 * 1024 * 1024
# Decoded images kept in memory: about 200 grid posters at 100 % (some six screens back; a
# quarter of that at 200 %, as each holds four times the pixels). Scrolling
# further back decodes again from the disk cache, off the UI thread; a count would not do,
# as one title page poster weighs as much as a dozen cards.
MEMORY_LIMIT_BYTES = 32 * 1024 * 1024
EVICT_EVERY = 50  # stored posters between two looks at the disk limit


def screen_ratio() -> float:
    """The primary screen's device pixel ratio (150 %: 1.5), 1 without a screen."""
    screen = QGuiApplication.primaryScreen() if QGuiApplication.instance() else None
    return screen.devicePixelRatio() if screen is not None else 1.0


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _from_disk(path: Path, size: QSize, ratio: float) -> tuple[bool, QImage | None]:
    """Whether the disk cache has the image, and the image decoded: one trip to a worker for
    a scrolled-back poster, not one to read it and another to decode it. On a worker thread:
    QImage (unlike QPixmap) may be built off the GUI thread."""
    data = _read(path)
    return (False, None) if data is None else (True, decode_shown(data, size, ratio))


def _read_decoded(path: Path, size: QSize, ratio: float) -> QImage | None:
    return _from_disk(path, size, ratio)[1]


def _write(path: Path, data: bytes) -> bool:
    try:
        write_atomically(path, data)
    except OSError as error:
        log.warning("cannot cache %s: %s", path, error)
        return False
    return True


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


class PosterService(QObject):
    ready = Signal(str)  # the URL whose image is now available

    def __init__(
        self,
        api: ApiService,
        tasks: TaskRunner,
        cache_dir: Path,
        memory_bytes: int = MEMORY_LIMIT_BYTES,
        library: LibraryService | None = None,
        disk_limit: int = DISK_LIMIT_BYTES,
        parent: QObject | None = None,
        media: QtMediaFetcher | None = None,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._media = media  # None: every image over the API's own client
        self._library = library
        self._disk_limit = disk_limit
        self._stored_since_check = 0
        self._tasks = tasks
        self._cache_dir = cache_dir
        # By device size: the same poster at 100 % and at 200 % are two images.
        self._memory: OrderedDict[tuple[str, int, int], QImage] = OrderedDict()
        self._memory_limit = memory_bytes
        self._memory_bytes = 0
        self.ratio = screen_ratio()  # what images are decoded for unless a view says otherwise
        self._pending: set[tuple[str, int, int]] = set()
        self._wanted: list[tuple[tuple[str, int, int], QSize, float]] = []  # asked while painting
        self._prefetching: dict[tuple[str, int, int], Future[QImage | None]] = {}
        self._asked: set[tuple[str, int, int]] = set()  # painted while its prefetch ran
        self._failed: set[str] = set()
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="libria-images")
        self._downloads = asyncio.Semaphore(6)

    @property
    def memory_used(self) -> int:
        """Bytes of decoded images kept in memory (at most the budget, or one image over it)."""
        return self._memory_bytes

    def image(self, url: str, size: QSize, ratio: float | None = None) -> QImage | None:
        """The image covering `size` at `ratio` (default: the screen's) if it is ready;
        otherwise None, and `ready(url)` follows once it is."""
        if not url or url in self._failed:
            return None
        ratio = self.ratio if ratio is None else ratio
        device = device_size(size, ratio)
        key = (url, device.width(), device.height())
        image = self._memory.get(key) or self._prefetched_now(key)
        if image is not None:
            self._memory.move_to_end(key)
            return image
        if key in self._prefetching:
            self._asked.add(key)  # not on disk after all: then it loads as any card's
        elif key not in self._pending:
            self._pending.add(key)
            if not self._wanted:  # the loads start after this paint, not during it
                asyncio.get_event_loop().call_soon(self._start_wanted)
            self._wanted.append((key, size, ratio))
        return None

    def _start_wanted(self) -> None:
        wanted, self._wanted = self._wanted, []
        for key, size, ratio in wanted:
            self._tasks.run(self._load(key, size, ratio))

    def prefetch(self, url: str, size: QSize) -> None:  # at the screen's ratio
        """Decodes the image into memory if the disk cache has it (never asks the network): a
        warm start's first cards. The worker starts now, not when the loop next runs: the
        window is built meanwhile, without a turn of the loop."""
        device = device_size(size, self.ratio)
        key = (url, device.width(), device.height())
        if url and key not in self._memory and key not in self._pending:
            self._pending.add(key)
            job = self._pool.submit(_read_decoded, self._disk_path(url), size, self.ratio)
            self._prefetching[key] = job
            self._tasks.run(self._prefetched(key, job, size))

    def _prefetched_now(self, key: tuple[str, int, int]) -> QImage | None:
        """A prefetched image decoded already: the first paint shows it without waiting for the
        loop to hear of it."""
        job = self._prefetching.get(key)
        if job is None or not job.done() or job.exception() is not None:
            return None
        image = job.result()
        if image is not None:
            self._keep(key, image, tell=False)
        return image

    async def _prefetched(
        self, key: tuple[str, int, int], job: Future[QImage | None], size: QSize
    ) -> None:
        try:
            image = await asyncio.wrap_future(job)
        except Exception as error:  # unreadable: as if it were not there
            log.info("cached poster %s unreadable: %s", key[0], error)
            image = None
        finally:
            self._pending.discard(key)
            self._prefetching.pop(key, None)
        asked = key in self._asked
        self._asked.discard(key)
        if image is not None:
            if key not in self._memory:
                self._keep(key, image)
            elif asked:  # kept unannounced (`_prefetched_now`) after a card was painted without
                self.ready.emit(key[0])  # it: that card is told, or it keeps its placeholder
        elif asked:  # a card shown meanwhile needs it: from the network
            self._pending.add(key)
            self._tasks.run(self._load(key, size, self.ratio))

    def _keep(self, key: tuple[str, int, int], image: QImage, tell: bool = True) -> None:
        replaced = self._memory.pop(key, None)
        if replaced is not None:
            self._memory_bytes -= replaced.sizeInBytes()
        self._memory[key] = image
        self._memory_bytes += image.sizeInBytes()
        while self._memory_bytes > self._memory_limit and len(self._memory) > 1:
            _, dropped = self._memory.popitem(last=False)  # the least recently shown
            self._memory_bytes -= dropped.sizeInBytes()
        if tell:
            self.ready.emit(key[0])

    def disk_file(self, url: str) -> Path:
        """Where the disk cache keeps `url`'s image (whether or not it is there)."""
        return self._disk_path(url)

    def _disk_path(self, url: str) -> Path:
        return self._cache_dir / f"{hashlib.sha1(url.encode()).hexdigest()}.img"

    async def _load(self, key: tuple[str, int, int], size: QSize, ratio: float) -> None:
        url = key[0]
        loop = asyncio.get_running_loop()
        try:
            path = self._disk_path(url)
            found, image = await loop.run_in_executor(self._pool, _from_disk, path, size, ratio)
            if not found:
                data = await self._download(url)
                self._tasks.run(self._store(path, url, data))
                image = await loop.run_in_executor(self._pool, decode_shown, data, size, ratio)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # a missing poster leaves the placeholder, nothing worse
            log.info("poster %s unavailable: %s", url, error)
            self._failed.add(url)
            return
        finally:
            self._pending.discard(key)
        if image is None:
            self._failed.add(url)
            return
        self._keep(key, image)

    async def _download(self, url: str) -> bytes:
        async with self._downloads:  # a few at a time: a grid asks for dozens at once
            backend = await self._api.ready()  # a warm start paints from the disk first
            media = self._media
            # The same check as the API client's own fetch: a media URL of the API's, nothing else.
            if media is not None and backend.media_url(url) == url and media.takes(url):
                try:
                    return await media.fetch(url)
                except TlsRefused as refused:
                    log.info("%s; images over https go through the API's client", refused)
                    media.refuse_https()
            return await backend.fetch_media(url)

    async def _store(self, path: Path, url: str, data: bytes) -> None:
        """Writes the file, then indexes it; every so often trims the cache to its limit."""
        loop = asyncio.get_running_loop()
        if not await loop.run_in_executor(self._pool, _write, path, data):
            return
        if self._library is None:
            return
        await self._library.poster_stored(path.name, url, len(data))
        self._stored_since_check += 1
        if self._stored_since_check >= EVICT_EVERY:
            self._stored_since_check = 0
            evicted = await self._library.posters_over(self._disk_limit)
            if evicted:
                paths = [self._cache_dir / name for name in evicted]
                await loop.run_in_executor(self._pool, _remove, paths)
                log.info("poster cache trimmed by %d files", len(evicted))

    async def file(self, url: str) -> Path | None:
        """The poster as a file on disk (fetched if need be), e.g. for a desktop notification."""
        if not url:
            return None
        path = self._disk_path(url)
        loop = asyncio.get_running_loop()
        if await loop.run_in_executor(self._pool, path.is_file):
            return path
        try:
            data = await self._download(url)
        except Exception as error:  # no poster is no reason to lose the notification
            log.info("poster %s unavailable: %s", url, error)
            return None
        await self._store(path, url, data)
        return path if await loop.run_in_executor(self._pool, path.is_file) else None

    def forget_failures(self) -> None:
        """Lets posters that failed (e.g. while offline) be tried again."""
        self._failed.clear()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._media is not None:
            self._media.close()
