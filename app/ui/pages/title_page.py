"""A title's page: poster, names, facts, team, description, episodes and torrents."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core import Franchise, TeamRole, Title
from app.core.sanitize import plain_to_html, safe_link, sanitize_html
from app.services.api import Feature
from app.services.catalog import CatalogService
from app.services.posters import PosterService
from app.services.single import SingleQuery
from app.services.state import LoadState
from app.services.tasks import TaskRunner
from app.ui import accessible, labels
from app.ui.catalog.favourites import Favourites
from app.ui.downloads.source import DownloadsSource
from app.ui.focus import follow_current
from app.ui.links import open_external
from app.ui.pages.base import Page
from app.ui.pages.episode_actions import EpisodeActions
from app.ui.pages.episode_list import EpisodeList
from app.ui.pages.franchise_tiles import FranchiseTiles
from app.ui.pages.torrent_table import TorrentTable
from app.ui.widgets.auto_height import AutoHeightBrowser
from app.ui.widgets.centre_crop import centre_crop
from app.ui.widgets.glyphs import star_icon
from app.ui.widgets.list_chooser import ListChooser
from app.ui.widgets.plain_label import plain_label as _plain_label
from app.ui.widgets.state_panel import StatePanel

POSTER = QSize(280, 400)


class TitleView(QWidget):
    """Everything about one title; `show_title` can be called with a brief and then a full one."""

    play_requested = Signal(object, object)  # Title, Episode
    title_requested = Signal(object)  # Title: a related season was chosen

    def __init__(
        self,
        posters: PosterService,
        favourites: Favourites | None = None,
        parent: QWidget | None = None,
        downloads: DownloadsSource | None = None,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._posters = posters
        self._favourites = favourites
        self.title: Title | None = None
        self._build_favourite_button(favourites)
        self.list_chooser = ListChooser(favourites.lists if favourites is not None else None)
        posters.ready.connect(self._poster_ready)
        header = self._build_header()
        self._build_description()
        self._build_episodes(posters, downloads, tasks)
        self._build_torrents()
        self._build_franchise()

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        sections: list[QWidget] = [
            self.description_heading, self.description, self.episode_actions.bar, self.episodes,
            self.franchise_heading, self.franchise, self.torrents_heading, self.torrents,
        ]  # fmt: skip
        for section in sections:
            layout.addWidget(section)
        self._set_tab_order()
        self.retranslate()

    def _set_tab_order(self) -> None:
        """The actions, then the episodes, the other seasons and the torrents; the description
        (only its links take keys) last, so that Tab reaches the episodes soon."""
        actions = self.episode_actions
        chain: list[QWidget] = [
            self.favourite_button, self.list_chooser, self.alternative, actions.episode_button,
            actions.download_button, actions.delete_button, self.episodes, self.franchise,
            self.torrents, self.description,
        ]  # fmt: skip
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_favourite_button(self, favourites: Favourites | None) -> None:
        self.favourite_button = QPushButton()
        self.favourite_button.setObjectName("favouriteButton")
        self.favourite_button.setCheckable(True)
        self.favourite_button.clicked.connect(self._favourite_clicked)
        if favourites is None:  # hide() only: shown before it has a parent, it is a window
            self.favourite_button.hide()
        else:
            favourites.library.favourites_changed.connect(self._show_favourite)

    def _build_header(self) -> QHBoxLayout:
        """The poster beside the names, facts, team and actions."""
        self.poster = QLabel()
        self.poster.setFixedSize(POSTER)
        self.poster.setObjectName("titlePoster")
        self.poster.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_first = _plain_label("titleName")  # English first in English, else Russian
        self.name_second = _plain_label("titleSubName")  # the other language's
        self.name_alt = _plain_label("titleAltName")
        self.facts = _plain_label("titleFacts")
        self.genres = _plain_label()
        self.favourites = _plain_label()
        self.announce = _plain_label("titleAnnounce")
        self.blocked = _plain_label("titleBlocked")
        self.team_form = QFormLayout()
        self.team_labels = {role: _plain_label() for role in TeamRole}
        self.team_names = {role: _plain_label() for role in TeamRole}
        for role in TeamRole:
            self.team_form.addRow(self.team_labels[role], self.team_names[role])
        self.alternative = QPushButton()
        self.alternative.clicked.connect(self._open_alternative)
        info = QVBoxLayout()
        for widget in (self.name_first, self.name_second, self.name_alt, self.facts, self.genres,
                       self.favourites, self.announce, self.blocked):  # fmt: skip
            info.addWidget(widget)
        info.addLayout(self.team_form)
        actions = QHBoxLayout()
        actions.addWidget(self.favourite_button)
        actions.addWidget(self.list_chooser)
        actions.addWidget(self.alternative)
        actions.addStretch(1)
        info.addLayout(actions)
        info.addStretch(1)
        header = QHBoxLayout()
        header.addWidget(self.poster, 0, Qt.AlignmentFlag.AlignTop)
        header.addSpacing(20)
        header.addLayout(info, 1)
        return header

    def _build_description(self) -> None:
        self.description_heading = QLabel()
        self.description_heading.setObjectName("sectionHeading")
        self.description = AutoHeightBrowser()
        self.description.setObjectName("description")
        self.description.setOpenLinks(False)  # links go through open_external's checks
        self.description.setOpenExternalLinks(False)
        self.description.anchorClicked.connect(self._link_clicked)
        self.description.setFrameShape(QFrame.Shape.NoFrame)

    def _build_episodes(
        self, posters: PosterService, downloads: DownloadsSource | None, tasks: TaskRunner | None
    ) -> None:
        self.episodes = EpisodeList(posters)
        self.episodes.setObjectName("episodes")
        self.episode_actions = EpisodeActions(self.episodes, downloads, tasks, self)
        self.episode_actions.play_requested.connect(self.play_requested)
        self.episodes_heading = self.episode_actions.heading

    def _build_torrents(self) -> None:
        self.torrents_heading = QLabel()
        self.torrents_heading.setObjectName("sectionHeading")
        self.torrents = TorrentTable()

    def _build_franchise(self) -> None:
        """The other seasons of the franchise, as tiles (hidden until there are some)."""
        self.franchise_tiles = FranchiseTiles(self)
        self.franchise_tiles.title_requested.connect(self.title_requested)
        self.franchise_heading = self.franchise_tiles.heading
        self.franchise = self.franchise_tiles.grid
        self.show_franchises([])

    def retranslate(self) -> None:
        self.description_heading.setText(self.tr("Description"))
        self.episodes_heading.setText(self.tr("Episodes — double-click or Enter to watch"))
        self.episode_actions.retranslate()
        self.torrents_heading.setText(self.tr("Torrents"))
        accessible.name(self.description, self.description_heading.text())
        accessible.name(self.episodes, self.tr("Episodes"), self.tr("Enter: watch; menu key: more"))
        accessible.name(self.torrents, self.torrents_heading.text())
        self.alternative.setText(self.tr("Open the alternative player in the browser"))
        self._show_favourite()
        for role in TeamRole:
            self.team_labels[role].setText(labels.role(role) + ":")
        if self.title is not None:
            self.show_title(self.title)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()  # names too: English ones come first in English
        super().changeEvent(event)

    def show_title(self, title: Title) -> None:
        same = self.title is not None and self.title.id == title.id
        self.title = title
        self.name_first.setText(labels.name(title.names))
        self.name_second.setText(labels.second_name(title.names))
        self.name_alt.setText(title.names.alternative)
        for label in (self.name_second, self.name_alt):
            label.setVisible(bool(label.text()))
        season = " ".join(
            part for part in (labels.season(title.season.season),
                              str(title.season.year) if title.season.year else "") if part
        )  # fmt: skip
        facts = [title.type.full_label or labels.kind(title.type.kind), season,
                 labels.status(title.status, title.status_label), title.age_rating]  # fmt: skip
        self.facts.setText(" · ".join(part for part in facts if part))
        self.genres.setText(", ".join(title.genres))
        self.genres.setVisible(bool(title.genres))
        self.favourites.setText(
            self.tr("In favourites: %1").replace("%1", f"{title.in_favorites:,}".replace(",", " "))
        )
        self.favourites.setVisible(title.in_favorites > 0)
        self.announce.setText(title.announce)
        self.announce.setVisible(bool(title.announce))
        notices = []
        if title.blocked.geo:
            notices.append(self.tr("Blocked in Russia: the video may not play in your region."))
        if title.blocked.copyright:
            notices.append(self.tr("Taken down after a rights holder's complaint."))
        self.blocked.setText("\n".join(notices))
        self.blocked.setVisible(bool(notices))
        for role in TeamRole:
            members = title.team.members(role)
            self.team_names[role].setText(", ".join(members))
            self.team_labels[role].setVisible(bool(members))
            self.team_names[role].setVisible(bool(members))
        self.alternative.setVisible(bool(safe_link(title.player.alternative_player)))
        if title.description.html:
            self.description.setHtml(sanitize_html(title.description.html))
        else:
            self.description.setHtml(plain_to_html(title.description.text))
        self.episodes.show_episodes(title.player.episodes, keep_ticks=same)
        self.episode_actions.show_title(title)
        self.torrents.show_torrents(title.torrents.items)
        self.torrents_heading.setVisible(bool(title.torrents.items))
        self.torrents.setVisible(bool(title.torrents.items))
        self._show_poster()
        self._show_favourite()
        self.list_chooser.show_title(title)

    def _show_favourite(self) -> None:
        on = (
            self._favourites is not None
            and self.title is not None
            and self._favourites.is_favourite(self.title.id)
        )
        self.favourite_button.setChecked(on)
        self.favourite_button.setIcon(star_icon(on))
        self.favourite_button.setText(
            self.tr("In favourites") if on else self.tr("Add to favourites")
        )

    def _favourite_clicked(self, checked: bool) -> None:
        if self._favourites is not None and self.title is not None:
            self._favourites.set(self.title, checked)

    def show_franchises(self, franchises: list[Franchise]) -> None:
        """Related seasons, films and specials, in the franchise's order; this one marked."""
        self.franchise_tiles.show(franchises, self.title.id if self.title is not None else None)

    def mark_watched(self, title_id: int, watched: set[float]) -> None:
        """Ticks the episodes watched past 90 %."""
        if self.title is not None and self.title.id == title_id:
            self.episodes.mark_watched(watched)

    def _show_poster(self) -> None:
        if self.title is None:
            return
        ratio = self.poster.devicePixelRatioF()  # decoded for this screen's pixels
        image = self._posters.image(self.title.poster.best, POSTER, ratio)
        if image is None:
            self.poster.setPixmap(QPixmap())
            self.poster.setText(self.tr("Poster is loading…"))
        else:
            self._set_poster(image)

    def _set_poster(self, image: QImage) -> None:
        self.poster.setPixmap(centre_crop(image, POSTER))

    def _poster_ready(self, url: str) -> None:
        if self.title is not None and url == self.title.poster.best:
            self._show_poster()

    def _link_clicked(self, url: QUrl) -> None:
        open_external(url.toString())

    def _open_alternative(self) -> None:
        if self.title is not None:
            open_external(self.title.player.alternative_player)


