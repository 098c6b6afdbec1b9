"""The table pages: YouTube videos, the team, tracker statistics. Columns sort on click."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QWidget,
)

from app.core import SeedStat, Team, TeamRole, YouTubeVideo
from app.core.sort import SeedStatsSort, SortOrder
from app.services.api import Feature
from app.services.catalog import CatalogService
from app.services.paged import PagedQuery
from app.services.posters import PosterService
from app.services.state import LoadState
from app.ui import accessible, labels
from app.ui.links import open_external
from app.ui.pages.base import Page
from app.ui.pages.title_page import TitleView
from app.ui.widgets.sortable_item import SortableItem, SortRole
from app.ui.widgets.state_panel import StatePanel

THUMBNAIL = QSize(160, 90)
RoleRole = Qt.ItemDataRole.UserRole + 1  # a team member's role (TeamRole)


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setSortingEnabled(True)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class PagedTablePage(Page):
    """A table fed by a paged query: rows are appended as the user scrolls to the end."""

    def __init__(self, query: PagedQuery, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = query
        self.table = _table(columns)
        self.state = StatePanel(self.table)
        self.body.addWidget(self.state, 1)
        query.reset.connect(lambda rows: self._fill(rows, replace=True))
        query.appended.connect(lambda rows: self._fill(rows, replace=False))
        query.state_changed.connect(self.state.show_state)
        self.state.retry_requested.connect(query.reload)
        self.table.verticalScrollBar().valueChanged.connect(self._check_end)

    def first_shown(self) -> None:
        if self.query.state is LoadState.IDLE:
            self.query.reload()

    def _check_end(self, value: int) -> None:
        if self.table.verticalScrollBar().maximum() - value < 200:
            self.query.load_more()

    def _fill(self, rows: list[object], replace: bool) -> None:
        sorting = self.table.isSortingEnabled()
        self.table.setSortingEnabled(False)
        if replace:
            self.table.setRowCount(0)
        for row in rows:
            self.add_row(self.table.rowCount(), row)
        self.table.setSortingEnabled(sorting)
        self.after_fill()

    def after_fill(self) -> None:
        """Runs after rows were added."""

    def add_row(self, index: int, row: object) -> None:
        raise NotImplementedError


class YouTubePage(PagedTablePage):
    def __init__(
        self, catalog: CatalogService, posters: PosterService, parent: QWidget | None = None
    ) -> None:
        super().__init__(catalog.youtube, 5, parent)
        self._posters = posters
        self._rows_by_url: dict[str, list[SortableItem]] = {}
        self.table.setIconSize(THUMBNAIL)
        self.table.verticalHeader().setDefaultSectionSize(THUMBNAIL.height() + 8)
        self.table.cellDoubleClicked.connect(self._open)
        self.table.cellClicked.connect(self._clicked)
        self.table.activated.connect(lambda index: self._open(index.row()))  # Enter
        posters.ready.connect(self._thumbnail_ready)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("YouTube"))
        accessible.name(self.table, self.heading.text(), self.tr("Enter: open on YouTube"))
        self.state.empty_text = self.tr("No videos yet")
        self.table.setHorizontalHeaderLabels(
            ["", self.tr("Video"), self.tr("Published"), self.tr("Views"), self.tr("Comments")]
        )

    def add_row(self, index: int, row: object) -> None:
        assert isinstance(row, YouTubeVideo)
        self.table.insertRow(index)
        thumbnail = SortableItem("", row.timestamp)
        thumbnail.setData(Qt.ItemDataRole.UserRole, row)
        thumbnail.setToolTip(self.tr("Open on YouTube"))
        thumbnail.setData(accessible.TextRole, thumbnail.toolTip())
        self._rows_by_url.setdefault(row.image, []).append(thumbnail)
        image = self._posters.image(row.image, THUMBNAIL)
        if image is not None:
            thumbnail.setIcon(QPixmap.fromImage(image))
        title = SortableItem(row.title, row.title.lower())
        title.setData(Qt.ItemDataRole.UserRole, row)
        cells = [
            thumbnail,
            title,
            SortableItem(labels.date(row.timestamp), row.timestamp),
            SortableItem(str(row.views), row.views),
            SortableItem(str(row.comments), row.comments),
        ]
        for column, cell in enumerate(cells):
            self.table.setItem(index, column, cell)

    def after_fill(self) -> None:
        # Older servers (2.8) send no views or comments: hide what would be columns of zeros.
        counted = any(
            (item := self.table.item(row, column)) is not None and item.data(SortRole)
            for row in range(self.table.rowCount())
            for column in (3, 4)
        )
        self.table.setColumnHidden(3, not counted)
        self.table.setColumnHidden(4, not counted)

    def _thumbnail_ready(self, url: str) -> None:
        items = self._rows_by_url.get(url)
        image = self._posters.image(url, THUMBNAIL) if items else None
        if image is not None and items:
            pixmap = QPixmap.fromImage(image)
            for item in items:
                item.setIcon(pixmap)

    def _clicked(self, row: int, column: int) -> None:
        if column == 0:  # the thumbnail opens the video, like on a web page
            self._open(row)

    def _open(self, row: int, *_: int) -> None:
        item = self.table.item(row, 1)
        video = item.data(Qt.ItemDataRole.UserRole) if item else None
        if isinstance(video, YouTubeVideo):
            open_external(video.url)


class SeedStatsPage(PagedTablePage):
    """Sorting by user, upload or download asks the server, so the order covers every user."""

    _SERVER_SORT: ClassVar[dict[int, SeedStatsSort]] = {
        0: SeedStatsSort.USER,
        1: SeedStatsSort.UPLOADED,
        2: SeedStatsSort.DOWNLOADED,
    }

    def __init__(self, catalog: CatalogService, parent: QWidget | None = None) -> None:
        super().__init__(catalog.seed_stats, 4, parent)
        self.catalog = catalog
        self.table.setSortingEnabled(False)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Tracker statistics"))
        accessible.name(self.table, self.heading.text())
        self.state.empty_text = self.tr("No statistics yet")
        self.table.setHorizontalHeaderLabels(
            [self.tr("User"), self.tr("Uploaded"), self.tr("Downloaded"), self.tr("Ratio")]
        )

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        by = self._SERVER_SORT.get(column)
        if by is None:  # the ratio is ours: sort what is loaded
            self.table.sortItems(column, order)
            return
        ascending = order == Qt.SortOrder.AscendingOrder
        self.catalog.sort_seed_stats(by, SortOrder.ASC if ascending else SortOrder.DESC)

    def add_row(self, index: int, row: object) -> None:
        assert isinstance(row, SeedStat)
        self.table.insertRow(index)
        cells = [
            SortableItem(row.user, row.user.lower()),
            SortableItem(labels.size(row.uploaded), row.uploaded),
            SortableItem(labels.size(row.downloaded), row.downloaded),
            SortableItem(f"{row.ratio:.2f}", row.ratio),
        ]
        for column, cell in enumerate(cells):
            self.table.setItem(index, column, cell)


class TeamPage(Page):
    """Enter (or a double-click) on a member: the search, filtered by them (where the API can)."""

    member_chosen = Signal(object, str)  # TeamRole, name

    def __init__(self, catalog: CatalogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = catalog.team
        self.table = _table(2)
        self.table.activated.connect(self._chosen)
        self.table.doubleClicked.connect(self._chosen)
        self._searchable = False
        self.state = StatePanel(self.table)
        self.body.addWidget(self.state, 1)
        self.query.loaded.connect(self._loaded)
        self.query.state_changed.connect(self.state.show_state)
        self.state.retry_requested.connect(self.query.reload)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Team"))
        accessible.name(self.table, self.heading.text())
        self.state.empty_text = self.tr("The team list is empty")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role")])
        if isinstance(self.query.value, Team):
            self._loaded(self.query.value)

    def first_shown(self) -> None:
        if self.query.state is LoadState.IDLE:
            self.query.reload()

    def apply_features(self, has: Callable[[Feature], bool]) -> None:
        self._searchable = has(Feature.TEAM_FILTERS)
        if isinstance(self.query.value, Team):
            self._loaded(self.query.value)  # the rows' hint follows

    def _chosen(self, index: QModelIndex) -> None:
        item = self.table.item(index.row(), 0)
        role = item.data(RoleRole) if item is not None else None  # a plain str through Qt
        if self._searchable and item is not None and role in set(TeamRole):
            self.member_chosen.emit(TeamRole(role), item.text())

    def _loaded(self, team: Team) -> None:
        self.table.setSortingEnabled(False)
        self.table.setRowCount(0)
        hint = self.tr("Enter or a double-click: their titles") if self._searchable else ""
        for order, role in enumerate(TeamRole):
            for name in team.members(role):
                row = self.table.rowCount()
                self.table.insertRow(row)
                member = SortableItem(name, name.lower())
                member.setData(RoleRole, role)
                member.setToolTip(hint)
                self.table.setItem(row, 0, member)
                self.table.setItem(row, 1, SortableItem(labels.role(role), order))
        self.table.setSortingEnabled(True)
        self.table.sortItems(1, Qt.SortOrder.AscendingOrder)


class RandomPage(Page):
    """A random title, with a button for another."""

    play_requested = Signal(object, object)

    def __init__(
        self, catalog: CatalogService, posters: PosterService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.query = catalog.random
        self.view = TitleView(posters)
        self.view.play_requested.connect(self.play_requested)
        self.another = QPushButton()
        self.another.clicked.connect(self.query.reload)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.view)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.state = StatePanel(scroller)
        self.body.addWidget(self.another, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.state, 1)
        self.query.loaded.connect(self.view.show_title)
        self.query.state_changed.connect(self.state.show_state)
        self.state.retry_requested.connect(self.query.reload)
        self.retranslate()

    def focus_target(self) -> QWidget:
        return self.another

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Random title"))
        self.another.setText(self.tr("Another one"))

    def first_shown(self) -> None:
        if self.query.state is LoadState.IDLE:
            self.query.reload()
