"""Watch progress as the player saves it: always to the library, and while signed in also to the
account (an outbox row in the same transaction, sent by the sync). The session's `ProgressStore`."""

from __future__ import annotations

from app.services.account import AccountService
from app.services.library import LibraryService
from app.services.sync import SyncService
from app.storage.library import Progress


class AccountProgress:
    def __init__(self, account: AccountService, library: LibraryService, sync: SyncService) -> None:
        self._account = account
        self._library = library
        self._sync = sync

    async def record(
        self, title_id: int, episode: float, position: float, duration: float,
        episode_id: str = "", periodic: bool = False,
    ) -> Progress:  # fmt: skip
        """`episode_id`: the service's id of the episode ("" when unknown, as with v2: then the
        position stays here). `periodic`: the save while playing, sent at most every so often;
        any other (pause, stop, another episode, quit) is sent at once."""
        key = self._account.account_key if episode_id else None
        saved = await self._library.record(
            title_id, episode, position, duration, episode_id=episode_id, account=key
        )
        if key is not None:
            self._sync.push_timecodes(periodic=periodic)
        return saved

    async def watched(self, title_id: int) -> set[float]:
        return await self._library.watched(title_id)
