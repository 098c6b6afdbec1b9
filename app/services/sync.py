"""Two-way sync of the account's favourites, lists and watch progress (timecodes).

Push: the outbox is drained oldest first; a row leaves it only once the server took it (or
refused it for good: a 404/422 the server will never accept, logged and dropped). Outages and
5xx: back off and retry. An expired session: stop with the rows kept, and the account service
tells the viewer. Pull: the server's favourites and lists, with the still-pending rows applied
on top (a change made here wins until it is sent), become the local tables; its timecodes are
merged into the progress here, the titles of episodes never opened here fetched for them first
(`TimecodeTitles`).

Runs at sign-in, at start once the sign-in is restored, every few minutes, when the API answers
again, and on demand. Database work runs on the library's worker thread, requests on the loop:
nothing here waits on the UI thread. Timecodes also go up on their own (push only, all pending
in one request): while playing at most every TIMECODE_PUSH_EVERY_S, at once on pause, stop,
episode change and quit.

The machine's own favourites are kept apart while an account is signed in (app.storage.
machine_favourites) and come back at sign-out. After the first pull of a sign-in, when the viewer
never answered for this account and it lacks some of them, `merge_question` asks whether they
should join it; `settle_merge` takes the answer."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.core.account import AccountError, Collection, NotSignedIn, SessionExpired
from app.services.account import AccountService
from app.services.library import LibraryService
from app.services.tasks import TaskRunner
from app.services.timecode_titles import TimecodeTitles
from app.storage.outbox import ADD, FAVOURITE, LIST, OutboxRow
from app.storage.timecodes import TIMECODE, timecode_of

if TYPE_CHECKING:
    from app.api.v1.account import AccountApi

log = logging.getLogger(__name__)
FIRST_RETRY_S = 2.0  # after a failed sync; doubles up to MAX_RETRY_S
MAX_RETRY_S = 300.0
SYNC_EVERY_S = 300.0  # changes made on other devices arrive at least this often
TIMECODE_PUSH_EVERY_S = 30.0  # while playing, positions go to the account at most this often


@dataclass(frozen=True)
class SyncReport:
    pushed: int = 0  # outbox rows the server took
    dropped: int = 0  # rows the server refused for good
    favourites_added: int = 0  # here, from the server
    favourites_removed: int = 0
    lists_changed: int = 0  # titles whose list changed here
    progress_changed: int = 0  # titles whose progress the account's timecodes moved here


class SyncService(QObject):
    lists_changed = Signal()
    synced = Signal(object)  # SyncReport
    merge_question = Signal(int)  # how many machine favourites the account lacks: add them?

    def __init__(
        self,
        account: AccountService,
        library: LibraryService,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._account = account
        self._library = library
        self._tasks = tasks
        self._titles = TimecodeTitles(library, account.catalogue)
        self._lock = asyncio.Lock()  # one sync at a time: the loop's and on-demand ones
        self._wake = asyncio.Event()
        self._started = False
        self._timecodes_asked = -TIMECODE_PUSH_EVERY_S  # monotonic time of the last push asked
        self._timecode_push: asyncio.Task[None] | None = None
        self._push_again = False
        self._asked: str | None = None  # the account asked about in this sign-in
        self._pulled: tuple[str, set[int]] | None = None  # the account's favourites, last pull
        self._refused: set[int] = set()  # releases the server refused for good in this sign-in
        account.changed.connect(self._account_changed)

    def start(self) -> None:
        """From now on, syncs whenever someone is signed in."""
        self._started = True
        self._account_changed()

    def request(self) -> None:
        """Sync soon (a change was made here, or the network is back)."""
        self._wake.set()

    def push_timecodes(self, periodic: bool = False) -> None:
        """Sends the pending timecodes soon: at once, or for a `periodic` save (while playing)
        only when the last push asked is TIMECODE_PUSH_EVERY_S old."""
        now = time.monotonic()
        if periodic and now - self._timecodes_asked < TIMECODE_PUSH_EVERY_S:
            return
        self._timecodes_asked = now
        if self._timecode_push is not None and not self._timecode_push.done():
            self._push_again = True  # one under way: it sends the newer rows too, when done
            return
        self._timecode_push = self._tasks.run(self._push_timecodes_while_asked())

    async def finish(self, seconds: float) -> None:
        """At quit: the last positions get up to `seconds` to reach the account."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.push_timecodes_now(), seconds)

    async def _push_timecodes_while_asked(self) -> None:
        while True:
            self._push_again = False
            await self.push_timecodes_now()
            if not self._push_again:
                return

    async def push_timecodes_now(self) -> int:
        """Sends every pending timecode in one request; how many went. Failures are logged and
        leave the rows for the next sync."""
        async with self._lock:
            session, key = self._account.session(), self._account.account_key
            if session is None or key is None:
                return 0
            api, token = session
            try:
                return await self._push_timecodes(api, token, key)
            except SessionExpired:
                await self._account.session_expired()
            except Exception as error:  # an outage, a 5xx: the next sync sends them
                log.warning("timecodes not sent (%s)", type(error).__name__)
            return 0

    def _account_changed(self) -> None:
        self._asked, self._pulled = None, None
        self._refused.clear()
        if not self._account.signed_in:
            self._tasks.cancel("account-sync")
            self._tasks.run(self.machine_favourites_back())
        elif self._started:
            self._tasks.run(self._run(), name="account-sync")

    async def machine_favourites_back(self) -> None:
        """Nobody is signed in (signed out, expired, another API): the machine's own favourites
        show again. After any sync under way, so its pull cannot write over them."""
        async with self._lock:
            if not self._account.signed_in:
                await self._library.machine_favourites_back()

    async def _run(self) -> None:
        delay = FIRST_RETRY_S
        while True:
            self._wake.clear()
            try:
                await self.sync_now()
            except AccountError:  # expired (the viewer is told) or signed out: nothing to do
                return
            except Exception as error:  # an outage, a 5xx: try again later
                log.warning("account sync failed (%s): again in %.0f s", type(error).__name__,
                            delay)  # fmt: skip
                wait, delay = delay, min(delay * 2, MAX_RETRY_S)
            else:
                wait, delay = SYNC_EVERY_S, FIRST_RETRY_S
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait)

    async def sync_now(self) -> SyncReport:
        """One push and pull. Raises NotSignedIn, SessionExpired (after the account service
        forgot the sign-in), or the network's error; the outbox keeps what was not sent."""
        async with self._lock:
            session, key = self._account.session(), self._account.account_key
            if session is None or key is None:
                raise NotSignedIn("nobody is signed in")
            api, token = session
            try:
                pushed, refused = await self._push(api, token, key)
                self._refused |= refused
                pulled = await self._pull(api, token, key)
                asking = await self._merge_question(key)
            except SessionExpired:
                await self._account.session_expired()
                raise
        report = replace(pulled, pushed=pushed, dropped=len(refused))
        log.info("account synced: %s", report)
        self.synced.emit(report)
        if asking:
            self.merge_question.emit(asking)
        return report

    async def _merge_question(self, key: str) -> int:
        """How many machine favourites to ask about (once a sign-in); 0: nothing to ask."""
        if self._asked == key or self._pulled is None:
            return 0
        favourites, refused = self._pulled[1], frozenset(self._refused)
        count = await self._library.outbox(lambda o: o.merge_question(key, favourites, refused))
        if count:
            self._asked = key
        return count

    async def settle_merge(self, merge: bool) -> int:
        """The viewer's answer for the account signed in, recorded. Yes: the machine's favourites
        it lacks are queued, shown at once and sent soon. How many were queued; NotSignedIn
        when nobody is signed in any more."""
        key = self._account.account_key
        if key is None:
            raise NotSignedIn("nobody is signed in")
        if self._pulled is None or self._pulled[0] != key:
            await self.sync_now()  # what the account lacks is known from a pull
        if self._pulled is None or self._pulled[0] != key:
            raise NotSignedIn("signed out before the answer was kept")
        favourites, refused = self._pulled[1], frozenset(self._refused)
        added = await self._library.outbox(
            lambda o: o.settle_merge(key, merge, favourites, refused)
        )
        log.info("machine favourites %s the account: %d queued",
                 "added to" if merge else "kept apart from", len(added))  # fmt: skip
        if added:
            await self._library.reload_favourites()
            self.request()
        return len(added)

    async def _push(self, api: AccountApi, token: str, key: str) -> tuple[int, frozenset[int]]:
        """How many rows the server took, and the releases of those it refused for good."""
        rows = await self._library.outbox(lambda o: o.pending(key))
        pushed, refused = await self._push_timecodes(api, token, key), set()
        for row in (row for row in rows if row.kind != TIMECODE):
            try:
                await _send(api, token, row)
                pushed += 1
            except SessionExpired:
                raise
            except AccountError as error:  # the server will never take this one
                log.warning("the server refused %s %r for release %d (%s): dropped",
                            row.kind, row.value, row.release_id, error)  # fmt: skip
                refused.add(row.release_id)
            await self._done(row.id)
        return pushed, frozenset(refused)

    async def _done(self, *row_ids: int) -> None:
        await self._library.outbox(lambda o: o.done(*row_ids))

    async def _push_timecodes(self, api: AccountApi, token: str, key: str) -> int:
        """All pending timecodes in one request (setting a position twice changes nothing)."""
        rows = await self._library.outbox(lambda o: o.pending(key))
        rows = [row for row in rows if row.kind == TIMECODE]
        timecodes = [t for t in map(timecode_of, rows) if t is not None]
        if not rows:
            return 0
        try:
            await api.update_timecodes(token, timecodes)
        except SessionExpired:
            raise
        except AccountError as error:  # e.g. an episode the service no longer has
            log.warning("the server refused %d timecodes (%s): dropped", len(rows), error)
            timecodes = []
        await self._done(*(row.id for row in rows))
        return len(timecodes)

    async def _pull(self, api: AccountApi, token: str, key: str) -> SyncReport:
        """What moved here; `pushed` and `dropped` are the caller's."""
        favourites = set(await api.favorite_ids(token))
        lists = {i: c.value for i, c in (await api.collections(token)).items()}
        result = await self._library.outbox(lambda o: o.apply_pull(key, favourites, lists))
        self._pulled = (key, result.favourites)
        moved = await self._titles.merge(api, key, await api.timecodes(token))
        self._library.favourites_replaced(result.favourites)
        if result.lists_changed:
            self.lists_changed.emit()
        return SyncReport(
            favourites_added=result.favourites_added,
            favourites_removed=result.favourites_removed,
            lists_changed=result.lists_changed,
            progress_changed=len(moved),
        )


async def _send(api: AccountApi, token: str, row: OutboxRow) -> None:
    if row.kind == FAVOURITE and row.value == ADD:
        await api.add_favorites(token, [row.release_id])
    elif row.kind == FAVOURITE:
        await api.remove_favorites(token, [row.release_id])
    elif row.kind == LIST and not row.value:
        await api.remove_from_collections(token, [row.release_id])
    elif row.kind == LIST and row.value in Collection.__members__:
        await api.set_collection(token, row.release_id, Collection(row.value))
    else:  # written by a newer version, or damaged: no server would take it
        raise AccountError(f"unknown change {row.kind} {row.value!r}")
