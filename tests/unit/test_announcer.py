"""Which new episodes are announced, each once, and how a burst of them becomes one announcement.

A rejected event leaves no trace to wait for, so each test ends with an event that is announced:
events are handled in the order they come, so when that one is out, the earlier ones had their
chance. Burst timing runs on patched constants, not on the app's seconds."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.api import NotFoundError
from app.core import Episode, Player, PlaylistUpdated, Title
from app.services import announcer as announcer_module
from app.services.announcer import Announcement, Announcer, subscriptions_for
from app.services.library import LibraryService
from app.services.settings import SettingsStore
from app.services.tasks import TaskRunner
from tests.qt_loop import until
from tests.unit.fakes import make_title

TITLES = {
    1: make_title(1, "Весенний", year=2024, genres=("Романтика",)),
    2: make_title(2, "Осенний", year=2023, genres=("Драма", "Романтика")),
    3: make_title(3, "Зимний", year=2024, genres=("Драма",)),
}


class Lookup:
    """The title details an announcement names; unknown ids fail as the server would."""

    async def __call__(self, title_id: int) -> Title:
        if title_id not in TITLES:
            raise NotFoundError(404, "Тайтл не найден")
        return TITLES[title_id]


def event(title_id: int, episode: float, digest: str = "", reupload: bool = False,
          ) -> PlaylistUpdated:  # fmt: skip
    return PlaylistUpdated(
        hash=digest or f"{title_id}-{episode}",
        title_id=title_id,
        episode=episode,
        player=Player(episodes=(Episode(number=episode, name=f"Серия {episode:g}"),)),
        reupload=reupload,
    )


@pytest.fixture(autouse=True)
def one_long_burst(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unless a test says otherwise, a burst outlasts the test and is never refreshed on a
    timer: only its first announcement goes out."""
    monkeypatch.setattr(announcer_module, "BURST_QUIET_S", 3600.0)
    monkeypatch.setattr(announcer_module, "UPDATE_EVERY_S", 3600.0)


@pytest.fixture
async def announcer(
    settings: SettingsStore, library: LibraryService, tasks: TaskRunner
) -> AsyncIterator[Announcer]:
    service = Announcer(settings, library, tasks, Lookup())
    yield service
    service.deleteLater()


def recorded(announcer: Announcer) -> list[Announcement]:
    seen: list[Announcement] = []
    announcer.announced.connect(seen.append)
    return seen


def episodes(announcer: Announcer) -> list[tuple[int, float]]:
    """What the tray's menu lists, oldest first."""
    return [(item.title.id, item.episode.number) for item in reversed(announcer.recent)]


async def offer_and_settle(announcer: Announcer, *events: PlaylistUpdated,
                           last: PlaylistUpdated) -> None:  # fmt: skip
    """Offers the events, then one that is announced, and waits for that one."""
    for one in events:
        announcer.offer(one)
    announcer.offer(last)
    await until(lambda: announcer.recent and announcer.recent[0].title.id == last.title_id
                and announcer.recent[0].episode.number == last.episode)  # fmt: skip


async def test_a_new_episode_is_announced_with_its_title(announcer: Announcer) -> None:
    seen = recorded(announcer)
    announcer.offer(event(1, 5))
    await until(lambda: seen)
    assert len(seen) == 1 and len(seen[0].items) == 1
    item = seen[0].items[0]
    assert item.title.names.ru == "Весенний" and item.episode.name == "Серия 5"


async def test_duplicates_reuploads_and_empty_events_are_not_announced(
    announcer: Announcer,
) -> None:
    announcer.offer(event(1, 5, digest="same"))
    await offer_and_settle(
        announcer,
        event(1, 5, digest="same"),  # the server sent it twice
        event(1, 5, digest="other-hash"),  # the same episode again, under another hash
        event(2, 6, reupload=True),
        PlaylistUpdated(hash="no-episode", title_id=3, episode=None, player=Player()),
        last=event(3, 7),
    )
    assert episodes(announcer) == [(1, 5), (3, 7)]


