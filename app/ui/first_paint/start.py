"""The first phase of a warm start: the kept record read and its posters decoding, with json
and Qt only (app.bootstrap runs this before the event loop, the services or the API load)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QImage

from app import __version__
from app.ui import theme
from app.ui.catalog.card_face import POSTER_SIZE
from app.ui.first_paint import FILE_NAME
from app.ui.first_paint.posters import KeptPosters
from app.ui.first_paint.record import KeptKey, KeptPage, read
from app.ui.i18n import current_language
from app.ui.pages.shelf_face import THUMB
from app.ui.window_fit import first_size

if TYPE_CHECKING:
    from pathlib import Path

    from app.services.settings import SettingsStore

POSTERS_WITHIN_S = 0.5  # a disk that slow: the normal start is as quick


def current_key(api: str, size: QSize, ratio: float) -> KeptKey:
    language, colours = current_language(), theme.current().name
    return KeptKey(__version__, language, colours, api, size.width(), size.height(), ratio)


def api_of(settings: SettingsStore) -> str:
    """The API as the settings name it (base and kind): a record of another API is not used."""
    return f"{settings.get('api_kind')} {settings.get('api_base')}"


@dataclass
class KeptStart:
    page: KeptPage
    posters: KeptPosters

    def images(self) -> list[QImage] | None:
        return self.posters.wait(POSTERS_WITHIN_S)


def begin(cache: Path, api: str) -> KeptStart | None:
    """The record made for this start, its posters decoding; None when there is none."""
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    page = read(cache / FILE_NAME, current_key(api, first_size(screen), ratio))
    if page is None or not page.cards:
        return None
    jobs = [(card.poster, POSTER_SIZE) for card in page.cards]
    jobs += [(card.poster, THUMB) for card in page.shelf]
    return KeptStart(page, KeptPosters(cache / "posters", jobs, ratio))
