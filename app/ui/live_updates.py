"""Live updates to the pages on screen.

A small router the window owns rather than a signal every page subscribes to: pages are built
lazily and know nothing of the update stream, and a page not yet built shows nothing to update.
The router reaches the pages built so far; each page updates its own model (Page.update_titles:
"New episodes" moves a title with a new episode to the front, other lists replace it in place,
the open title page reloads).

Updates reach the pages in batches, at most one every BATCH_MS: a burst of hundreds (a server
catching up, a poll that found many) becomes a few model changes and repaints, not hundreds.
Within a batch a title counts once, with its newest copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

from app.core import PlaylistUpdated, Title, TitleUpdated
from app.services.updates import UpdatesService
from app.ui.pages.base import Page

BATCH_MS = 100  # soon enough to look live, long enough to gather a burst


class LiveUpdates(QObject):
    def __init__(
        self,
        updates: UpdatesService,
        pages: Callable[[], Iterable[Page]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)  # a child of the window: its connections end with it
        self._pages = pages
        self._titles: dict[int, Title] = {}  # in the order their last update came
        self._playlists: dict[int, None] = {}  # title ids, in order
        self._batch = QTimer(self)
        self._batch.setSingleShot(True)
        self._batch.setInterval(BATCH_MS)
        self._batch.timeout.connect(self.flush)
        updates.title_updated.connect(self.title_updated)
        updates.playlist_updated.connect(self.playlist_updated)

    def title_updated(self, event: TitleUpdated) -> None:
        self._titles.pop(event.title.id, None)
        self._titles[event.title.id] = event.title
        self._gather()

    def playlist_updated(self, event: PlaylistUpdated) -> None:
        self._playlists[event.title_id] = None
        self._gather()

    @property
    def pending(self) -> bool:
        """Updates are waiting for the next batch."""
        return bool(self._titles or self._playlists)

    def _gather(self) -> None:
        if not self._batch.isActive():
            self._batch.start()

    def flush(self) -> None:
        """Hands the updates gathered so far to the pages now."""
        self._batch.stop()
        titles, self._titles = list(self._titles.values()), {}
        playlists, self._playlists = list(self._playlists), {}
        for page in self._pages():
            if titles:
                page.update_titles(titles)
            for title_id in playlists:
                page.playlist_changed(title_id)
