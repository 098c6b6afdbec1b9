"""A card's text laid out for painting (the name on two lines, the detail elided), kept: the
grid paints each card again and again (scrolling, posters coming in, hover), and measuring the
words each time was a good part of every paint."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QStaticText, QTransform

KEPT = 4000  # cards' texts remembered; all are forgotten past this (a few screens' worth)


@dataclass(frozen=True)
class CardText:
    bold: QFont  # the name's
    small: QFont  # the detail's
    height: int  # one line's
    lines: tuple[QStaticText, ...]  # the name, on at most two lines
    detail: QStaticText  # episodes and status (or the video's date), elided to the width


def _static(text: str, font: QFont) -> QStaticText:
    """Text laid out once: drawing it again is a copy of glyphs (drawText lays it out each time)."""
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)
    static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
    static.prepare(QTransform(), font)
    return static


class CardTexts:
    def __init__(self) -> None:
        self._fonts: dict[str, tuple[QFont, QFont, QFontMetrics, QFontMetrics]] = {}
        self._texts: dict[tuple[str, int, str, str], CardText] = {}
        # The last font asked for and its key: a view passes a copy of the same font for every
        # card, and QFont.key() formats a long string each time (~3% of a card's paint).
        self._last: tuple[QFont, str] | None = None

    def get(self, base: QFont, width: int, name: str, detail: str) -> CardText:
        last = self._last
        if last is None or base != last[0]:
            last = self._last = (QFont(base), base.key())
        font_key = last[1]
        key = (font_key, width, name, detail)
        text = self._texts.get(key)
        if text is None:
            bold, small, bold_metrics, small_metrics = self._fonts_for(base, font_key)
            lines = tuple(_static(line, bold) for line in two_lines(name, bold_metrics, width))
            elided = small_metrics.elidedText(detail, Qt.TextElideMode.ElideRight, width)
            text = CardText(bold, small, bold_metrics.height(), lines, _static(elided, small))
            if len(self._texts) >= KEPT:
                self._texts.clear()
            self._texts[key] = text
        return text

    def _fonts_for(self, base: QFont, key: str) -> tuple[QFont, QFont, QFontMetrics, QFontMetrics]:
        fonts = self._fonts.get(key)
        if fonts is None:
            bold = QFont(base)
            bold.setBold(True)
            small = QFont(base)
            small.setPointSizeF(small.pointSizeF() * 0.9)
            fonts = self._fonts[key] = (bold, small, QFontMetrics(bold), QFontMetrics(small))
        return fonts


def two_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    words = text.split()
    first = ""
    while words and metrics.horizontalAdvance((first + " " + words[0]).strip()) <= width:
        first = (first + " " + words.pop(0)).strip()
    if not first and words:  # one very long word
        return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)]
    rest = " ".join(words)
    if not rest:
        return [first]
    return [first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
