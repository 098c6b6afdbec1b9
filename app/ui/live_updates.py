"""Live updates to the pages on screen.

A small router the window owns rather than a signal every page subscribes to: pages are built
lazily and know nothing of the update stream, and a page not yet built shows nothing to update.
The router reaches the pages built so far; each page updates its own model (Page.update_title:
"New episodes" moves a title with a new episode to the front, other lists replace it in place,
the open title page reloads).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject

from app.core import PlaylistUpdated, TitleUpdated
from app.services.updates import UpdatesService
from app.ui.pages.base import Page


class LiveUpdates(QObject):
    def __init__(
        self,
        updates: UpdatesService,
        pages: Callable[[], Iterable[Page]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)  # a child of the window: its connections end with it
        self._pages = pages
        updates.title_updated.connect(self.title_updated)
        updates.playlist_updated.connect(self.playlist_updated)

    def title_updated(self, event: TitleUpdated) -> None:
        for page in self._pages():
            page.update_title(event.title)

    def playlist_updated(self, event: PlaylistUpdated) -> None:
        for page in self._pages():
            page.playlist_changed(event.title_id)
