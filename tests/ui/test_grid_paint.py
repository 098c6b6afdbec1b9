"""What the card grid paints when a few cards change (posters come in a few at a time): those
cards, not every card between them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect
from PySide6.QtGui import QPainter, QPaintEvent, QRegion
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from app.services.posters import PosterService
from app.services.tasks import TaskRunner
from app.ui.catalog.delegate import CARD_SIZE, CardDelegate
from app.ui.catalog.grid import CatalogGrid, paint_parts
from app.ui.catalog.model import CatalogModel, PosterRole
from app.ui.i18n import install_language
from tests.unit.fakes import FakeApiService, FakeBackend, make_title


class CountingDelegate(CardDelegate):
    """Paints cards as the grid's own delegate does, and notes which rows it painted."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.rows: list[int] = []

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.rows.append(index.row())
        super().paint(painter, option, index)


@pytest.fixture
def grid(tmp_path: Path) -> Iterator[CatalogGrid]:
    app = QApplication.instance() or QApplication([])
    install_language("ru")
    posters = PosterService(FakeApiService(FakeBackend()), TaskRunner(), tmp_path)
    model = CatalogModel(posters)  # the titles have no posters: each card its placeholder
    model.append([make_title(n) for n in range(1, 61)])
    view = CatalogGrid(model)
    view.resize(CARD_SIZE.width() * 5 + 40, CARD_SIZE.height() * 3)
    view.show()
    view.doItemsLayout()  # now, not at its timer: that would repaint every card once more
    app.processEvents()
    yield view
    view.hide()
    view.deleteLater()
    app.processEvents()
    posters.close()


def test_two_cards_far_apart_repaint_only_themselves(grid: CatalogGrid) -> None:
    delegate = CountingDelegate(grid)
    grid.setItemDelegate(delegate)
    grid.doItemsLayout()  # a new delegate lays the cards out again; now, not at its timer
    grid.viewport().repaint()
    shown = sorted(set(delegate.rows))
    assert len(shown) >= 12  # three rows of cards on screen
    first, last = shown[0], shown[-1]
    model = grid.catalog_model()
    delegate.rows.clear()
    for row in (first, last):  # two posters in within one turn, as the poster service tells it
        model.dataChanged.emit(model.index(row), model.index(row), [PosterRole])
    QApplication.processEvents()
    assert sorted(set(delegate.rows)) == [first, last]


def test_a_region_is_split_only_where_that_saves_cards() -> None:
    apart = QRegion(QRect(0, 0, 100, 100)).united(QRect(800, 600, 100, 100))
    assert [part.rect() for part in paint_parts(QPaintEvent(apart))] == [
        QRect(0, 0, 100, 100),
        QRect(800, 600, 100, 100),
    ]
    mostly = QRegion(QRect(0, 0, 900, 700)).united(QRect(850, 650, 100, 100))
    assert len(paint_parts(QPaintEvent(mostly))) == 1
    many = QRegion()
    for n in range(20):
        many = many.united(QRect(n * 50, n * 40, 10, 10))
    assert len(paint_parts(QPaintEvent(many))) == 1
    assert len(paint_parts(QPaintEvent(QRect(0, 0, 10, 10)))) == 1


def counted(grid: CatalogGrid) -> CountingDelegate:
    """The grid painting through a CountingDelegate, laid out and painted once, none counted."""
    delegate = CountingDelegate(grid)
    grid.setItemDelegate(delegate)
    grid.doItemsLayout()
    grid.viewport().repaint()
    delegate.rows.clear()
    return delegate


def laid_out_again(grid: CatalogGrid, rows: int) -> None:
    """Until the grid has laid out its `rows` cards, then its paints are done."""
    model = grid.catalog_model()
    QApplication.processEvents()
    assert grid.visualRect(model.index(rows - 1)).isValid()
    QApplication.processEvents()  # the paints that layout asked for


def test_a_page_appended_below_the_view_repaints_no_card_on_screen(grid: CatalogGrid) -> None:
    delegate = counted(grid)
    bar = grid.verticalScrollBar()
    before = bar.maximum()
    grid.catalog_model().append([make_title(n) for n in range(61, 91)])
    laid_out_again(grid, 90)
    assert bar.maximum() > before  # the new cards are laid out, below the view
    assert delegate.rows == []


def test_cards_appended_into_view_are_painted(grid: CatalogGrid) -> None:
    model = grid.catalog_model()
    model.reset([make_title(n) for n in range(1, 4)])  # a short list: most of the view empty
    laid_out_again(grid, 3)
    delegate = counted(grid)
    model.append([make_title(n) for n in range(4, 9)])
    laid_out_again(grid, 8)
    assert set(range(3, 8)) <= set(delegate.rows)  # each new card on screen


def test_a_scrolled_grid_repaints_what_moved_when_cards_come(grid: CatalogGrid) -> None:
    bar = grid.verticalScrollBar()
    bar.setValue(bar.maximum())
    delegate = counted(grid)
    model = grid.catalog_model()
    model.merge([make_title(n) for n in range(2, 62)])  # one card gone at the top, one new
    laid_out_again(grid, 60)
    assert delegate.rows  # every card on screen moved a place: painted again


@pytest.mark.parametrize("change", ["poster", "favourites"])
def test_a_card_changed_as_a_page_is_appended_is_painted(grid: CatalogGrid, change: str) -> None:
    """Between an append and its layout Qt paints no change itself: the partial repaint after
    the layout must still show a poster (or a star) that came meanwhile."""
    delegate = counted(grid)
    model = grid.catalog_model()
    model.append([make_title(n) for n in range(61, 91)])  # a page below the view
    if change == "poster":
        model.dataChanged.emit(model.index(0), model.index(0), [PosterRole])
    else:
        model.favourites_changed()
    laid_out_again(grid, 90)
    assert 0 in delegate.rows


def test_cards_changed_across_lines_as_a_page_is_appended_are_all_painted(
    grid: CatalogGrid,
) -> None:
    """A change from the middle of one line of cards to the middle of the next covers the
    cards beside them too, not only the columns between its two ends."""
    delegate = counted(grid)
    model = grid.catalog_model()
    columns = grid.viewport().width() // grid.visualRect(model.index(0)).width()
    first, last = columns - 2, columns + 1  # the line's last cards, the next line's first ones
    model.append([make_title(n) for n in range(61, 91)])  # a page below the view
    model.dataChanged.emit(model.index(first), model.index(last), [PosterRole])
    laid_out_again(grid, 90)
    assert set(range(first, last + 1)) <= set(delegate.rows)