async def test_an_episode_announced_before_a_restart_is_not_announced_again(
    tmp_path: Path, settings: SettingsStore, tasks: TaskRunner
) -> None:
    heard = []
    for run, last in enumerate((event(2, 9), event(2, 10))):
        library = LibraryService(tmp_path / "restarted.sqlite3")
        await library.start()
        announcer = Announcer(settings, library, tasks, Lookup())
        await offer_and_settle(announcer, event(1, 5, digest=f"run-{run}"), last=last)
        heard.append(episodes(announcer))
        await library.close()
    assert heard == [[(1, 5), (2, 9)], [(2, 10)]]  # the first run announced episode 5


async def test_nothing_is_announced_while_announcements_are_off(
    announcer: Announcer, settings: SettingsStore
) -> None:
    settings.set("notifications", False)
    announcer.offer(event(1, 5))
    settings.set("notifications", True)
    await offer_and_settle(announcer, last=event(2, 6))
    assert episodes(announcer) == [(2, 6)]


async def test_favourites_mode_announces_only_favourites(
    announcer: Announcer, settings: SettingsStore, library: LibraryService
) -> None:
    settings.set("announce", "favourites")
    await library.set_favourite(TITLES[2], True)
    await offer_and_settle(announcer, event(1, 5), event(3, 1), last=event(2, 6))
    assert episodes(announcer) == [(2, 6)]


async def test_filters_mode_announces_the_year_and_genre_asked_for(
    announcer: Announcer, settings: SettingsStore
) -> None:
    settings.set("announce", "filters")
    settings.set("announce_year", 2024)
    settings.set("announce_genre", "драма")  # any case
    assert subscriptions_for(settings) == [{"season": {"year": 2024}, "genres": ["драма"]}]
    await offer_and_settle(announcer, event(1, 5), event(2, 6), last=event(3, 7))
    assert episodes(announcer) == [(3, 7)]


async def test_a_title_without_details_is_announced_by_its_id(
    announcer: Announcer, settings: SettingsStore
) -> None:
    settings.set("announce", "filters")
    settings.set("announce_year", 2024)
    seen = recorded(announcer)
    announcer.offer(event(404, 2))  # the details cannot be had: nothing to filter by
    await until(lambda: seen)
    assert seen[0].items[0].title.id == 404 and seen[0].items[0].episode.number == 2


async def test_a_burst_goes_out_at_once_then_as_one_announcement_updated_in_place(
    announcer: Announcer, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = recorded(announcer)
    announcer.offer(event(1, 1))
    await until(lambda: seen)
    assert [len(a.items) for a in seen] == [1]  # the first one at once
    monkeypatch.setattr(announcer_module, "UPDATE_EVERY_S", 0.01)
    for number in range(2, 6):
        announcer.offer(event(1, number))
    await until(lambda: len(seen[-1].items) == 5)
    assert {a.burst for a in seen} == {seen[0].burst}  # one notification, replaced in place
    assert [i.episode.number for i in seen[-1].items] == [1, 2, 3, 4, 5]  # newest last
    assert all(a.items == seen[-1].items[: len(a.items)] for a in seen)  # it only grows


async def test_after_a_quiet_pause_the_next_episode_starts_a_new_burst(
    announcer: Announcer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(announcer_module, "BURST_QUIET_S", 0.01)
    seen = recorded(announcer)
    announcer.offer(event(1, 1))
    await until(lambda: seen)
    await asyncio.sleep(0.05)  # the (patched) quiet pause, and more: its timer fires first
    announcer.offer(event(2, 1))  # within a burst this would wait an hour for its refresh
    await until(lambda: len(seen) == 2)
    assert seen[1].burst == seen[0].burst + 1 and len(seen[1].items) == 1


async def test_a_burst_ends_with_its_last_word(
    announcer: Announcer, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = recorded(announcer)
    announcer.offer(event(1, 1))
    await until(lambda: seen)
    for number in (2, 3):
        announcer.offer(event(1, number))
    await until(lambda: len(announcer.recent) == 3)
    assert len(seen) == 1  # no refresh before the burst is over (its timer is an hour)
    monkeypatch.setattr(announcer_module, "BURST_QUIET_S", 0.01)
    announcer.offer(event(1, 4))  # restarts the quiet pause, now short
    await until(lambda: len(seen) == 2)
    assert [i.episode.number for i in seen[1].items] == [1, 2, 3, 4]
    assert seen[1].burst == seen[0].burst
