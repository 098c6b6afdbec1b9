"""The user's library over a real SQLite file: favourites, progress, watched episodes, continue
watching, history, kept copies, and what survives a restart."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.core import Title
from app.services.library import LibraryService
from tests.unit.fakes import make_title


class Signals:
    """What the views bound to the library are told."""

    def __init__(self, library: LibraryService) -> None:
        self.favourites = 0
        self.progress: list[int] = []
        self.history = 0
        library.favourites_changed.connect(self._favourites)
        library.progress_changed.connect(self.progress.append)
        library.history_changed.connect(self._history)

    def _favourites(self) -> None:
        self.favourites += 1

    def _history(self) -> None:
        self.history += 1


@pytest.fixture
async def reopen(tmp_path: Path) -> AsyncIterator[type[LibraryService]]:
    """Opens the fixture's library file again, as the next start of the app would."""
    opened: list[LibraryService] = []

    class Reopened(LibraryService):
        def __init__(self) -> None:
            super().__init__(tmp_path / "library.sqlite3")
            opened.append(self)

    yield Reopened
    for library in opened:
        await library.close()


async def test_a_favourite_is_kept_across_restarts_until_removed(
    library: LibraryService, reopen: type[LibraryService]
) -> None:
    signals = Signals(library)
    title = make_title(5)
    await library.set_favourite(title, True)
    assert library.is_favourite(5) and signals.favourites == 1
    assert [t.id for t in await library.favourite_titles()] == [5]
    await library.close()
    again = reopen()
    await again.start()
    assert again.is_favourite(5)
    await again.set_favourite(title, False)
    assert not again.is_favourite(5) and await again.favourite_titles() == []


async def test_progress_is_saved_and_past_ninety_percent_the_episode_is_watched(
    library: LibraryService,
) -> None:
    signals = Signals(library)
    await library.record(5, 1, position=300, duration=1400)
    saved = await library.saved(5, 1)
    assert saved is not None and saved.position == 300 and not saved.watched
    await library.record(5, 1, position=1300, duration=1400)
    await library.record(5, 2, position=100, duration=1400)
    assert await library.watched(5) == {1.0}
    await library.record(5, 1, position=10, duration=1400)  # watching it again
    assert await library.watched(5) == {1.0}  # stays watched
    assert signals.progress == [5, 5, 5, 5]
    assert await library.saved(5, 3) is None


async def test_continue_watching_offers_where_to_go_on(library: LibraryService) -> None:
    for title_id in (1, 2, 3):
        await library.keep_title(make_title(title_id, episodes=3))
    await library.record(1, 2, position=500, duration=1400)  # half-way: resume it
    await library.record(2, 1, position=1390, duration=1400)  # finished: the next one
    await library.record(3, 3, position=1390, duration=1400)  # the last one: caught up
    items = {item.title.id: item for item in await library.continue_watching()}
    assert set(items) == {1, 2}
    assert (items[1].episode.number, items[1].position, items[1].duration) == (2, 500, 1400)
    assert (items[2].episode.number, items[2].position) == (2, 0.0)


async def test_history_lists_recent_first_and_can_be_forgotten(library: LibraryService) -> None:
    signals = Signals(library)
    await library.keep_title(make_title(1))
    await library.record(1, 1, position=60, duration=1400)
    await library.record(2, 4, position=60, duration=1400)  # details never kept
    history = await library.history()
    assert [(e.progress.title_id, e.progress.episode) for e in history] == [(2, 4), (1, 1)]
    assert history[0].title is None and history[1].title is not None
    await library.forget(2, 4)
    assert [e.progress.title_id for e in await library.history()] == [1]
    assert await library.saved(2, 4) is None
    await library.forget_all()
    assert await library.history() == [] and await library.continue_watching() == []
    assert signals.history == 2


async def test_a_kept_title_is_found_by_id_and_code_and_a_card_does_not_overwrite_it(
    library: LibraryService,
) -> None:
    full = make_title(7, "Полное", episodes=12)
    await library.keep_title(full)
    await library.keep_brief(make_title(7, "Карточка", episodes=0))  # a grid card: no episodes
    by_id = await library.kept_title(title_id=7)
    by_code = await library.kept_title(code="title-7")
    assert by_id is not None and by_code is not None
    assert by_id.value == by_code.value == full
    assert await library.kept_title(title_id=8) is None
    await library.keep_brief(make_title(8, "Карточка", episodes=0))  # with nothing richer kept
    card = await library.kept_title(title_id=8)
    assert card is not None and card.value.names.ru == "Карточка"


async def test_a_kept_page_comes_back_as_it_was(library: LibraryService) -> None:
    titles = [make_title(1), make_title(2)]
    await library.keep_page("updates:0:30", titles)
    kept = await library.kept_page("updates:0:30", list[Title])
    assert kept is not None and kept.value == titles and kept.fetched > 0
    assert await library.kept_page("updates:30:30", list[Title]) is None


async def test_an_episode_is_announced_once_even_after_a_restart(
    library: LibraryService, reopen: type[LibraryService]
) -> None:
    assert await library.mark_announced(5, 3)
    assert not await library.mark_announced(5, 3)
    assert await library.mark_announced(5, 4)
    await library.close()
    again = reopen()
    await again.start()
    assert not await again.mark_announced(5, 3)


async def test_export_then_import_brings_the_library_to_another_machine(
    library: LibraryService, tmp_path: Path
) -> None:
    await library.set_favourite(make_title(3), True)
    await library.record(3, 2, position=1390, duration=1400)
    exported = tmp_path / "export.json"
    await library.export_to(exported)
    other = LibraryService(tmp_path / "other.sqlite3")
    await other.start()
    try:
        signals = Signals(other)
        await other.import_from(exported)
        assert other.is_favourite(3) and await other.watched(3) == {2.0}
        assert signals.favourites == 1 and signals.history == 1
    finally:
        await other.close()
