"""The progress column: a slim bar painted in the cell, coloured by state, the percentage on it.
Painted rather than a widget per row, so hundreds of rows cost nothing between updates."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.core.download import DownloadItem, DownloadState
from app.ui.downloads.model import FractionRole, ItemRole
from app.ui.theme import ACCENT

TRACK = QColor("#2f2f3a")
FILL = {
    DownloadState.QUEUED: QColor("#6c6c78"),
    DownloadState.DOWNLOADING: QColor(ACCENT),
    DownloadState.PAUSED: QColor("#8a8a95"),
    DownloadState.FAILED: QColor("#7a2e33"),
    DownloadState.DONE: QColor("#3f9d5a"),
}
BAR_HEIGHT = 16


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
        cell = QRectF(option.rect).adjusted(8, 0, -8, 0)
        bar = QRectF(cell.left(), cell.center().y() - BAR_HEIGHT / 2, cell.width(), BAR_HEIGHT)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.fillRect(option.rect, option.palette.highlight())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(TRACK)
        painter.drawRoundedRect(bar, 4, 4)
        if fraction > 0:
            filled = QRectF(bar.left(), bar.top(), max(8.0, bar.width() * fraction), bar.height())
            painter.setBrush(FILL[item.state])
            painter.drawRoundedRect(filled, 4, 4)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, str(index.data()))
        painter.restore()
