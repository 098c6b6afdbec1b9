"""The week: Monday to Sunday, each day a strip of posters; today highlighted and in view. ← and →
move along a day, ↓ and ↑ to the next and the previous day with titles."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QListView,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core import ScheduleDay
from app.services.catalog import CatalogService
from app.services.posters import PosterService
from app.services.state import LoadState
from app.ui import accessible, labels
from app.ui.catalog.delegate import CARD_SIZE
from app.ui.catalog.grid import CatalogGrid
from app.ui.catalog.model import CatalogModel
from app.ui.pages.base import Page
from app.ui.widgets.state_panel import StatePanel


class DayStrip(QFrame):
    def __init__(self, day: int, posters: PosterService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = day
        self.setObjectName("dayStrip")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel()
        self.label.setObjectName("dayHeading")
        self.model = CatalogModel(posters, self)
        self.grid = CatalogGrid(self.model)
        self.grid.setFlow(QListView.Flow.LeftToRight)
        self.grid.setWrapping(False)
        self.grid.setFixedHeight(CARD_SIZE.height() + 22)
        self.empty = QLabel()
        layout.addWidget(self.label)
        layout.addWidget(self.grid)
        layout.addWidget(self.empty)

    def set_today(self, today: bool) -> None:
        self.setProperty("today", today)
        self.style().unpolish(self)
        self.style().polish(self)


class SchedulePage(Page):
    title_activated = Signal(object)

    def __init__(
        self, catalog: CatalogService, posters: PosterService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.query = catalog.schedule
        self.days = [DayStrip(day, posters) for day in range(7)]
        container = QWidget()
        column = QVBoxLayout(container)
        column.setSpacing(10)
        for strip in self.days:
            column.addWidget(strip)
            strip.grid.title_activated.connect(self.title_activated)
            strip.grid.installEventFilter(self)
        column.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(container)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.state = StatePanel(self.scroller)
        self.body.addWidget(self.state, 1)
        self.query.loaded.connect(self._loaded)
        self.query.state_changed.connect(self.state.show_state)
        self.state.retry_requested.connect(self.query.reload)
        self.retranslate()

    @staticmethod
    def today() -> int:
        return dt.date.today().weekday()  # Monday = 0, as in the API

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Schedule"))
        self.state.empty_text = self.tr("The schedule is empty")
        today = self.today()
        for strip in self.days:
            text = labels.week_day(strip.day)
            strip.label.setText(
                self.tr("%1 — today").replace("%1", text) if strip.day == today else text
            )
            accessible.name(strip.grid, strip.label.text())
            strip.empty.setText(self.tr("No episodes on this day"))
            strip.set_today(strip.day == today)

    def first_shown(self) -> None:
        if self.query.state is LoadState.IDLE:
            self.query.reload()

    def focus_target(self) -> QWidget:
        """Today's strip, or the next day with titles."""
        week = self.days[self.today() :] + self.days[: self.today()]
        return next((s.grid for s in week if not s.grid.isHidden()), self.days[0].grid)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            strip = next((s for s in self.days if s.grid is watched), None)
            if strip is not None:
                self.scroller.ensureWidgetVisible(strip, 0, 10)
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
        if step is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        grids = [s.grid for s in self.days if not s.grid.isHidden()]
        if watched in grids:
            at = grids.index(watched)
            if 0 <= at + step < len(grids):
                self._move(grids[at], grids[at + step])
        return True

    @staticmethod
    def _move(source: CatalogGrid, target: CatalogGrid) -> None:
        """To the other day's card nearest the same column."""
        column = max(0, source.currentIndex().row())
        row = min(column, target.model().rowCount() - 1)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        if row >= 0:
            target.setCurrentIndex(target.model().index(row, 0))

    def _loaded(self, days: list[ScheduleDay]) -> None:
        by_day = {day.day: list(day.titles) for day in days}
        for strip in self.days:
            titles = by_day.get(strip.day, [])
            strip.model.reset(titles)
            strip.grid.setVisible(bool(titles))
            strip.empty.setVisible(not titles)
        self.retranslate()
        QTimer.singleShot(0, self._refocus)
        # After the layout has settled, bring today's strip into view.
        QTimer.singleShot(50, self.scroll_to_today)

    def _refocus(self) -> None:
        """The focus waited on today's strip: with no titles today, the next day's takes it."""
        focused = QApplication.focusWidget()
        lost = focused is None or focused is self
        hidden = focused is not None and self.isAncestorOf(focused) and focused.isHidden()
        if self.isVisible() and (lost or hidden):
            self.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)

    def scroll_to_today(self) -> None:
        strip = self.days[self.today()]
        container = self.scroller.widget()
        if container is not None and container.layout() is not None:
            container.layout().activate()  # type: ignore[union-attr]
        self.scroller.verticalScrollBar().setValue(max(0, strip.y() - 6))
