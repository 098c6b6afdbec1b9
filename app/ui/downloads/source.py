"""What the views need of the downloads queue: the service's surface, typed structurally (the
service is a QObject with these signals and methods)."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from pathlib import Path
from typing import Protocol, cast

from PySide6.QtCore import SignalInstance

from app.core import Quality, Title
from app.core.download import DownloadItem


class DownloadsSource(Protocol):
    @property
    def changed(self) -> SignalInstance:  # DownloadItem: added, or its state/size/reason changed
        ...

    @property
    def removed(self) -> SignalInstance:  # an item's id, after cancel or delete
        ...

    @property
    def progress(self) -> SignalInstance:  # item id, FetchProgress (a few times a second)
        ...

    @property
    def batch_finished(self) -> SignalInstance:  # done, failed: the queue ran dry after working
        ...

    def items(self) -> list[DownloadItem]: ...

    def item_for(self, title_id: int, episode: float) -> DownloadItem | None: ...

    def local_file(self, title_id: int, episode: float) -> Path | None: ...

    async def add(
        self,
        title: Title,
        episodes: Sequence[float] | None = None,
        quality: Quality | None = None,
    ) -> list[DownloadItem]:
        """Queues the episodes (None: every released one) in that quality (None: the setting)."""

    def pause(self, item_id: int) -> None: ...

    def resume(self, item_id: int) -> None: ...

    def retry(self, item_id: int) -> None: ...

    def cancel(self, item_id: int) -> None: ...

    async def delete(self, item_id: int) -> None: ...

    async def delete_title(self, title_id: int) -> None: ...

    def folder_of(self, item_id: int) -> Path: ...

    def refresh(self) -> Awaitable[None]:
        """The rows again from the library (another process may have changed them); the
        differences come as `changed` and `removed`."""

    def total(self) -> tuple[int, int, float]:
        """Active items (queued, downloading, paused), done in the current batch, and the
        batch's overall fraction (0..1)."""


def downloads_of(services: object) -> DownloadsSource | None:
    """The app's downloads queue, where this build has one."""
    return cast("DownloadsSource | None", getattr(services, "downloads", None))
