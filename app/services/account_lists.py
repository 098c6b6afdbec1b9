"""What views change in the account: the star (`AccountFavourites`) and the lists
(`AccountLists`, the `ListsSource` views use). A change is shown at once, written to the library
and to the outbox in one transaction, and sent by the sync when it can be."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, Signal

from app.core import Title
from app.core.account import Collection
from app.services.account import AccountService
from app.services.library import LibraryService
from app.services.sync import SyncService
from app.services.tasks import TaskRunner
from app.storage.outbox import ListEntry

log = logging.getLogger(__name__)


class AccountFavourites:
    """The star: the account's favourite when signed in (local + outbox), local only when not."""

    def __init__(self, account: AccountService, library: LibraryService, sync: SyncService) -> None:
        self._account = account
        self._library = library
        self._sync = sync

    def is_favourite(self, title_id: int) -> bool:
        return self._library.is_favourite(title_id)

    async def set_favourite(self, title: Title, on: bool) -> None:
        key = self._account.account_key
        await self._library.set_favourite(title, on, account=key)
        if key is not None:
            self._sync.request()


class AccountLists(QObject):
    """`ListsSource` over the library's copy of the account's lists plus what is pending."""

    changed = Signal()

    def __init__(
        self,
        account: AccountService,
        library: LibraryService,
        sync: SyncService,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._account = account
        self._library = library
        self._sync = sync
        self._tasks = tasks
        self._entries: dict[int, ListEntry] = {}
        sync.lists_changed.connect(self._reload_soon)
        account.changed.connect(self._reload_soon)

    @property
    def available(self) -> bool:
        return self._account.signed_in

    def collection_of(self, title_id: int) -> Collection | None:
        entry = self._entries.get(title_id)
        return None if entry is None else Collection(entry.collection)

    def titles_in(self, collection: Collection) -> list[int]:
        entries = [e for e in self._entries.values() if e.collection == collection.value]
        entries.sort(key=lambda e: (e.added, e.release_id), reverse=True)
        return [e.release_id for e in entries]

    def set_collection(self, title: Title, collection: Collection | None) -> None:
        if self._account.account_key is None:
            log.info("lists need a signed-in account: the change is not kept")
            return
        if collection is None:
            self._entries.pop(title.id, None)
        elif self.collection_of(title.id) != collection:
            self._entries[title.id] = ListEntry(title.id, collection.value, time.time())
        self.changed.emit()  # shown at once; kept and sent below
        self._tasks.run(self.put(title, collection))

    async def put(self, title: Title, collection: Collection | None) -> None:
        """Keeps the change (library + outbox in one transaction) and asks for a sync."""
        key = self._account.account_key
        if key is None:
            return
        value = None if collection is None else collection.value
        await self._library.outbox(lambda o: o.set_collection(key, title.id, value))
        await self._library.keep_brief(title)  # so the list can show it offline
        self._sync.request()
        await self.reload()

    async def reload(self) -> None:
        key = self._account.account_key
        entries = await self._library.outbox(lambda o: o.lists(key)) if key else []
        self._entries = {entry.release_id: entry for entry in entries}
        self.changed.emit()

    def _reload_soon(self) -> None:
        self._tasks.run(self.reload(), name="account-lists")