class TitlePage(Page):
    """Shows a title at once from what the grid knew, then fills in the full details."""

    play_requested = Signal(object, object)

    def __init__(
        self,
        catalog: CatalogService,
        posters: PosterService,
        favourites: Favourites | None = None,
        parent: QWidget | None = None,
        downloads: DownloadsSource | None = None,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.query: SingleQuery = catalog.title_query(self)
        self.view = TitleView(posters, favourites, downloads=downloads, tasks=tasks)
        self.view.play_requested.connect(self.play_requested)
        self.view.title_requested.connect(self.open_title)
        self.franchises: SingleQuery = catalog.title_query(self.view)
        self.franchises.loaded.connect(self.view.show_franchises)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(self.view)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        for tiles in (self.view.episodes, self.view.franchise):
            follow_current(self.scroller, tiles)
        self.state = StatePanel(self.scroller)
        self.body.addWidget(self.state, 1)
        self.heading.hide()
        self.query.loaded.connect(self.view.show_title)
        self.query.loaded.connect(self._load_franchises)
        self.query.state_changed.connect(self._state_changed)
        self.state.retry_requested.connect(self.query.reload)
        self._code = ""

    def open_title(self, title: Title) -> None:
        self._code = title.code
        if self.view.title is None or self.view.title.id != title.id:
            self.view.show_franchises([])  # another title's franchise must not linger
        self.view.show_title(title)
        self.scroller.verticalScrollBar().setValue(0)
        code, title_id = title.code, title.id

        async def fetch() -> Title:
            return await self.catalog.title(code=code or None, id=title_id if not code else None)

        self.query.load(fetch)

    def focus_target(self) -> QWidget:
        return self.view.episodes

    def open_code(self, code: str) -> None:
        self._code = code

        async def fetch() -> Title:
            return await self.catalog.title(code=code)

        self.query.load(fetch)

    def _load_franchises(self, title: Title) -> None:
        if not self.catalog.supports(Feature.FRANCHISES):
            self.view.show_franchises([])
            return
        title_id = title.id

        async def fetch() -> list[Franchise]:
            return await self.catalog.franchises(title_id)

        self.franchises.load(fetch)

    def _state_changed(self, state: object, message: str) -> None:

        # A brief title is already on screen while the details load: keep it visible.
        if (
            state is LoadState.LOADING
            and self.view.title is not None
            and self.view.title.code == self._code
        ):
            return
        self.state.show_state(state, message)  # type: ignore[arg-type]

    def update_title(self, title: Title) -> None:
        if self.view.title is not None and self.view.title.id == title.id:
            self.query.reload()

    def playlist_changed(self, title_id: int) -> None:
        self.update_title(Title(id=title_id))
