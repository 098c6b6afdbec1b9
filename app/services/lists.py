"""The viewer's lists (the account's collections: planned, watching, watched, postponed,
abandoned) as views see them. A title is in one list at most. Implemented by the account sync
(changes go to the library and to the outbox at once, then to the server); views only ask and
listen."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance

from app.core import Title
from app.core.account import Collection


class ListsSource(Protocol):
    @property
    def changed(self) -> SignalInstance:  # the lists changed (here or from the server)
        ...

    @property
    def available(self) -> bool:
        """Signed in to an account that has lists (otherwise views offer to sign in)."""

    def collection_of(self, title_id: int) -> Collection | None: ...

    def titles_in(self, collection: Collection) -> list[int]:
        """Release ids in that list, the most recently added first."""

    def set_collection(self, title: Title, collection: Collection | None) -> None:
        """Puts the title in that list (None: in none); shown at once, sent when it can be."""
