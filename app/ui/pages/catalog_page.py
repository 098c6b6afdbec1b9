"""A grid of titles (or feed entries) backed by a paged query: New episodes, Changes, Feed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.core import Title, YouTubeVideo
from app.services.paged import PagedQuery
from app.services.posters import PosterService
from app.services.state import LoadState
from app.ui import accessible
from app.ui.catalog.favourites import Favourites
from app.ui.catalog.grid import CatalogGrid
from app.ui.catalog.model import CatalogModel
from app.ui.pages.base import Page
from app.ui.widgets.state_panel import StatePanel


class MoreFailedBar(QWidget):
    """A slim notice under the grid when a further page failed; the grid stays as it was."""

    retry = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton()
        self.button.clicked.connect(self.retry)
        self.button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()


class PagedGrid:
    """A grid, its state panel and its 'more failed' bar, all bound to one paged query."""

    def __init__(
        self,
        query: PagedQuery,
        posters: PosterService,
        owner: QWidget,
        favourites: Favourites | None = None,
    ) -> None:
        self.model = CatalogModel(posters, owner, favourites.is_favourite if favourites else None)
        self.grid = CatalogGrid(self.model)
        if favourites is not None:
            favourites.bind(self.model, self.grid)
        self.state = StatePanel(self.grid)
        self.more_failed = MoreFailedBar()
        # What the query shows already: a warm start's kept first page, or the start page's
        # answer when it came while the window was built.
        self.model.reset(query.shown)
        query.reset.connect(self.model.reset)
        query.refreshed.connect(self.model.merge)  # a kept first page, now answered
        query.appended.connect(self.model.append)
        query.state_changed.connect(self.state.show_state)
        query.more_failed.connect(self.more_failed.show_message)
        self.more_failed.retry.connect(query.load_more)
        self.state.retry_requested.connect(query.reload)
        self.grid.near_end.connect(query.load_more)


class CatalogPage(Page):
    title_activated = Signal(object)  # Title

    def __init__(
        self,
        query: PagedQuery,
        posters: PosterService,
        heading: Callable[[], str],
        empty_text: Callable[[], str],
        favourites: Favourites | None = None,
        header: QWidget | None = None,
        parent: QWidget | None = None,
        newest_first: bool = False,
    ) -> None:
        super().__init__(parent)
        self.query = query
        self._newest_first = newest_first  # a title with a new episode moves to the front
        self._heading = heading
        self._empty_text = empty_text
        paged = PagedGrid(query, posters, self, favourites)
        if header is not None:  # e.g. the continue-watching shelf above the start page's grid
            self.body.addWidget(header)
        self.model, self.grid, self.state = paged.model, paged.grid, paged.state
        self.more_failed = paged.more_failed
        self.body.addWidget(self.state, 1)
        self.body.addWidget(self.more_failed)
        self.grid.title_activated.connect(self.title_activated)
        self.grid.video_activated.connect(self._open_video)
        self.retranslate()
        self.state.show_state(query.state, query.message)  # the query may have started already

    def retranslate(self) -> None:
        self.heading.setText(self._heading())
        accessible.name(self.grid, self._heading())
        self.state.empty_text = self._empty_text()
        self.more_failed.button.setText(self.tr("Try again"))
        self.state.show_state(self.query.state, self.query.message)

    def first_shown(self) -> None:
        if self.query.state is LoadState.IDLE:
            self.query.reload()

    def focus_target(self) -> QWidget:
        return self.grid

    @staticmethod
    def _open_video(video: YouTubeVideo) -> None:
        from app.ui.links import open_external  # the HTML sanitiser: not with the first page

        open_external(video.url)

    def update_title(self, title: Title) -> None:
        self.update_titles([title])

    def update_titles(self, titles: Sequence[Title]) -> None:
        # A new episode puts its title first in "New episodes"; elsewhere cards change in place.
        self.model.take_updates(titles, to_front=self._newest_first)
