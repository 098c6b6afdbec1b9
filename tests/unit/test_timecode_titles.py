"""Timecodes of titles never opened here, over an account API and a catalogue in memory and a real
library: the sync asks which release each episode belongs to, keeps that title whole, and the
position lands in the progress and on the continue-watching shelf; the asking is bounded and no
failure of it fails the sync."""

from __future__ import annotations

import pytest

from app.api import NetworkError
from app.core import Episode, Player, Title
from app.core.account import Timecode
from app.services import timecode_titles
from tests.unit.account_fakes import Kit
from tests.unit.fakes import FakeBackend


def episode_id(title_id: int, number: int) -> str:
    return f"{title_id:08x}-0000-4000-8000-{number:012x}"


def phone_title(title_id: int, episodes: int = 3) -> Title:
    """A title this machine never opened, as the catalogue sends it whole."""
    return Title(
        id=title_id, code=f"phone-{title_id}",
        player=Player(
            episodes=tuple(
                Episode(number=float(n), id=episode_id(title_id, n), duration=1400)
                for n in range(1, episodes + 1)
            )
        ),
    )  # fmt: skip


def on_the_phone(kit: Kit, backend: FakeBackend, title: Title, **positions: float) -> None:
    """The title exists on the server, and the phone stopped in its episodes (`e2=600.0`)."""
    backend.titles.append(title)
    for episode in title.player.episodes:
        kit.remote.releases_of[episode.id] = title.id
    for name, seconds in positions.items():
        eid = episode_id(title.id, int(name.removeprefix("e")))
        kit.remote.positions[eid] = Timecode(eid, seconds)


async def test_a_title_started_on_another_device_lands_in_progress_and_on_the_shelf(
    kit: Kit, backend: FakeBackend
) -> None:
    title = phone_title(100)
    on_the_phone(kit, backend, title, e2=600.0)
    await kit.account.sign_in("demo", "demo")
    changed: list[int] = []
    kit.library.progress_changed.connect(changed.append)
    report = await kit.sync.sync_now()
    saved = await kit.library.saved(100, 2)
    assert saved is not None and saved.position == 600 and saved.duration == 1400
    assert report.progress_changed == 1 and changed == [100]
    shelf = await kit.library.continue_watching()
    assert [(i.title.id, i.episode.number, i.position) for i in shelf] == [(100, 2, 600)]
    kept = await kit.library.kept_title(title_id=100)
    assert kept is not None and kept.value == title  # whole: the title page opens offline too
    again = await kit.sync.sync_now()  # kept now: nothing asked, nothing moves
    assert again.progress_changed == 0 and kit.remote.episodes_asked == [episode_id(100, 2)]


async def test_one_answer_serves_every_episode_of_its_title(kit: Kit, backend: FakeBackend) -> None:
    positions = {f"e{n}": 100.0 * n for n in range(1, 13)}
    on_the_phone(kit, backend, phone_title(101, episodes=12), **positions)
    await kit.account.sign_in("demo", "demo")
    await kit.sync.sync_now()
    assert len(kit.remote.episodes_asked) <= timecode_titles.LOOKUPS_AT_ONCE
    assert len(backend.called("brief_titles")) == 1
    for n in range(1, 13):
        saved = await kit.library.saved(101, n)
        assert saved is not None and saved.position == 100.0 * n


async def test_lookups_are_bounded_and_a_dead_episode_is_not_asked_every_sync(
    kit: Kit, backend: FakeBackend
) -> None:
    dead = [episode_id(500 + n, 1) for n in range(40)]  # the service knows none of them
    kit.remote.positions = {eid: Timecode(eid, 30.0) for eid in dead}
    await kit.account.sign_in("demo", "demo")
    await kit.sync.sync_now()
    first = list(kit.remote.episodes_asked)
    assert len(first) == timecode_titles.MAX_LOOKUPS
    assert kit.remote.most_asking <= timecode_titles.LOOKUPS_AT_ONCE
    await kit.sync.sync_now()  # the ten left over, not the thirty refused
    assert sorted(kit.remote.episodes_asked[len(first) :]) == sorted(set(dead) - set(first))
    asked = len(kit.remote.episodes_asked)
    await kit.sync.sync_now()
    assert len(kit.remote.episodes_asked) == asked
    assert await kit.library.history() == []


async def test_a_refused_episode_is_asked_again_once_its_memo_is_old(
    kit: Kit, backend: FakeBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    title = phone_title(102)
    kit.remote.positions = {episode_id(102, 1): Timecode(episode_id(102, 1), 77.0)}
    await kit.account.sign_in("demo", "demo")
    await kit.sync.sync_now()  # not on the server yet: refused
    on_the_phone(kit, backend, title)
    await kit.sync.sync_now()
    assert await kit.library.saved(102, 1) is None
    monkeypatch.setattr(timecode_titles, "REFUSED_KEPT_S", 0.0)
    await kit.sync.sync_now()
    saved = await kit.library.saved(102, 1)
    assert saved is not None and saved.position == 77


async def test_failing_lookups_never_fail_the_sync_and_an_outage_is_retried(
    kit: Kit, backend: FakeBackend
) -> None:
    good, flaky = phone_title(103), phone_title(104)
    on_the_phone(kit, backend, good, e1=10.0)
    on_the_phone(kit, backend, flaky, e1=20.0)
    hostile = "../../accounts/users/me/profile"
    kit.remote.positions[hostile] = Timecode(hostile, 5.0)
    kit.remote.positions[episode_id(999, 1)] = Timecode(episode_id(999, 1), 5.0)  # 404
    kit.remote.lookup_failures[episode_id(104, 1)] = NetworkError("offline")
    await kit.account.sign_in("demo", "demo")
    report = await kit.sync.sync_now()
    assert report.progress_changed == 1
    assert await kit.library.saved(104, 1) is None
    await kit.sync.sync_now()  # an outage is not a refusal: asked again, and it lands
    saved = await kit.library.saved(104, 1)
    assert saved is not None and saved.position == 20
    assert hostile not in kit.remote.episodes_asked  # never sent
    assert kit.remote.episodes_asked.count(episode_id(999, 1)) == 1


async def test_a_catalogue_outage_leaves_the_timecode_for_the_next_sync(
    kit: Kit, backend: FakeBackend
) -> None:
    on_the_phone(kit, backend, phone_title(105), e3=900.0)
    backend.fail("brief_titles", NetworkError("offline"))
    await kit.account.sign_in("demo", "demo")
    report = await kit.sync.sync_now()
    assert report.progress_changed == 0 and await kit.library.saved(105, 3) is None
    report = await kit.sync.sync_now()
    saved = await kit.library.saved(105, 3)
    assert report.progress_changed == 1 and saved is not None and saved.position == 900
