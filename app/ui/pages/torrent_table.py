"""A title's torrents: quality, episodes, size, peers, date, and the file and magnet links."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QToolButton,
    QWidget,
)

from app.core import Torrent
from app.ui import accessible, labels
from app.ui.links import magnet_link, open_external
from app.ui.widgets.sortable_item import SortableItem


class TorrentTable(QTableWidget):
    """As tall as its rows: the page scrolls, not the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 8, parent)
        self.setSortingEnabled(True)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header_view = self.horizontalHeader()
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header_view.setStretchLastSection(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([
            self.tr("Quality"), self.tr("Episodes"), self.tr("Size"), self.tr("Seeders"),
            self.tr("Leechers"), self.tr("Downloads"), self.tr("Uploaded"), "",
        ])  # fmt: skip

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_torrents(self, torrents: tuple[Torrent, ...]) -> None:
        self.setSortingEnabled(False)
        self.setRowCount(len(torrents))
        for row, torrent in enumerate(torrents):
            quality = torrent.quality.label or torrent.quality.type
            cells = [
                SortableItem(quality, (torrent.quality.resolution, quality)),
                SortableItem(torrent.episodes.label, torrent.episodes.last),
                SortableItem(labels.size(torrent.total_size), torrent.total_size),
                SortableItem(str(torrent.seeders), torrent.seeders),
                SortableItem(str(torrent.leechers), torrent.leechers),
                SortableItem(str(torrent.downloads), torrent.downloads),
                SortableItem(labels.date(torrent.uploaded), torrent.uploaded),
            ]
            for column, cell in enumerate(cells):
                self.setItem(row, column, cell)
            links = SortableItem("", 0)  # under the buttons: what a screen reader says
            links.setData(accessible.TextRole, self.tr("Links"))
            links.setData(accessible.DescriptionRole, self.tr(".torrent file and magnet link"))
            self.setItem(row, 7, links)
            self.setCellWidget(row, 7, self._actions(torrent))
        self.setSortingEnabled(True)
        self._fit_actions()
        self.resizeRowsToContents()
        rows_height = sum(self.rowHeight(row) for row in range(self.rowCount()))
        header_height = self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(header_height + rows_height + 2 * self.frameWidth())

    def _fit_actions(self) -> None:
        """The buttons' column as wide as they need (cell widgets do not count in
        ResizeToContents), and the table never narrower than its columns: at a large font the
        page scrolls sideways rather than cutting the buttons' words."""
        widths = [widget.sizeHint().width() for row in range(self.rowCount())
                  if (widget := self.cellWidget(row, 7)) is not None]  # fmt: skip
        header = self.horizontalHeader()
        header.setMinimumSectionSize(0)
        if widths:
            header.setSectionResizeMode(7, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(7, max(widths))
        self.setMinimumWidth(header.length() + 2 * self.frameWidth())

    def _actions(self, torrent: Torrent) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(2, 0, 2, 0)
        file_button = QToolButton()
        file_button.setText(self.tr(".torrent file"))
        file_button.setEnabled(bool(torrent.url))
        file_button.clicked.connect(lambda: open_external(torrent.url))
        magnet = torrent.magnet or magnet_link(
            torrent.hash,
            torrent.metadata.name if torrent.metadata else "",
            torrent.metadata.announce if torrent.metadata else (),
        )
        magnet_button = QToolButton()
        magnet_button.setText(self.tr("Magnet link"))
        magnet_button.setEnabled(bool(magnet))
        magnet_button.clicked.connect(lambda: open_external(magnet))
        row.addWidget(file_button)
        row.addWidget(magnet_button)
        row.addStretch(1)
        return box
