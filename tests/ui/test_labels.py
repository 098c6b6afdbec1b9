"""Words for numbers and sizes, in Russian with its three plural forms."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.core import EpisodeRange, Player, Title, TitleType
from app.ui import labels
from app.ui.i18n import install_language


@pytest.fixture(autouse=True)
def russian() -> None:
    QApplication.instance() or QApplication([])
    install_language("ru")


def _title(released: int, expected: int) -> Title:
    return Title(
        id=1,
        type=TitleType(episodes=expected),
        player=Player(episodes_range=EpisodeRange(1, released, f"1-{released}")),
    )


@pytest.mark.parametrize(
    ("released", "expected", "text"),
    [(1, 1, "1 серия"), (2, 2, "2 серии"), (5, 5, "5 серий"), (21, 21, "21 серия"),
     (12, 0, "12 серий"), (3, 12, "3 из 12 серий"), (1, 2, "1 из 2 серий"), (0, 0, "")],
)  # fmt: skip
def test_episode_counts(released: int, expected: int, text: str) -> None:
    assert labels.episodes(_title(released, expected)) == text


def test_sizes_are_human_readable() -> None:
    assert labels.size(512) == "512 Б"
    assert labels.size(35_521_275_317) == "33.1 ГБ"
    assert labels.size(5 * 1024**4) == "5.0 ТБ"
