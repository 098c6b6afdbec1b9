"""Account fakes shared by the unit tests: a token keeper in memory, and an account API in
memory with the real one's method names (a server that knows releases 1-49, one user's
favourites, lists and timecodes, and which release each episode belongs to), plus the sync's
parts built over them (`Kit`)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from app.api.v1.account import EPISODE_ID
from app.core.account import (
    AccountError,
    Collection,
    Profile,
    SessionExpired,
    Timecode,
)
from app.services.account import AccountService
from app.services.account_lists import AccountFavourites, AccountLists
from app.services.library import LibraryService
from app.services.sync import SyncService
from app.services.tasks import TaskRunner


class Keeper:
    def __init__(self) -> None:
        self.kept: dict[str, str] = {}

    def load(self, account_key: str) -> str | None:
        return self.kept.get(account_key)

    def save(self, account_key: str, token: str) -> None:
        self.kept[account_key] = token

    def delete(self, account_key: str) -> None:
        self.kept.pop(account_key, None)


TOKEN = "sync-test-token-0123456789abcdef"
KNOWN = set(range(1, 50))  # releases the fake server knows: others are refused (422)


class FakeAccountApi:
    """One user's favourites and lists; `failures` are raised by the next calls, in order."""

    def __init__(self) -> None:
        self.favorites: list[int] = []
        self.lists: dict[int, Collection] = {}
        self.positions: dict[str, Timecode] = {}  # episode id -> where it stopped
        self.releases_of: dict[str, int] = {}  # episode id -> its release (others: 404)
        self.lookup_failures: dict[str, BaseException] = {}  # episode id -> raised when asked
        self.episodes_asked: list[str] = []  # episode lookups that reached the "server"
        self.asking = self.most_asking = 0  # episode lookups under way, now and at most
        self.valid = {TOKEN}
        self.failures: list[BaseException] = []
        self.calls: list[str] = []

    def _check(self, name: str, token: str, ids: Iterable[int] = ()) -> None:
        self.calls.append(name)
        if self.failures:
            raise self.failures.pop(0)
        if token not in self.valid:
            raise SessionExpired("sign in again")
        if set(ids) - KNOWN:
            raise AccountError("Релиз не найден")

    async def login(self, login: str, password: str) -> str:
        self.valid.add(TOKEN)  # a new sign-in after a sign-out is accepted again
        return TOKEN

    async def profile(self, token: str) -> Profile:
        if token not in self.valid:
            raise SessionExpired("sign in again")
        return Profile(id=7, login="demo", nickname="Демо")

    async def logout(self, token: str) -> None:
        self.valid.discard(token)

    async def favorite_ids(self, token: str) -> list[int]:
        self._check("favorite_ids", token)
        return list(self.favorites)

    async def add_favorites(self, token: str, ids: Iterable[int]) -> list[int]:
        ids = list(ids)
        self._check("add_favorites", token, ids)
        self.favorites += [i for i in ids if i not in self.favorites]
        return list(self.favorites)

    async def remove_favorites(self, token: str, ids: Iterable[int]) -> list[int]:
        ids = list(ids)
        self._check("remove_favorites", token, ids)
        self.favorites = [i for i in self.favorites if i not in ids]
        return list(self.favorites)

    async def collections(self, token: str) -> dict[int, Collection]:
        self._check("collections", token)
        return dict(self.lists)

    async def set_collection(self, token: str, release_id: int, collection: Collection) -> None:
        self._check("set_collection", token, [release_id])
        self.lists[release_id] = collection

    async def remove_from_collections(self, token: str, ids: Iterable[int]) -> None:
        ids = list(ids)
        self._check("remove_from_collections", token, ids)
        for i in ids:
            self.lists.pop(i, None)

    async def timecodes(self, token: str) -> list[Timecode]:
        self._check("timecodes", token)
        return list(self.positions.values())

    async def update_timecodes(self, token: str, timecodes: Iterable[Timecode]) -> None:
        timecodes = list(timecodes)
        self._check("update_timecodes", token)
        self.positions.update((t.release_episode_id, t) for t in timecodes)

    async def episode_release(self, episode_id: str) -> int:
        """Public: no token. Like the real one, an id that is not a UUID is never sent."""
        if not EPISODE_ID.fullmatch(episode_id):
            raise ValueError("not an episode id")
        self.episodes_asked.append(episode_id)
        self.asking += 1
        self.most_asking = max(self.most_asking, self.asking)
        try:
            await asyncio.sleep(0)  # lookups under way at once overlap here
            failure = self.lookup_failures.pop(episode_id, None)
            if failure is not None:
                raise failure
            if episode_id not in self.releases_of:
                raise AccountError("Эпизод не найден")
            return self.releases_of[episode_id]
        finally:
            self.asking -= 1


class Kit:
    def __init__(
        self, account: AccountService, library: LibraryService, tasks: TaskRunner,
        remote: FakeAccountApi,
    ) -> None:  # fmt: skip
        self.account, self.library, self.remote = account, library, remote
        self.sync = SyncService(account, library, tasks)
        self.favourites = AccountFavourites(account, library, self.sync)
        self.lists = AccountLists(account, library, self.sync, tasks)

    @property
    def key(self) -> str:
        assert self.account.account_key is not None
        return self.account.account_key

    async def pending(self) -> list[tuple[str, int, str]]:
        rows = await self.library.outbox(lambda o: o.pending(self.key))
        return [(row.kind, row.release_id, row.value) for row in rows]
