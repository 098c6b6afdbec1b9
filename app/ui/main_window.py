"""The main window: a navigation rail on the left, the chosen page on the right."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core import Episode, PlaylistUpdated, Title, TitleUpdated
from app.core.deep_link import DeepLink
from app.services.api import ApiKind, Feature
from app.services.context import AppServices
from app.services.library import ContinueItem
from app.services.state import LoadState
from app.ui import labels
from app.ui.catalog.favourites import Favourites
from app.ui.i18n import install_language
from app.ui.library_files import LibraryFiles
from app.ui.pages.base import Page
from app.ui.pages.catalog_page import CatalogPage
from app.ui.pages.continue_shelf import ContinueShelf
from app.ui.pages.favourites_page import FavouritesPage
from app.ui.pages.history_page import HistoryPage
from app.ui.pages.schedule_page import SchedulePage
from app.ui.pages.search_page import SearchPage
from app.ui.pages.tables import RandomPage, SeedStatsPage, TeamPage, YouTubePage
from app.ui.pages.title_page import TitlePage
from app.ui.player_pane import PlayerPane
from app.ui.settings_dialog import SettingsDialog
from app.ui.widgets.banner import Banner

if TYPE_CHECKING:
    from app.ui.media_controls import MediaControls

log = logging.getLogger(__name__)


translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


PageT = TypeVar("PageT", bound=Page)


class MainWindow(QMainWindow):
    play_requested = Signal(object, object)  # Title, Episode
    quit_requested = Signal()
    news_clicked = Signal()  # the in-app notice of new episodes was clicked
    demo_requested = Signal()  # "Open the demo" on an offline first start: restart into it

    # The rail's rows, top to bottom.
    ROWS: ClassVar[dict[str, int]] = {
        "updates": 0, "favourites": 1, "history": 2, "changes": 3, "feed": 4, "search": 5,
        "schedule": 6, "random": 7, "youtube": 8, "team": 9, "stats": 10,
    }  # fmt: skip

    def __init__(
        self, services: AppServices, parent: QWidget | None = None, offer_demo: bool = False
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.offer_demo = offer_demo  # offline with nothing kept: offer the built-in demo
        self.keep_running_in_tray = False  # set by the tray when it exists
        catalog, posters, library = services.catalog, services.posters, services.library
        self.favourites = Favourites(library, services.tasks)
        self.shelf: ContinueShelf | None = None
        # Pages are built when first opened: start-up pays only for the first one.
        self._factories: list[tuple[Callable[[], str], Callable[[], Page]]] = [
            (lambda: translate("MainWindow", "New episodes"),
             lambda: CatalogPage(catalog.updates, posters,
                                 lambda: translate("MainWindow", "New episodes"),
                                 lambda: translate("MainWindow", "No new episodes"),
                                 self.favourites, self._make_shelf())),
            (lambda: translate("MainWindow", "Favourites"),
             lambda: FavouritesPage(library, catalog, posters, services.tasks)),
            (lambda: translate("MainWindow", "History"),
             lambda: HistoryPage(library, services.tasks)),
            (lambda: translate("MainWindow", "Changes"),
             lambda: CatalogPage(catalog.changes, posters,
                                 lambda: translate("MainWindow", "Changes"),
                                 lambda: translate("MainWindow", "No changes"),
                                 self.favourites)),
            (lambda: translate("MainWindow", "Feed"),
             lambda: CatalogPage(catalog.feed, posters,
                                 lambda: translate("MainWindow", "Feed"),
                                 lambda: translate("MainWindow", "The feed is empty"),
                                 self.favourites)),
            (lambda: translate("MainWindow", "Search"),
             lambda: SearchPage(services.search, catalog, posters, self.favourites)),
            (lambda: translate("MainWindow", "Schedule"), lambda: SchedulePage(catalog, posters)),
            (lambda: translate("MainWindow", "Random"), lambda: RandomPage(catalog, posters)),
            (lambda: translate("MainWindow", "YouTube"), lambda: YouTubePage(catalog, posters)),
            (lambda: translate("MainWindow", "Team"), lambda: TeamPage(catalog)),
            (lambda: translate("MainWindow", "Tracker stats"), lambda: SeedStatsPage(catalog)),
        ]  # fmt: skip
        self._pages: dict[int, Page] = {}
        self._title_page: TitlePage | None = None
        self._player: PlayerPane | None = None
        self.media_controls: MediaControls | None = None  # with the player
        self._before_player: QWidget | None = None
        self.stack = QStackedWidget()
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(220)
        for _ in self._factories:
            self.navigation.addItem(QListWidgetItem())
        self.navigation.currentRowChanged.connect(self._navigate)

        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.go_back)
        self.back_button.hide()
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.go_back)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.go_back)
        self.settings_button = QPushButton()
        self.settings_button.setObjectName("railButton")
        self.settings_button.clicked.connect(self.open_settings)
        brand = QLabel("Libria")
        brand.setObjectName("brand")
        rail = QVBoxLayout()
        rail.setContentsMargins(0, 0, 0, 12)
        rail.addWidget(brand)
        rail.addWidget(self.navigation, 1)
        rail.addWidget(self.settings_button)
        rail_widget = QWidget()
        rail_widget.setLayout(rail)
        rail_widget.setObjectName("rail")
        self.rail = rail_widget
        self.offline_banner = Banner("offline")
        self.offline_banner.action.connect(services.connectivity.retry_now)
        self.warning_banner = Banner("warning", closable=True)
        self.news_banner = Banner("news", closable=True)
        self.news_banner.action.connect(self.news_clicked)
        self.news_banner.action.connect(self.news_banner.hide)
        services.connectivity.changed.connect(self._connectivity_changed)
        services.connectivity.restored.connect(self._reload_everything)
        services.updates.title_updated.connect(self.apply_title_update)
        services.updates.playlist_updated.connect(self.apply_playlist_update)
        services.playback.requested.connect(self._show_player)
        services.playback.failed.connect(self._playback_failed)
        services.playback.title_instead.connect(self.open_title)
        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(0)
        content.addWidget(self.offline_banner)
        content.addWidget(self.warning_banner)
        content.addWidget(self.news_banner)
        content.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        content.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(rail_widget)
        layout.addLayout(content, 1)
        self.setCentralWidget(central)
        self.files = LibraryFiles(services.library, services.tasks, self)
        self._build_menu()
        self._fit_to_screen(QSize(1320, 860))
        self._previous_row = 0
        services.settings.changed.connect(self._setting_changed)
        services.api.client_changed.connect(self._reload_everything)
        services.api.client_changed.connect(self._apply_features)
        self.retranslate()
        self._apply_features()
        self._tell_about_library()
        self.navigation.setCurrentRow(0)

    # ----- pages, built on first use -----

    def page(self, row: int) -> Page:
        page = self._pages.get(row)
        if page is None:
            page = self._factories[row][1]()
            if isinstance(page, CatalogPage | SearchPage | SchedulePage | FavouritesPage):
                page.title_activated.connect(self.open_title)
            if isinstance(page, CatalogPage) and self.offer_demo:
                page.state.offer_demo(True)
                page.state.demo_requested.connect(self.demo_requested)
            if isinstance(page, HistoryPage):
                page.resume_requested.connect(self.resume)
            if isinstance(page, RandomPage):
                page.play_requested.connect(self._play)
            self._pages[row] = page
            self.stack.addWidget(page)
            if isinstance(page, SearchPage):
                self._apply_features()
        return page

    @property
    def page_count(self) -> int:
        return len(self._factories)

    @property
    def updates_page(self) -> CatalogPage:
        return self._typed("updates", CatalogPage)

    @property
    def favourites_page(self) -> FavouritesPage:
        return self._typed("favourites", FavouritesPage)

    @property
    def history_page(self) -> HistoryPage:
        return self._typed("history", HistoryPage)

    @property
    def changes_page(self) -> CatalogPage:
        return self._typed("changes", CatalogPage)

    @property
    def feed_page(self) -> CatalogPage:
        return self._typed("feed", CatalogPage)

    @property
    def search_page(self) -> SearchPage:
        return self._typed("search", SearchPage)

    @property
    def schedule_page(self) -> SchedulePage:
        return self._typed("schedule", SchedulePage)

    @property
    def random_page(self) -> RandomPage:
        return self._typed("random", RandomPage)

    @property
    def youtube_page(self) -> YouTubePage:
        return self._typed("youtube", YouTubePage)

    @property
    def team_page(self) -> TeamPage:
        return self._typed("team", TeamPage)

    @property
    def stats_page(self) -> SeedStatsPage:
        return self._typed("stats", SeedStatsPage)

    def _typed(self, key: str, kind: type[PageT]) -> PageT:
        page = self.page(self.ROWS[key])
        assert isinstance(page, kind)
        return page

    @property
    def title_page(self) -> TitlePage:
        if self._title_page is None:
            self._title_page = TitlePage(
                self.services.catalog, self.services.posters, self.favourites
            )
            self._title_page.play_requested.connect(self._play)
            self._title_page.query.loaded.connect(self._mark_watched)
            self.stack.addWidget(self._title_page)
        return self._title_page

    @property
    def player(self) -> PlayerPane:
        """The player pane, created on first use (libmpv loads only then)."""
        if self._player is None:
            from app.ui.media_controls import MediaControls  # D-Bus loads with the player

            self._player = PlayerPane(self.services.playback)
            self._player.fullscreen_toggled.connect(self._set_fullscreen)
            self.media_controls = MediaControls(
                self.services.playback, self.services.posters, self.services.tasks,
                self.bring_to_front, self.quit_requested.emit,
            )  # fmt: skip
            self.stack.addWidget(self._player)
        return self._player

    def play(self, title: Title, episode: Episode) -> None:
        self.services.playback.play(title, episode)

    def _show_player(self) -> None:
        """Whoever asked the session to play (a page, the tray, MPRIS, a link), the player shows."""
        current = self.stack.currentWidget()
        if current is not self._player:
            self._before_player = current
        self.stack.setCurrentWidget(self.player)
        self.back_button.show()

    def _playback_failed(self, message: str) -> None:
        if self.stack.currentWidget() is not self._player:  # the pane shows its own failures
            text = translate("MainWindow", "Cannot open the title: %1").replace("%1", message)
            self.statusBar().showMessage(text, 8000)

    def open_link(self, link: DeepLink) -> None:
        if link.action == "title":
            self._open_code(link.code)
        else:
            self.play_code(link.code, link.episode)

    def _open_code(self, code: str) -> TitlePage:
        page = self.title_page
        page.open_code(code)
        self.stack.setCurrentWidget(page)
        self.back_button.show()
        return page

    def play_code(self, code: str, episode_number: float | None) -> None:
        """The deep link: open a title by code and play an episode (the first by default)."""
        page = self._open_code(code)

        def loaded(title: Title) -> None:
            page.query.loaded.disconnect(loaded)
            self.services.playback.play_number(title, episode_number)

        page.query.loaded.connect(loaded)

    def _make_shelf(self) -> ContinueShelf:
        shelf = ContinueShelf(self.services.library, self.services.posters, self.services.tasks)
        shelf.resume_requested.connect(self.resume_item)
        shelf.refresh()
        self.shelf = shelf
        return shelf

    def resume_item(self, item: ContinueItem) -> None:
        self.resume(item.title.id, item.episode.number)

    def resume(self, title_id: int, episode_number: float) -> None:
        self.services.playback.resume(title_id, episode_number)

    # ----- live updates -----

    def apply_title_update(self, event: TitleUpdated) -> None:
        """A title changed on the server: every view that shows it takes the new copy."""
        title = event.title
        for row, page in self._pages.items():
            if row == self.ROWS["updates"] and isinstance(page, CatalogPage):
                top = page.model.items()[:1]
                if top and isinstance(top[0], Title) and title.updated >= top[0].updated:
                    page.model.move_to_front(title)  # a new episode: first in "New episodes"
                    continue
            if isinstance(page, CatalogPage | SearchPage | FavouritesPage):
                page.model.replace_title(title)
        if self._title_page is not None:
            self._title_page.update_title(title)

    def apply_playlist_update(self, event: PlaylistUpdated) -> None:
        if self._title_page is not None:
            self._title_page.update_title(Title(id=event.title_id))

    def show_news(self, text: str, can_watch: bool) -> None:
        """New episodes told inside the window (no notification server, no tray)."""
        button = translate("MainWindow", "Watch") if can_watch else translate("MainWindow", "Open")
        self.news_banner.show_message(text, button)

    def show_warning(self, text: str) -> None:
        self.warning_banner.show_message(text)

    def _mark_watched(self, title: Title) -> None:
        async def mark() -> None:
            watched = await self.services.playback.watched(title.id)
            if self._title_page is not None:
                self._title_page.view.mark_watched(title.id, watched)

        self.services.tasks.run(mark(), name="watched-marks")

    def _set_fullscreen(self, on: bool) -> None:
        for widget in (self.rail, self.back_button):
            widget.setVisible(not on)
        if self._player is not None:
            self._player.controls.setVisible(True)
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def shutdown_player(self) -> None:
        if self.media_controls is not None:
            self.media_controls.close()
        self.services.playback.shutdown()  # the view's render context, then mpv

    def _build_menu(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.export_action = QAction(self)
        self.export_action.triggered.connect(self.files.export_library)
        self.import_action = QAction(self)
        self.import_action.triggered.connect(self.files.import_library)
        self.settings_action = QAction(self)
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.quit_requested)
        for action in (self.export_action, self.import_action, None, self.settings_action,
                       None, self.quit_action):  # fmt: skip
            if action is None:
                self.file_menu.addSeparator()
            else:
                self.file_menu.addAction(action)
        self.files.finished.connect(lambda text: self.statusBar().showMessage(text, 10000))

    def _connectivity_changed(self, online: bool, data_time: float) -> None:
        if online:
            self.offline_banner.hide()
            return
        if data_time:
            text = translate("MainWindow", "Offline — showing data from %1. Retrying in the "
                             "background.").replace("%1", labels.date_time(data_time))  # fmt: skip
        else:
            text = translate("MainWindow", "Offline — the server cannot be reached. Retrying in "
                             "the background.")  # fmt: skip
        self.offline_banner.show_message(text, translate("MainWindow", "Retry now"))

    def _tell_about_library(self) -> None:
        library = self.services.library
        if library.moved_aside is not None:
            self.warning_banner.show_message(
                translate("MainWindow", "The library file was damaged and could not be read. It "
                          "was kept as %1; a new, empty library was started.")
                .replace("%1", str(library.moved_aside))
            )  # fmt: skip
        elif library.unavailable:
            self.warning_banner.show_message(
                translate("MainWindow", "The library cannot be opened (%1): favourites and "
                          "progress will not be saved in this session.")
                .replace("%1", library.unavailable)
            )  # fmt: skip

    def retranslate(self) -> None:
        self.setWindowTitle(translate("MainWindow", "Libria — AniLibria catalogue"))
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.export_action.setText(translate("MainWindow", "Export library…"))
        self.import_action.setText(translate("MainWindow", "Import library…"))
        self.settings_action.setText(translate("MainWindow", "Settings…"))
        self.quit_action.setText(translate("MainWindow", "Quit"))
        self._connectivity_changed(
            self.services.connectivity.online, self.services.connectivity.data_time
        )
        for row, (label, _) in enumerate(self._factories):
            item = self.navigation.item(row)
            if item is not None:
                item.setText(label())
        self.back_button.setText(translate("MainWindow", "← Back"))
        self.settings_button.setText(translate("MainWindow", "Settings"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fit_to_screen(self, wanted: QSize) -> None:
        screen = self.screen()
        available = screen.availableGeometry().size() if screen is not None else wanted
        self.resize(wanted.boundedTo(available * 0.95))

    def bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def _navigate(self, row: int) -> None:
        if 0 <= row < len(self._factories):
            self._previous_row = row
            self.stack.setCurrentWidget(self.page(row))
            self.back_button.hide()

    def open_title(self, title: Title) -> None:
        self.title_page.open_title(title)
        self.stack.setCurrentWidget(self.title_page)
        self.back_button.show()

    def go_back(self) -> None:
        current = self.stack.currentWidget()
        if self._player is not None and current is self._player:
            if self._player.fullscreen:
                self._player.leave_fullscreen()
                return
            self._player.stop()
            target = self._before_player
            if target is not None and target is self._title_page and self._title_page.view.title:
                self._mark_watched(self._title_page.view.title)
            if target is not None and target is not self._player:
                self.stack.setCurrentWidget(target)
                self.back_button.setVisible(target is self._title_page)
                return
            self._navigate(self._previous_row)
            return
        if self._title_page is not None and current is self._title_page:
            self._navigate(self._previous_row)

    def _play(self, title: Title, episode: Episode) -> None:
        self.play_requested.emit(title, episode)
        self.play(title, episode)

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.services.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # not exec(): a nested loop inside the asyncio loop is a trap

    def _setting_changed(self, key: str, value: object) -> None:
        if key == "language":
            install_language(str(value))
        elif key in ("api_base", "api_kind"):
            self.services.tasks.run(self._switch_api(), name="switch-api")

    async def _switch_api(self) -> None:
        settings = self.services.settings
        base_url = settings.get("api_base") or None
        try:
            await self.services.api.set_base_url(base_url, ApiKind(settings.get("api_kind")))
        except (ValueError, asyncio.CancelledError):
            raise
        except Exception:
            log.exception("cannot switch to %s", base_url or "the automatic address")

    def _apply_features(self) -> None:
        """Lists the server's API cannot give are hidden, not shown as errors."""
        api = self.services.api
        for key, feature in (("changes", Feature.CHANGES), ("stats", Feature.SEED_STATS)):
            row = self.ROWS[key]
            self.navigation.item(row).setHidden(not api.has(feature))
            if not api.has(feature) and self.navigation.currentRow() == row:
                self.navigation.setCurrentRow(self.ROWS["updates"])
        search = self._pages.get(self.ROWS["search"])
        if isinstance(search, SearchPage):
            search.set_features(api.has(Feature.TEAM_FILTERS), api.has(Feature.GENRE_RATING))

    def _reload_everything(self) -> None:
        catalog = self.services.catalog
        self.services.posters.forget_failures()
        for query in (catalog.updates, catalog.changes, catalog.feed, catalog.youtube,
                      catalog.seed_stats, self.services.search.results):  # fmt: skip
            if query.state is not LoadState.IDLE:
                query.reload()
        for single in (catalog.schedule, catalog.team, catalog.years):
            if single.state is not LoadState.IDLE:
                single.reload()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only the user's own close (the window manager's, spontaneous) goes to the tray: Qt's
        # quit() closes every window first and gives up if one refuses.
        to_tray = self.keep_running_in_tray and self.services.settings.get("close_to_tray")
        if to_tray and event.spontaneous():
            event.ignore()
            self.hide()
            return
        event.accept()
        self.quit_requested.emit()
