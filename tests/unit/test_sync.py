"""The account's sync over an account API in memory (same method names as the real one) and a
real library on a temporary SQLite file: the outbox's rules, back-off, an expired session, a row
the server refuses for good, and the pull merged with changes not yet sent."""

from __future__ import annotations

import asyncio

import pytest

from app.api.errors import NetworkError, ServerError
from app.core.account import (
    Collection,
    NotSignedIn,
    SessionExpired,
)
from app.services import sync as sync_module
from app.services.sync import SyncReport
from app.storage.outbox import ADD, FAVOURITE, LIST, REMOVE
from tests.unit.account_fakes import TOKEN, Kit
from tests.unit.fakes import make_title


async def test_a_star_signed_in_is_kept_with_its_outbox_row_until_the_server_takes_it(
    kit: Kit,
) -> None:
    await kit.account.sign_in("demo", "demo")
    await kit.favourites.set_favourite(make_title(5), True)
    assert kit.library.is_favourite(5)
    assert await kit.pending() == [(FAVOURITE, 5, ADD)]
    report = await kit.sync.sync_now()
    assert report.pushed == 1 and kit.remote.favorites == [5]
    assert await kit.pending() == []
    assert kit.library.is_favourite(5)  # the pull agrees


async def test_a_star_signed_out_stays_here(kit: Kit) -> None:
    await kit.favourites.set_favourite(make_title(5), True)
    assert kit.library.is_favourite(5)
    assert await kit.library.outbox(lambda o: o.pending("http://backend.invalid")) == []
    with pytest.raises(NotSignedIn):
        await kit.sync.sync_now()


async def test_pending_changes_of_one_release_collapse_to_the_last(kit: Kit) -> None:
    await kit.account.sign_in("demo", "demo")
    title = make_title(5)
    for on in (True, False, True, False):
        await kit.favourites.set_favourite(title, on)
    await kit.lists.put(title, Collection.PLANNED)
    await kit.lists.put(title, Collection.WATCHING)
    assert await kit.pending() == [(FAVOURITE, 5, REMOVE), (LIST, 5, "WATCHING")]


async def test_a_change_sent_twice_gives_the_same_server_state(kit: Kit) -> None:
    """As after a crash between the server's answer and the row's deletion."""
    await kit.account.sign_in("demo", "demo")
    await kit.favourites.set_favourite(make_title(5), True)
    await kit.lists.put(make_title(6), Collection.WATCHED)
    rows = await kit.library.outbox(lambda o: o.pending(kit.key))
    await kit.sync.sync_now()
    for row in rows:  # resent by hand, as a restarted app would
        await sync_module._send(kit.remote, TOKEN, row)  # type: ignore[arg-type]
    assert kit.remote.favorites == [5] and kit.remote.lists == {6: Collection.WATCHED}


async def test_outages_back_off_doubling_then_sync(
    kit: Kit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_module, "FIRST_RETRY_S", 0.02)
    monkeypatch.setattr(sync_module, "MAX_RETRY_S", 0.05)
    waits: list[float] = []
    real_wait_for = asyncio.wait_for

    async def recording_wait_for(awaitable: object, seconds: float) -> object:
        waits.append(seconds)
        return await real_wait_for(awaitable, seconds)  # type: ignore[arg-type]

    monkeypatch.setattr(sync_module.asyncio, "wait_for", recording_wait_for)
    await kit.account.sign_in("demo", "demo")
    await kit.favourites.set_favourite(make_title(5), True)
    kit.remote.failures = [NetworkError("offline"), ServerError(502, "bad gateway"),
                           NetworkError("offline"), NetworkError("offline")]  # fmt: skip
    reports: list[SyncReport] = []
    kit.sync.synced.connect(reports.append)
    kit.sync.start()
    for _ in range(200):
        if reports:
            break
        await asyncio.sleep(0.01)
    assert reports and reports[0].pushed == 1 and kit.remote.favorites == [5]
    assert waits[:4] == [0.02, 0.04, 0.05, 0.05]  # doubling, up to the cap
    assert waits[4] == sync_module.SYNC_EVERY_S  # then the regular pace
    kit.sync._tasks.cancel("account-sync")


