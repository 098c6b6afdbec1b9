"""The progress column: a slim bar painted in the cell, coloured by state, the percentage beside it.
Painted rather than a widget per row, so hundreds of rows cost nothing between updates."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.core.download import DownloadItem, DownloadState
from app.ui import theme
from app.ui.downloads.model import FractionRole, ItemRole
from app.ui.palettes import ACCENT

SELECTED_TRACK = QColor(0, 0, 0, 90)  # on the accent of a selected row: the bar must still read
# Badges on episode stills (white text over a picture): the same in every theme.
FILL = {
    DownloadState.QUEUED: QColor("#6c6c78"),
    DownloadState.DOWNLOADING: QColor(ACCENT),
    DownloadState.PAUSED: QColor("#8a8a95"),
    DownloadState.FAILED: QColor("#7a2e33"),
    DownloadState.DONE: QColor("#3f9d5a"),
}


def bar_fill(state: DownloadState) -> QColor:
    """The progress bar's colour in the table, from the theme in use."""
    colours = theme.current()
    return QColor({DownloadState.QUEUED: colours.faint, DownloadState.DOWNLOADING: colours.accent,
                   DownloadState.PAUSED: colours.muted, DownloadState.FAILED: colours.failed,
                   DownloadState.DONE: colours.done}[state])  # fmt: skip


BAR_HEIGHT = 8


class ProgressDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = index.data(ItemRole)
        if not isinstance(item, DownloadItem):
            super().paint(painter, option, index)
            return
        fraction = float(index.data(FractionRole) or 0.0)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_width = option.fontMetrics.horizontalAdvance("100 %") + 8
        cell = QRectF(option.rect).adjusted(8, 0, -8, 0)
        bar = QRectF(cell.left(), cell.center().y() - BAR_HEIGHT / 2,
                     max(0.0, cell.width() - text_width), BAR_HEIGHT)  # fmt: skip
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.fillRect(option.rect, option.palette.highlight())
        painter.setPen(Qt.PenStyle.NoPen)
        colours = theme.current()
        painter.setBrush(SELECTED_TRACK if selected else QColor(colours.track))
        painter.drawRoundedRect(bar, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
        if fraction > 0:
            filled = QRectF(bar.left(), bar.top(), max(BAR_HEIGHT, bar.width() * fraction),
                            bar.height())  # fmt: skip
            painter.setBrush(QColor(colours.on_accent) if selected else bar_fill(item.state))
            painter.drawRoundedRect(filled, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        painter.drawText(cell, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         str(index.data()))  # fmt: skip
        painter.restore()
