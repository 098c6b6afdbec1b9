"""What can be done to a title's episodes besides a double-click: the heading row's "Download
season" and "Delete downloaded", each episode's context menu (watch; download, in a chosen
quality; pause, resume, retry, cancel; delete the file), and each episode's download mark."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.core import Episode, Quality, Title
from app.core.download import DownloadItem, DownloadState, FetchProgress
from app.services.tasks import TaskRunner
from app.ui.downloads import words
from app.ui.downloads.delegate import FILL
from app.ui.downloads.source import DownloadsSource
from app.ui.pages.episode_badges import Badge
from app.ui.pages.episode_list import EpisodeList, EpisodeRole
from app.ui.widgets.confirm import confirm

log = logging.getLogger(__name__)


class EpisodeActions(QObject):
    play_requested = Signal(object, object)  # Title, Episode
    message = Signal(str)  # for the window's status line: queued, or why not

    def __init__(
        self,
        episodes: EpisodeList,
        downloads: DownloadsSource | None,
        tasks: TaskRunner | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.episodes = episodes
        self._owner = parent
        self._downloads = downloads if tasks is not None else None
        self._tasks = tasks
        self.title: Title | None = None
        self._items: dict[float, DownloadItem] = {}  # the open title's, by episode
        self._fractions: dict[int, float] = {}  # by item id, while downloading
        self.menu: QMenu | None = None  # the last context menu
        self.question: QMessageBox | None = None  # the open "delete?" question, if any
        self.bar = self._build_bar()
        episodes.itemActivated.connect(self._activated)
        episodes.itemDoubleClicked.connect(self._activated)
        episodes.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        episodes.customContextMenuRequested.connect(self._context_menu)
        if self._downloads is not None:
            self._downloads.changed.connect(self._changed)
            self._downloads.removed.connect(self._removed)
            self._downloads.progress.connect(self._progress)

    def _build_bar(self) -> QWidget:
        """The section's heading with the title's download buttons on the right."""
        self.heading = QLabel()
        self.heading.setObjectName("sectionHeading")
        self.download_button = QPushButton()
        self.download_button.setObjectName("downloadSeason")
        self.download_button.clicked.connect(lambda: self.download(None))
        # The chosen episode's download, for those who do not look in context menus (and keys).
        self.episode_button = QPushButton()
        self.episode_button.setObjectName("downloadEpisode")
        self.episode_button.clicked.connect(lambda: self.download(self._chosen_to_fetch()))
        self.episodes.itemSelectionChanged.connect(self._show_buttons)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.delete_all)
        bar = QWidget()
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addStretch(1)
        buttons = (self.episode_button, self.download_button, self.delete_button)
        for button in buttons:  # level with the heading's text
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        return bar

    def retranslate(self) -> None:
        self._show_buttons()
        self._show_marks()

    def show_title(self, title: Title) -> None:
        self.title = title
        downloads = self._downloads
        items = downloads.items() if downloads is not None else []
        self._items = {item.episode: item for item in items if item.title_id == title.id}
        self._fractions = {}
        self._show_marks()
        self._show_buttons()

    # ----- marks and buttons -----

    def _mark(self, item: DownloadItem) -> Badge:
        colour = FILL[item.state]
        fraction = self._fractions.get(item.id)
        if item.state is DownloadState.DOWNLOADING and fraction is not None:
            return Badge(words.percent(fraction), colour, fraction)
        return Badge(words.short_state(item.state), colour)

    def _show_marks(self) -> None:
        self.episodes.set_badges({n: self._mark(item) for n, item in self._items.items()})

    def _show_buttons(self) -> None:
        title = self.title
        released = [e.number for e in title.player.episodes] if title is not None else []
        on = self._downloads is not None and bool(released)
        all_done = on and all(
            (item := self._items.get(n)) is not None and item.state is DownloadState.DONE
            for n in released
        )
        self.download_button.setVisible(on)
        self.download_button.setEnabled(not all_done)
        self.download_button.setText(
            self.tr("Season downloaded") if all_done else self.tr("Download season")
        )
        self.delete_button.setVisible(self._downloads is not None and bool(self._items))
        self.delete_button.setText(self.tr("Delete downloaded"))
        self.episode_button.setVisible(on)
        self.episode_button.setEnabled(bool(self._chosen_to_fetch()))
        self.episode_button.setText(self.tr("Download episode"))

    def _chosen_to_fetch(self) -> list[float]:
        """The selected episodes that are neither on disk nor on their way."""
        chosen = [item.data(EpisodeRole) for item in self.episodes.selectedItems()]
        return [
            episode.number for episode in chosen
            if isinstance(episode, Episode) and self._fetchable(episode.number)
        ]  # fmt: skip

    def _fetchable(self, number: float) -> bool:
        item = self._items.get(number)
        return item is None or item.state in (DownloadState.FAILED, DownloadState.PAUSED)

    def _changed(self, item: DownloadItem) -> None:
        if self.title is None or item.title_id != self.title.id:
            return
        if item.state is not DownloadState.DOWNLOADING:
            self._fractions.pop(item.id, None)
        self._items[item.episode] = item
        self.episodes.set_badge(item.episode, self._mark(item))
        self._show_buttons()

    def _removed(self, item_id: int) -> None:
        for number, item in list(self._items.items()):
            if item.id == item_id:
                del self._items[number]
                self._fractions.pop(item_id, None)
                self.episodes.set_badge(number, None)
                self._show_buttons()

    def _progress(self, item_id: int, progress: FetchProgress) -> None:
        for number, item in self._items.items():
            if item.id == item_id:
                self._fractions[item_id] = progress.fraction
                self.episodes.set_badge(number, self._mark(item))
                return

    # ----- the menu -----

    def _activated(self, item: QListWidgetItem) -> None:
        episode = item.data(EpisodeRole)
        if isinstance(episode, Episode) and self.title is not None:
            self.play_requested.emit(self.title, episode)

    def _context_menu(self, position: QPoint) -> None:
        item = self.episodes.itemAt(position)
        menu = self.menu_for(self.episodes.row(item)) if item is not None else None
        if menu is not None:
            menu.popup(self.episodes.viewport().mapToGlobal(position))

    def menu_for(self, row: int) -> QMenu | None:
        """The episode's context menu: watch, then what its download allows."""
        _item, episode = self.episodes.episode_item(row)
        title = self.title
        if episode is None or title is None:
            return None
        if self.menu is not None:
            self.menu.deleteLater()
        self.menu = menu = QMenu(self.episodes)
        watch = menu.addAction(self.tr("Watch"))
        watch.triggered.connect(lambda: self.play_requested.emit(title, episode))
        if self._downloads is not None:
            menu.addSeparator()
            self._download_actions(menu, episode)
            if self._items:
                menu.addSeparator()
                menu.addAction(self.tr("Delete downloaded"), self.delete_all)
        return menu

    def _download_actions(self, menu: QMenu, episode: Episode) -> None:
        item = self._items.get(episode.number)
        number = episode.number
        if item is None:
            menu.addAction(self.tr("Download"), lambda: self.download([number]))
            qualities = menu.addMenu(self.tr("Download in quality"))
            for quality in episode.hls.available() or tuple(Quality):
                chosen = words.QUALITY_NAMES[quality]
                qualities.addAction(chosen, functools.partial(self.download, [number], quality))
            return
        source = self._downloads
        assert source is not None
        if item.state is DownloadState.DONE:
            menu.addAction(self.tr("Delete file"), lambda: self.delete_file(item))
            menu.addAction(self.tr("Open folder"), lambda: self.open_folder(item))
            return
        if item.state in (DownloadState.QUEUED, DownloadState.DOWNLOADING):
            menu.addAction(self.tr("Pause download"), lambda: source.pause(item.id))
        elif item.state is DownloadState.PAUSED:
            menu.addAction(self.tr("Resume download"), lambda: source.resume(item.id))
        else:
            menu.addAction(self.tr("Retry download"), lambda: source.retry(item.id))
        menu.addAction(self.tr("Cancel download"), lambda: source.cancel(item.id))

    # ----- doing it -----

    def download(self, numbers: list[float] | None, quality: Quality | None = None) -> None:
        """Queues these episodes (None: every released one), in this quality (None: the
        setting's)."""
        if self._downloads is None or self._tasks is None or self.title is None:
            return
        self._tasks.run(self._add(self._downloads, self.title, numbers, quality))

    async def _add(
        self,
        source: DownloadsSource,
        title: Title,
        numbers: list[float] | None,
        quality: Quality | None,
    ) -> None:
        try:
            added = await source.add(title, numbers, quality)
        except Exception as error:  # the queue's refusal, whatever it is, is for the viewer
            log.warning("cannot queue %s: %s", title.id, error)
            self.message.emit(self.tr("Cannot download: %1").replace("%1", str(error)))
            return
        if added:
            self.message.emit(words.plurals().queued(len(added)))
        else:
            self.message.emit(self.tr("Already downloaded or on the way"))

    def open_folder(self, item: DownloadItem) -> None:
        if self._downloads is not None:
            url = QUrl.fromLocalFile(str(self._downloads.folder_of(item.id)))
            QDesktopServices.openUrl(url)

    def delete_file(self, item: DownloadItem) -> None:
        text = self.tr("Delete the file of episode %1?").replace("%1", item.episode_label)
        self._ask(text, lambda source: source.delete(item.id))

    def delete_all(self) -> None:
        title = self.title
        if title is None:
            return
        name = next(iter(self._items.values())).title_name if self._items else ""
        text = self.tr("Delete every downloaded episode of “%1”?").replace("%1", name)
        self._ask(text, lambda source: source.delete_title(title.id))

    def _ask(self, text: str, deletion: Callable[[DownloadsSource], Awaitable[None]]) -> None:
        source, tasks = self._downloads, self._tasks
        if source is None or tasks is None:
            return

        async def delete() -> None:
            await deletion(source)

        def confirmed() -> None:
            tasks.run(delete())

        title = self.tr("Delete downloads")
        self.question = confirm(self._owner, title, text, self.tr("Delete"), confirmed)
