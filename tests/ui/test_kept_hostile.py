"""A kept record is read from disk, so its texts are only ever shown as text: markup in a
heading must not make Qt load a file (an <img> would read any path, or hang on a FIFO)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from app.ui.catalog.card_face import CardFace
from app.ui.first_paint.record import KeptCard, KeptKey, KeptPage, KeptRail, KeptShelfCard
from app.ui.first_paint.view import KeptView
from app.ui.pages.shelf_face import ShelfFace

POSTER = "0123456789abcdef0123456789abcdef01234567.img"


async def test_markup_in_the_records_headings_is_shown_as_text(tmp_path: Path) -> None:
    picture = tmp_path / "big.png"
    image = QImage(900, 700, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(picture))
    markup = f'<img src="{picture}">'
    page = KeptPage(
        KeptKey("1.0", "ru", "dark", "v2 http://127.0.0.1:1/v2", 1320, 860, 1.0),
        "Libria", ("&Файл",), KeptRail((("Новые эпизоды", False),), "Настройки", None),
        markup, markup, (KeptShelfCard(ShelfFace(8, "Ван-Пис", "Эпизод 3", 0.4), POSTER),),
        1, (KeptCard(CardFace(7, "Тетрадь смерти", "12 эпизодов"), POSTER),),
    )  # fmt: skip
    poster = QImage(10, 10, QImage.Format.Format_ARGB32_Premultiplied)
    view = KeptView(page, [poster, poster])
    for name in ("pageHeading", "sectionHeading"):
        label = view.findChild(QLabel, name)
        assert isinstance(label, QLabel)
        hint = label.sizeHint()  # a line of text, not the picture
        assert hint.height() < 100 and hint.width() != 900, (name, hint)
        assert label.textFormat() is Qt.TextFormat.PlainText and label.text() == markup
