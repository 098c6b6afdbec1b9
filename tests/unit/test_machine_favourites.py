"""This computer's favourites and the account, over an account API in memory and a real library:
the first sign-in asks (once) whether to add the favourites starred here before signing in; the
account's favourites are shown while signed in, the machine's come back at sign-out whatever the
answer, and the answer is kept per account."""

from __future__ import annotations

import pytest

from app.core.account import NotSignedIn, SessionExpired
from app.storage.outbox import ADD, FAVOURITE
from tests.qt_loop import until
from tests.unit.account_fakes import Kit
from tests.unit.fakes import make_title


async def star_here(kit: Kit, *ids: int) -> None:
    """Starred while signed out: this machine's own favourites."""
    for release_id in ids:
        await kit.favourites.set_favourite(make_title(release_id), True)


def shown(kit: Kit, *ids: int) -> set[int]:
    return {i for i in ids if kit.library.is_favourite(i)}


async def first_sync(kit: Kit) -> list[int]:
    """Signs in, syncs; the questions asked."""
    asked: list[int] = []
    kit.sync.merge_question.connect(asked.append)
    await kit.account.sign_in("demo", "demo")
    await kit.sync.sync_now()
    return asked


async def sign_out(kit: Kit, shows: set[int], *among: int) -> None:
    """Signs out; waits until the favourites among `among` are `shows`."""
    await kit.account.sign_out()
    await until(lambda: shown(kit, *among) == shows, message=f"{shows} not shown after sign-out")


async def test_the_first_sign_in_asks_and_shows_the_account_keeping_the_machines(kit: Kit) -> None:
    await star_here(kit, 3, 5, 6)
    kit.remote.favorites = [4, 6]
    asked = await first_sync(kit)
    assert asked == [2]  # 3 and 5: the account has 6 already
    assert shown(kit, 3, 4, 5, 6) == {4, 6}  # the account's favourites, nothing added silently
    assert sorted(kit.remote.favorites) == [4, 6] and await kit.pending() == []
    assert await kit.library.outbox(lambda o: o.machine_favourite_ids()) == {3, 5, 6}
    await kit.sync.sync_now()
    assert asked == [2]  # once per sign-in, answered or not


async def test_yes_sends_them_and_shows_them_at_once(kit: Kit) -> None:
    await star_here(kit, 3, 5)
    kit.remote.favorites = [4]
    await first_sync(kit)
    assert await kit.sync.settle_merge(True) == 2
    assert shown(kit, 3, 4, 5) == {3, 4, 5}  # before the server has them
    assert await kit.pending() == [(FAVOURITE, 3, ADD), (FAVOURITE, 5, ADD)]
    await kit.sync.sync_now()
    assert sorted(kit.remote.favorites) == [3, 4, 5]
    await sign_out(kit, {3, 5}, 3, 4, 5)  # the machine's own, as before signing in


async def test_no_sends_nothing_and_the_machines_come_back_at_sign_out(kit: Kit) -> None:
    await star_here(kit, 3, 5)
    kit.remote.favorites = [4]
    await first_sync(kit)
    assert await kit.sync.settle_merge(False) == 0
    await kit.favourites.set_favourite(make_title(7), True)  # signed in: the account's
    await kit.sync.sync_now()
    assert sorted(kit.remote.favorites) == [4, 7]
    assert shown(kit, 3, 4, 5, 7) == {4, 7}
    await sign_out(kit, {3, 5}, 3, 4, 5, 7)
    await star_here(kit, 8)  # signed out: here only, as ever
    assert sorted(kit.remote.favorites) == [4, 7]
    assert await first_sync(kit) == []  # answered for this account: not asked again
    assert shown(kit, 3, 4, 5, 7, 8) == {4, 7}
    await sign_out(kit, {3, 5, 8}, 3, 4, 5, 7, 8)


async def test_no_question_when_the_account_has_them_all(kit: Kit) -> None:
    await star_here(kit, 3, 5)
    kit.remote.favorites = [3, 4, 5]
    assert await first_sync(kit) == []
    assert shown(kit, 3, 4, 5) == {3, 4, 5}
    await sign_out(kit, {3, 5}, 3, 4, 5)
    await star_here(kit, 8)
    assert await first_sync(kit) == []  # there was nothing to ask: recorded as settled


async def test_a_question_left_unanswered_comes_again_at_the_next_sign_in(kit: Kit) -> None:
    await star_here(kit, 3)
    assert await first_sync(kit) == [1]
    await sign_out(kit, {3}, 3)
    assert await first_sync(kit) == [1]


async def test_an_expired_session_puts_the_machines_favourites_back(kit: Kit) -> None:
    await star_here(kit, 3)
    kit.remote.favorites = [4]
    await first_sync(kit)
    assert shown(kit, 3, 4) == {4}
    kit.remote.valid.clear()  # signed out on the site
    with pytest.raises(SessionExpired):
        await kit.sync.sync_now()
    await until(lambda: shown(kit, 3, 4) == {3})


async def test_a_star_before_the_first_pull_is_the_accounts_not_the_machines(kit: Kit) -> None:
    await star_here(kit, 3)
    await kit.account.sign_in("demo", "demo")
    await kit.favourites.set_favourite(make_title(9), True)  # before any sync
    await kit.favourites.set_favourite(make_title(3), False)  # off the account's, shown now
    await kit.sync.sync_now()
    assert sorted(kit.remote.favorites) == [9] and shown(kit, 3, 9) == {9}
    assert await kit.library.outbox(lambda o: o.machine_favourite_ids()) == {3}
    await sign_out(kit, {3}, 3, 9)  # the machine's own 3 was never the account's to remove


async def test_an_answer_after_signing_out_is_not_kept(kit: Kit) -> None:
    await star_here(kit, 3)
    await first_sync(kit)
    await sign_out(kit, {3}, 3)
    with pytest.raises(NotSignedIn):
        await kit.sync.settle_merge(True)
    assert await first_sync(kit) == [1]


async def test_yes_leaves_alone_what_was_unstarred_since_signing_in(kit: Kit) -> None:
    await star_here(kit, 3, 6)
    kit.remote.favorites = [6]
    assert await first_sync(kit) == [1]
    await kit.favourites.set_favourite(make_title(6), False)  # off the account, not yet sent
    assert await kit.sync.settle_merge(True) == 1
    await kit.sync.sync_now()
    assert kit.remote.favorites == [3] and shown(kit, 3, 6) == {3}