async def test_an_expired_session_keeps_the_rows_and_tells_the_viewer(kit: Kit) -> None:
    await kit.account.sign_in("demo", "demo")
    key = kit.key
    await kit.favourites.set_favourite(make_title(5), True)
    expired: list[bool] = []
    kit.account.expired.connect(lambda: expired.append(True))
    kit.remote.valid.clear()
    with pytest.raises(SessionExpired):
        await kit.sync.sync_now()
    assert expired == [True] and not kit.account.signed_in
    rows = await kit.library.outbox(lambda o: o.pending(key))
    assert [(r.kind, r.release_id, r.value) for r in rows] == [(FAVOURITE, 5, ADD)]


async def test_a_row_the_server_refuses_for_good_is_dropped_alone(
    kit: Kit, caplog: pytest.LogCaptureFixture
) -> None:
    await kit.account.sign_in("demo", "demo")
    await kit.favourites.set_favourite(make_title(999), True)  # unknown to the server: 422
    await kit.favourites.set_favourite(make_title(5), True)
    report = await kit.sync.sync_now()
    assert (report.pushed, report.dropped) == (1, 1)
    assert kit.remote.favorites == [5] and await kit.pending() == []
    assert "999" in caplog.text and TOKEN not in caplog.text


async def test_the_pull_applies_pending_changes_on_top_of_the_server(kit: Kit) -> None:
    await kit.account.sign_in("demo", "demo")
    await kit.sync.sync_now()  # the first sync is done: no local favourites to merge
    key = kit.key
    await kit.library.set_favourite(make_title(2), False, account=key)
    await kit.library.outbox(lambda o: o.set_collection(key, 4, "PLANNED"))
    result = await kit.library.outbox(
        lambda o: o.apply_pull(key, {1, 2, 3}, {3: "WATCHING", 4: "WATCHED"})
    )
    assert result.favourites == {1, 3}  # 2's removal is still pending: it wins
    kit.library.favourites_replaced(result.favourites)
    assert kit.library.is_favourite(1) and not kit.library.is_favourite(2)
    lists = await kit.library.outbox(lambda o: o.lists(key))
    assert {e.release_id: e.collection for e in lists} == {3: "WATCHING", 4: "PLANNED"}


async def test_changes_made_elsewhere_arrive_here(kit: Kit) -> None:
    await kit.account.sign_in("demo", "demo")
    await kit.favourites.set_favourite(make_title(5), True)
    await kit.sync.sync_now()
    kit.remote.favorites = [7, 8]
    kit.remote.lists = {9: Collection.POSTPONED}
    changed: list[bool] = []
    kit.sync.lists_changed.connect(lambda: changed.append(True))
    report = await kit.sync.sync_now()
    assert (report.favourites_added, report.favourites_removed, report.lists_changed) == (2, 1, 1)
    assert not kit.library.is_favourite(5) and kit.library.is_favourite(7)
    assert changed
    await kit.lists.reload()
    assert kit.lists.collection_of(9) is Collection.POSTPONED
    assert kit.lists.titles_in(Collection.POSTPONED) == [9]


async def test_lists_show_a_change_at_once_and_send_it(kit: Kit) -> None:
    await kit.account.sign_in("demo", "demo")
    assert kit.lists.available
    title = make_title(6)
    kit.lists.set_collection(title, Collection.WATCHING)
    assert kit.lists.collection_of(6) is Collection.WATCHING  # before anything is written
    for _ in range(100):
        if await kit.pending():
            break
        await asyncio.sleep(0.01)
    await kit.sync.sync_now()
    assert kit.remote.lists == {6: Collection.WATCHING}
    await kit.lists.put(title, None)
    await kit.sync.sync_now()
    assert kit.remote.lists == {} and kit.lists.collection_of(6) is None
