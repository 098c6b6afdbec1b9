"""The card list's rows (which Qt counts) and its items stay one: every change a view hears of
finds the cards it says, and Qt's own model checker finds nothing wrong through appends,
merges, batches of updates and resets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QtMsgType, qInstallMessageHandler
from PySide6.QtTest import QAbstractItemModelTester

from app.core import Title, YouTubeVideo
from app.services.posters import PosterService
from app.services.tasks import TaskRunner
from app.ui.catalog.model import CatalogModel, ItemRole
from tests.unit.fakes import FakeApiService, FakeBackend, make_title


@pytest.fixture
def model(tmp_path: Path) -> Iterator[CatalogModel]:
    posters = PosterService(FakeApiService(FakeBackend()), TaskRunner(), tmp_path)
    yield CatalogModel(posters)
    posters.close()


def ids(model: CatalogModel) -> list[int]:
    return [model.index(row).data(ItemRole).id for row in range(model.rowCount())]


def test_a_view_hears_of_each_change_with_the_cards_it_names(model: CatalogModel) -> None:
    heard: list[tuple[str, list[int]]] = []

    def rows(first: int, last: int) -> list[int]:
        return [model.index(row).data(ItemRole).id for row in range(first, last + 1)]

    # As a view would, connected after the model was made.
    model.rowsInserted.connect(lambda _p, a, b: heard.append(("in", rows(a, b))))
    model.rowsAboutToBeRemoved.connect(lambda _p, a, b: heard.append(("out", rows(a, b))))
    model.rowsMoved.connect(lambda _p, _a, _b, _d, row: heard.append(("moved", rows(row, row))))
    model.append([make_title(n) for n in (1, 2, 3)])
    model.append([make_title(n) for n in (4, 5)])
    assert heard == [("in", [1, 2, 3]), ("in", [4, 5])]
    heard.clear()
    model.merge([make_title(n) for n in (5, 1, 6, 3)])  # 2 and 4 gone, 5 up, 6 new
    assert ("out", [4]) in heard and ("out", [2]) in heard
    assert ("moved", [5]) in heard and ("in", [6]) in heard
    assert ids(model) == [5, 1, 6, 3] == [item.id for item in model.items()]


def test_qts_model_checker_finds_nothing_wrong(model: CatalogModel) -> None:
    complaints: list[str] = []

    def collect(kind: QtMsgType, _context: object, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg:
            complaints.append(message)

    previous = qInstallMessageHandler(collect)
    try:
        checker = QAbstractItemModelTester(
            model, QAbstractItemModelTester.FailureReportingMode.Warning
        )
        model.append([make_title(n, updated=100 - n) for n in range(1, 31)])
        model.append([make_title(n, updated=100 - n) for n in range(31, 61)])
        model.merge([make_title(n, updated=100 - n) for n in (3, 1, 2, 70, *range(4, 40))])
        model.take_updates([make_title(9, updated=500), make_title(80, updated=600)], True)
        model.take_updates([make_title(20, "renamed", updated=1)], True)
        model.reset([YouTubeVideo(id=1, title="a video", image="", timestamp=0)])
        model.reset([])
        del checker
    finally:
        qInstallMessageHandler(previous)
    assert complaints == []
    assert model.rowCount() == 0 and model.rowCount(model.index(0)) == 0
    assert not model.index(0).isValid() and model.data(QModelIndex()) is None


def test_a_batch_of_updates_leaves_rows_and_items_alike(model: CatalogModel) -> None:
    model.reset([make_title(n, updated=100 - n) for n in range(1, 11)])
    model.take_updates([make_title(42, updated=300), make_title(7, updated=400)], True)
    shown = [item.id for item in model.items() if isinstance(item, Title)]
    assert shown[:3] == [7, 42, 1] and len(shown) == 11
    assert ids(model) == shown
