"""An in-memory downloads queue for views' tests and screenshots: the service's surface, no
engine, no disk. Every call is recorded; tests move items along with `put` and `report`."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Generator, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core import Quality, Title
from app.core.download import DownloadItem, DownloadState, FetchProgress
from app.core.settings import Option

ACTIVE = (DownloadState.QUEUED, DownloadState.DOWNLOADING, DownloadState.PAUSED)
# The downloads' settings, for views tested where the settings' schema does not have them yet.
DOWNLOAD_OPTIONS = (
    Option("download_dir", str, "", "Where episodes are downloaded"),
    Option("download_quality", str, "", "Download quality", ("", "fhd", "hd", "sd")),
    Option("auto_download_favourites", bool, False, "Download favourites' new episodes"),
)


class _Done(Awaitable[None]):
    """Already finished: what refresh() returns here (no loop needed)."""

    def __await__(self) -> Generator[None, None, None]:
        return
        yield


class FakeDownloads(QObject):
    changed = Signal(object)  # DownloadItem
    removed = Signal(int)
    progress = Signal(int, object)  # item id, FetchProgress
    batch_finished = Signal(int, int)  # done, failed

    def __init__(self, root: Path = Path("/tmp/Libria"), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self._items: dict[int, DownloadItem] = {}
        self._fractions: dict[int, float] = {}
        self._next_id = 1
        self.calls: list[tuple[object, ...]] = []  # ("pause", 3), ("add", title_id, [1.0], None)
        self.batch_done = 0
        self.refreshes = 0  # refresh() calls (not in `calls`: the page makes them on its own)

    # ----- the service's surface -----

    def items(self) -> list[DownloadItem]:
        return list(self._items.values())

    def item_for(self, title_id: int, episode: float) -> DownloadItem | None:
        return next(
            (i for i in self._items.values() if i.title_id == title_id and i.episode == episode),
            None,
        )

    def local_file(self, title_id: int, episode: float) -> Path | None:
        item = self.item_for(title_id, episode)
        return Path(item.path) if item is not None and item.state is DownloadState.DONE else None

    async def add(
        self,
        title: Title,
        episodes: Sequence[float] | None = None,
        quality: Quality | None = None,
    ) -> list[DownloadItem]:
        numbers = (
            list(episodes) if episodes is not None else [e.number for e in title.player.episodes]
        )
        self.calls.append(("add", title.id, episodes if episodes is None else numbers, quality))
        added = []
        for number in numbers:
            if self.item_for(title.id, number) is None:
                added.append(self.put(self.make(title, number, quality=quality or Quality.FHD)))
        return added

    def pause(self, item_id: int) -> None:
        self.calls.append(("pause", item_id))
        self.set_state(item_id, DownloadState.PAUSED)

    def resume(self, item_id: int) -> None:
        self.calls.append(("resume", item_id))
        self.set_state(item_id, DownloadState.QUEUED)

    def retry(self, item_id: int) -> None:
        self.calls.append(("retry", item_id))
        self.set_state(item_id, DownloadState.QUEUED)

    def cancel(self, item_id: int) -> None:
        self.calls.append(("cancel", item_id))
        self._drop(item_id)

    async def delete(self, item_id: int) -> None:
        self.calls.append(("delete", item_id))
        self._drop(item_id)

    async def delete_title(self, title_id: int) -> None:
        self.calls.append(("delete_title", title_id))
        for item in self.items():
            if item.title_id == title_id:
                self._drop(item.id)

    def folder_of(self, item_id: int) -> Path:
        return Path(self._items[item_id].path).parent

    def refresh(self) -> Awaitable[None]:
        self.refreshes += 1
        return _Done()

    def total(self) -> tuple[int, int, float]:
        active = [i for i in self._items.values() if i.state in ACTIVE]
        if not active:
            return 0, 0, 0.0
        count = len(active) + self.batch_done
        done = self.batch_done + sum(self._fractions.get(i.id, 0.0) for i in active)
        return len(active), self.batch_done, done / count

    # ----- for tests -----

    def make(
        self,
        title: Title,
        episode: float,
        state: DownloadState = DownloadState.QUEUED,
        quality: Quality = Quality.FHD,
        **changes: object,
    ) -> DownloadItem:
        """An item for this title's episode, with the next id (not in the queue until `put`)."""
        item_id, self._next_id = self._next_id, self._next_id + 1
        name = title.names.ru or title.names.en or f"#{title.id}"
        item = DownloadItem(
            id=item_id, title_id=title.id, code=title.code, title_name=name, episode=episode,
            episode_label=f"{episode:g}", quality=quality.value,
            path=str(self.root / name / f"{episode:g}.mp4"), state=state,
        )  # fmt: skip
        return dataclasses.replace(item, **changes)  # type: ignore[arg-type]

    def put(self, item: DownloadItem) -> DownloadItem:
        self._items[item.id] = item
        self.changed.emit(item)
        return item

    def set_state(self, item_id: int, state: DownloadState, **changes: object) -> DownloadItem:
        item = dataclasses.replace(self._items[item_id], state=state, **changes)  # type: ignore[arg-type]
        if state is DownloadState.DONE:
            self.batch_done += 1
            self._fractions.pop(item_id, None)
        return self.put(item)

    def report(self, item_id: int, fraction: float, speed: float = 2_500_000.0) -> FetchProgress:
        """The engine's progress for an item: `fraction` of 100 segments, 300 MB expected."""
        expected = 300 * 1024 * 1024
        progress = FetchProgress(
            segments_done=round(fraction * 100), segments_total=100,
            bytes_done=int(expected * fraction), bytes_expected=expected, speed_bps=speed,
        )  # fmt: skip
        self._fractions[item_id] = progress.fraction
        self.progress.emit(item_id, progress)
        return progress

    def finish_batch(self, failed: int = 0) -> None:
        done, self.batch_done = self.batch_done, 0
        self.batch_finished.emit(done, failed)

    def _drop(self, item_id: int) -> None:
        if self._items.pop(item_id, None) is not None:
            self._fractions.pop(item_id, None)
            self.removed.emit(item_id)
