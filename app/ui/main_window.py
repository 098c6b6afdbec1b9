"""The main window: a navigation rail on the left, the chosen page on the right.

The window shows: the rail, the page stack, banners, the menu, back navigation, fullscreen and
the player. Which pages exist is the registry's (app.ui.pages.registry); switching the API and
reloading after it are services' (app.services.switching); live updates reach the pages through
a small router (app.ui.live_updates).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QListWidgetItem, QMainWindow, QWidget

from app.ui import accessible
from app.ui.window_fit import first_size

# Light at module level: a warm start shows this window with its kept first page before the
# services load (app.ui.first_paint); everything else is imported by `attach`.
if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QPushButton, QStackedWidget

    from app.core import Episode, Title
    from app.core.deep_link import DeepLink
    from app.services.context import AppServices
    from app.services.lists import ListsSource
    from app.ui.account_entry import AccountEntry
    from app.ui.banners import Banners
    from app.ui.downloads.source import DownloadsSource
    from app.ui.downloads.status import DownloadsStatus
    from app.ui.first_paint.record import KeptPage
    from app.ui.first_paint.view import KeptView
    from app.ui.keys import WindowKeys
    from app.ui.library_files import LibraryFiles
    from app.ui.live_updates import LiveUpdates
    from app.ui.media_controls import MediaControls
    from app.ui.merge_question import MergeQuestion
    from app.ui.pages.base import Page
    from app.ui.pages.continue_shelf import ContinueShelf
    from app.ui.pages.registry import PageKit
    from app.ui.pages.title_page import TitlePage
    from app.ui.player_pane import PlayerPane
    from app.ui.rail import NavigationRail
    from app.ui.window_fit import NormalSize
    from app.ui.window_menu import FileMenu

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
PageT = TypeVar("PageT", bound="Page")


class MainWindow(QMainWindow):
    quit_requested = Signal()
    demo_requested = Signal()  # "Open the demo" on an offline first start: restart into it
    kept_replaced = Signal()  # the real start page has taken the kept one's place

    services: AppServices
    stack: QStackedWidget
    rail: NavigationRail
    banners: Banners
    menu: FileMenu
    keys: WindowKeys
    back_button: QPushButton
    account_entry: AccountEntry
    merge_question: MergeQuestion
    files: LibraryFiles
    normal_size: NormalSize

    def __init__(
        self,
        services: AppServices | None = None,
        parent: QWidget | None = None,
        offer_demo: bool = False,
        lists: ListsSource | None = None,
        downloads: DownloadsSource | None = None,
        kept: tuple[KeptPage, list[QImage]] | None = None,
    ) -> None:
        """Both phases at once with `services`; with `kept` only, the kept first page until
        `attach` builds the rest around it."""
        super().__init__(parent)
        self.keep_running_in_tray = False  # set by the tray when it exists
        self.kept_view: KeptView | None = None
        self.resize(first_size(self.screen()))
        if kept is not None:
            self._show_kept(*kept)
        if services is not None:
            self.attach(services, offer_demo, lists, downloads)

    def _show_kept(self, page: KeptPage, images: list[QImage]) -> None:
        from app.ui.first_paint.view import KeptView, kept_menus

        self.setWindowTitle(page.title)
        kept_menus(self, self.menuBar(), page.menus)
        self.kept_view = KeptView(page, images)
        self.setCentralWidget(self.kept_view)

    def attach(
        self,
        services: AppServices,
        offer_demo: bool = False,
        lists: ListsSource | None = None,
        downloads: DownloadsSource | None = None,
    ) -> None:
        """Everything but the kept first page: the rail, the pages, the menu, keys, banners."""
        from PySide6.QtWidgets import QPushButton, QStackedWidget

        from app.ui import window_parts
        from app.ui.banners import Banners
        from app.ui.catalog.favourites import Favourites
        from app.ui.pages.registry import Pages
        from app.ui.rail import NavigationRail

        self.services = services
        self.offer_demo = offer_demo  # offline with nothing kept: offer the built-in demo
        # The account's lists; tests may give their own.
        self.lists: ListsSource = lists if lists is not None else services.lists
        self._given_downloads = downloads
        self.favourites = Favourites(
            services.library, services.tasks, services.favourites, self.lists
        )
        self.shelf: ContinueShelf | None = None
        self._title_page: TitlePage | None = None
        self._player: PlayerPane | None = None
        self.media_controls: MediaControls | None = None  # with the player
        self._before_player: QWidget | None = None
        self.stack = QStackedWidget()
        self.pages = Pages(self._page_kit(), self._page_built)
        self.rail = NavigationRail(self.pages.entries)
        self.navigation = self.rail.list
        self.navigation.currentRowChanged.connect(self._navigate)
        self.navigation.itemClicked.connect(self._rail_clicked)
        self.download_status: DownloadsStatus | None = None
        self.live_updates: LiveUpdates  # once the update stream is made (after the first page)
        window_parts.MadeLater(self, services)  # playback, the update stream, the downloads
        self.rail.settings_button.clicked.connect(self.open_settings)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.go_back)
        self.back_button.hide()
        self.banners = Banners(services.connectivity, self)
        window_parts.connect(self, services)
        self.navigation.setCurrentRow(0)
        window_parts.lay_out(self)

    # ----- pages, built on first use -----

    def _page_kit(self) -> PageKit:
        from app.ui.pages.registry import PageKit

        services = self.services
        return PageKit(
            services.catalog, services.posters, services.library, services.search,
            services.tasks, self.favourites, self._make_shelf,
            open_title=self.open_title,  # playback is made on the first play:
            play=lambda title, episode: services.playback.play(title, episode),
            resume=lambda title_id, number: services.playback.resume(title_id, number),
            demo_requested=self.demo_requested.emit if self.offer_demo else None,
            lists=self.lists, sign_in=lambda: self.account_entry.open_sign_in(),
            downloads=lambda: self.downloads,
            find_member=lambda role, name: self.keys.find_member(role, name),
        )  # fmt: skip

    @property
    def downloads(self) -> DownloadsSource | None:
        """The downloads queue (the services make it on first use: not before the first page)."""
        if self._given_downloads is not None:
            return self._given_downloads
        from app.ui.downloads.source import downloads_of

        return downloads_of(self.services)

    def _page_built(self, page: Page) -> None:
        self.stack.addWidget(page)
        page.apply_features(self.services.api.has)

    def page_for(self, key: str, kind: type[PageT]) -> PageT:
        """The rail's page by its registry key, built if it was not yet."""
        return self.pages.typed(key, kind)

    def show_page(self, key: str) -> None:
        """Chooses the page in the rail and shows it (also when it was chosen already)."""
        self.rail.select(key)
        self._navigate(self.rail.row(key))

    def _shown_pages(self) -> Iterator[Page]:
        """Every page built so far, the title page last."""
        yield from self.pages.built()
        if self._title_page is not None:
            yield self._title_page

    @property
    def title_page(self) -> TitlePage:
        if self._title_page is None:
            from app.ui.pages.title_page import TitlePage
            from app.ui.player_ahead import load_player_ahead

            load_player_ahead(self.services)  # a play is likely from here on
            self._title_page = TitlePage(
                self.services.catalog, self.services.posters, self.favourites,
                downloads=self.downloads, tasks=self.services.tasks,
            )  # fmt: skip
            self._title_page.play_requested.connect(self.services.playback.play)
            self._title_page.view.episode_actions.message.connect(
                lambda text: self.statusBar().showMessage(text, 8000)
            )
            self._title_page.query.loaded.connect(self._mark_watched)
            self.stack.addWidget(self._title_page)
        return self._title_page

    @property
    def player(self) -> PlayerPane:
        """The player pane, created on first use (libmpv loads only then)."""
        if self._player is None:
            from app.ui.media_controls import MediaControls  # D-Bus loads with the player
            from app.ui.player_pane import PlayerPane

            self._player = PlayerPane(self.services.playback)
            self._player.fullscreen_toggled.connect(self._set_fullscreen)
            self.media_controls = MediaControls(
                self.services.playback, self.services.posters, self.services.tasks,
                self.bring_to_front, self.quit_requested.emit, parent=self,
            )  # fmt: skip
            self.stack.addWidget(self._player)
        return self._player

    def _show_player(self, _title: Title, _episode: Episode, continuing: bool) -> None:
        """Whoever asked the session to play (a page, the tray, a link), the player shows; the next
        episode, another quality or auto-next leave a player the viewer put aside where it is."""
        if continuing:
            return
        current = self.stack.currentWidget()
        if current is not self._player:
            self._before_player = current
        self.stack.setCurrentWidget(self.player)
        self.back_button.show()

    def _version_mismatch(self, version: str) -> None:
        text = translate(
            "MainWindow",
            "The server speaks API version %1, which Libria was not "
            "made for: some lists may be missing or wrong.",
        ).replace("%1", version)
        self.banners.warning.show_message(text)  # fmt: skip

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
        from app.ui.pages.continue_shelf import ContinueShelf

        shelf = ContinueShelf(self.services.library, self.services.posters, self.services.tasks)
        shelf.resume_requested.connect(
            lambda item: self.services.playback.resume(item.title.id, item.episode.number)
        )
        shelf.refresh()
        self.shelf = shelf
        return shelf

    def _mark_watched(self, title: Title) -> None:
        async def mark() -> None:
            watched = await self.services.playback.watched(title.id)
            if self._title_page is not None:
                self._title_page.view.mark_watched(title.id, watched)

        self.services.tasks.run(mark(), name="watched-marks")

    def _set_fullscreen(self, on: bool) -> None:
        for widget in (self.rail, self.back_button, self.menuBar()):  # its keys stay (WindowKeys)
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
        if self.services.made("playback"):  # a session that never played has none to end
            self.services.playback.shutdown()  # the view's render context, then mpv

    def retranslate(self) -> None:
        self.setWindowTitle(translate("MainWindow", "Libria — AniLibria catalogue"))
        self.menu.retranslate()
        self.keys.retranslate()
        self.banners.retranslate()
        self.rail.retranslate()
        self.account_entry.refresh()
        self.back_button.setText(translate("MainWindow", "← Back"))
        accessible.name(self.back_button, translate("MainWindow", "Back"), "Backspace, Alt+←, Esc")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "services"):
            self.retranslate()
        super().changeEvent(event)

    def bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def _navigate(self, row: int) -> None:
        key = self.rail.key(row)
        if key is not None:
            self._previous_row = row
            self.stack.setCurrentWidget(self.pages.get(key))
            self.back_button.hide()

    def _rail_clicked(self, item: QListWidgetItem) -> None:
        """The entry already chosen, clicked from a title page or the player: its page again."""
        self._navigate(self.navigation.row(item))

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
        else:
            self.rail.step_back()  # a rail page: the one shown before it

    def open_settings(self) -> None:
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # not exec(): a nested loop inside the asyncio loop is a trap

    def _apply_features(self) -> None:
        """The rail and the pages built so far hide what the server's API cannot give."""
        has = self.services.api.has
        self.rail.apply_features(has)
        self.account_entry.refresh()  # v2 has no accounts: no entry
        for page in self.pages.built():
            page.apply_features(has)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only the user's own close (the window manager's, spontaneous) goes to the tray: Qt's
        # quit() closes every window first and gives up if one refuses.
        attached = hasattr(self, "services")  # not while the kept first page stands alone
        to_tray = (
            self.keep_running_in_tray and attached and self.services.settings.get("close_to_tray")
        )
        if to_tray and event.spontaneous():
            event.ignore()
            self.hide()
            return
        event.accept()
        self.quit_requested.emit()
