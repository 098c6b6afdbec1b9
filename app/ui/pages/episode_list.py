"""Tiles on a title page: the episode list (a still beside each episode's number and name) and the
plain tile grid it shares with the franchise list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.core import Episode
from app.services.posters import PosterService, device_size, screen_ratio
from app.ui import accessible, labels, theme
from app.ui.pages.episode_badges import Badge, badged
from app.ui.widgets.centre_crop import centre_crop

EpisodeRole = Qt.ItemDataRole.UserRole + 1
StillRole = Qt.ItemDataRole.UserRole + 3  # True once the episode's still is shown
STILL = QSize(96, 54)  # 16:9
EPISODE_TILE = QSize(260, 66)


class EpisodeGrid(QListWidget):
    """Tiles in rows, as tall as needed to show them all (the page scrolls, not the list)."""

    TILE = QSize(118, 44)

    def __init__(
        self,
        parent: QWidget | None = None,
        tile: QSize | None = None,
        mode: QListWidget.ViewMode = QListWidget.ViewMode.IconMode,
    ) -> None:
        super().__init__(parent)
        self.tile = tile or self.TILE
        self.setViewMode(mode)  # first: it resets the flow and wrapping set below
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setGridSize(self.tile)
        self.setWordWrap(True)
        self.setUniformItemSizes(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit_height(self) -> None:
        per_row = max(1, self.viewport().width() // self.tile.width())
        rows = max(1, -(-self.count() // per_row))
        self.setFixedHeight(rows * self.tile.height() + 8)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()


def placeholder_still() -> QPixmap:
    """The neutral stand-in while a still loads, or for an episode without one (drawn at the
    screen's pixel ratio, in the theme's colours)."""
    ratio = screen_ratio()
    pixmap = QPixmap(device_size(STILL, ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    fill = QColor(theme.current().hover)  # a step off the tile it sits on
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(QRect(QPoint(0, 0), STILL), 4, 4)
    painter.setBrush(QColor(theme.current().faint))  # a faint play mark
    centre = QRect(QPoint(0, 0), STILL).center()
    painter.drawPolygon([centre + QPoint(-6, -8), centre + QPoint(-6, 8), centre + QPoint(9, 0)])
    painter.end()
    return pixmap


class EpisodeList(EpisodeGrid):
    """A title's episodes: a still (through the poster service, never blocking) or a neutral
    placeholder beside "Episode N" and the episode's name; a tick before those watched, a badge
    on the still of those downloaded or on their way."""

    def __init__(self, posters: PosterService, parent: QWidget | None = None) -> None:
        super().__init__(parent, EPISODE_TILE, QListWidget.ViewMode.ListMode)
        self.setIconSize(STILL)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._posters = posters
        self._placeholder = placeholder_still()
        self._watched: set[float] = set()
        self._stills: dict[int, QPixmap] = {}  # by row, once loaded (else the placeholder)
        self._badges: dict[float, Badge] = {}  # e.g. "on disk", on the episode's still
        self._rows_by_url: dict[str, list[int]] = {}
        self._rows_by_number: dict[float, int] = {}
        posters.ready.connect(self._still_ready)

    def show_episodes(self, episodes: Sequence[Episode], keep_ticks: bool = False) -> None:
        """Fills the list; `keep_ticks` keeps the watched marks (the same title, reloaded)."""
        self.clear()
        self._rows_by_url = {}
        self._stills = {}
        self._rows_by_number = {episode.number: row for row, episode in enumerate(episodes)}
        if not keep_ticks:
            self._watched = set()
        for row, episode in enumerate(episodes):
            item = QListWidgetItem()
            item.setData(EpisodeRole, episode)
            item.setSizeHint(EPISODE_TILE - QSize(8, 8))
            item.setData(StillRole, False)
            self.addItem(item)
            self._show_icon(row)
            if episode.preview:
                self._rows_by_url.setdefault(episode.preview, []).append(row)
                self._show_still(row, episode.preview)
        if not episodes:
            self.addItem(self.tr("No episodes in the player yet"))
        self.retranslate()
        self.fit_height()

    def mark_watched(self, watched: set[float]) -> None:
        """Ticks the episodes watched past 90 %."""
        self._watched = set(watched)
        self.retranslate()

    def set_badges(self, badges: dict[float, Badge]) -> None:
        """A badge on each of these episodes' stills (the others have none)."""
        old, self._badges = self._badges, dict(badges)
        for number in old.keys() | badges.keys():
            if old.get(number) != badges.get(number):
                self._show_badge(number)

    def set_badge(self, number: float, badge: Badge | None) -> None:
        """One episode's badge (None: none), that row alone: progress comes often."""
        if badge is not None:
            self._badges[number] = badge
        else:
            self._badges.pop(number, None)
        self._show_badge(number)

    def badge(self, number: float) -> Badge | None:
        return self._badges.get(number)

    def _show_badge(self, number: float) -> None:
        row = self._rows_by_number.get(number)
        if row is not None and row < self.count():
            self._show_icon(row)
            self._show_text(row)  # the tooltip says it too

    def _show_icon(self, row: int) -> None:
        item, episode = self.episode_item(row)
        still = self._stills.get(row, self._placeholder)
        badge = self._badges.get(episode.number) if episode is not None else None
        item.setIcon(QIcon(badged(still, badge) if badge is not None else still))

    def episode_item(self, row: int) -> tuple[QListWidgetItem, Episode | None]:
        item = self.item(row)
        episode = item.data(EpisodeRole)
        return item, episode if isinstance(episode, Episode) else None

    def retranslate(self) -> None:
        """Every episode's text and tooltip, in the interface's language."""
        for row in range(self.count()):
            self._show_text(row)

    def _show_text(self, row: int) -> None:
        item, episode = self.episode_item(row)
        if episode is None:
            if self.count() == 1:
                item.setText(self.tr("No episodes in the player yet"))
            return
        heading = labels.episode(episode.number)
        watched = episode.number in self._watched
        name = labels.episode_name(episode)
        shown = f"✓ {heading}" if watched else heading
        item.setText(f"{shown}\n{name}" if name else shown)
        item.setToolTip(self._tooltip(episode))
        # Read out: the episode and its name, then the tick and the badge in words.
        item.setData(accessible.TextRole, accessible.facts(heading, name))
        badge = self._badges.get(episode.number)
        item.setData(accessible.DescriptionRole, accessible.facts(
            self.tr("watched") if watched else "", badge.text if badge is not None else "",
            labels.date(episode.created),
        ))  # fmt: skip

    def _tooltip(self, episode: Episode) -> str:
        badge = self._badges.get(episode.number)
        tip = [badge.text if badge is not None else "", labels.episode_name(episode),
               labels.date(episode.created)]  # fmt: skip
        for label, span in ((self.tr("Opening"), episode.skips.opening),
                            (self.tr("Ending"), episode.skips.ending)):  # fmt: skip
            if span:
                tip.append(f"{label}: {labels.clock(span[0])}–{labels.clock(span[1])}")
        return "\n".join(part for part in tip if part)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:  # another theme: the stand-in follows
            self._placeholder = placeholder_still()
            for row in range(self.count()):
                if row not in self._stills and self.episode_item(row)[1] is not None:
                    self._show_icon(row)
        super().changeEvent(event)

    def _show_still(self, row: int, url: str) -> None:
        image = self._posters.image(url, STILL)  # None now; `ready(url)` when it is in
        if image is not None:
            self._stills[row] = centre_crop(image, STILL)
            self.item(row).setData(StillRole, True)
            self._show_icon(row)

    def _still_ready(self, url: str) -> None:
        for row in self._rows_by_url.get(url, ()):
            if row < self.count():
                self._show_still(row, url)
