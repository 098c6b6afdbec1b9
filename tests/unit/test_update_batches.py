"""A batch of live updates leaves the grid's list as taking them one by one would, in one
insert and one layout change."""

from __future__ import annotations

from pathlib import Path

from app.core import Title
from app.services.posters import PosterService
from app.services.tasks import TaskRunner
from app.ui.catalog.batch import plan_updates
from app.ui.catalog.model import CatalogModel
from tests.unit.fakes import FakeApiService, make_title


def one_by_one(shown: list[Title], titles: list[Title], to_front: bool) -> list[Title]:
    """The page's rule, a title at a time: no older than the top card, it goes on top."""
    shown = list(shown)
    for title in titles:
        if to_front and shown and title.updated >= shown[0].updated:
            shown = [title, *(t for t in shown if t.id != title.id)]
        else:
            shown = [title if t.id == title.id else t for t in shown]
    return shown


def batched(
    shown: list[Title], titles: list[Title], to_front: bool, posters: PosterService
) -> list[Title]:
    model = CatalogModel(posters)
    model.reset(shown)
    changes: list[str] = []
    model.rowsInserted.connect(lambda *_: changes.append("insert"))
    model.layoutChanged.connect(lambda *_: changes.append("layout"))
    model.rowsRemoved.connect(lambda *_: changes.append("remove"))
    model.take_updates(titles, to_front)
    assert len(changes) <= 2 and changes.count("remove") == 0  # one insert, one layout change
    return [item for item in model.items() if isinstance(item, Title)]


async def test_a_batch_ends_as_one_update_at_a_time_would(
    api: FakeApiService, tasks: TaskRunner, tmp_path: Path
) -> None:
    posters = PosterService(api, tasks, tmp_path / "posters")
    shown = [make_title(n, updated=100 - n) for n in range(1, 11)]  # newest first
    updates = [
        make_title(5, updated=200),  # a new episode: to the top
        make_title(8, "renamed", updated=50),  # older than the top: in place
        make_title(42, updated=300),  # not shown yet: on top
        make_title(5, "again", updated=300),  # on top again, before 42 (same time)
        make_title(42, "fresher", updated=250),  # older than the top now: stays second
        make_title(9, updated=10),
    ]
    for to_front in (True, False):
        expected = one_by_one(shown, updates, to_front)
        got = batched(shown, updates, to_front, posters)
        assert [(t.id, t.names.ru, t.updated) for t in got] == [
            (t.id, t.names.ru, t.updated) for t in expected
        ], to_front
    assert [t.id for t in batched(shown, updates, True, posters)[:3]] == [5, 42, 1]
    posters.close()


def test_an_empty_list_takes_no_card_to_the_top() -> None:
    assert plan_updates(None, [make_title(1, updated=5)], True) == (
        [],
        {1: make_title(1, updated=5)},
    )
