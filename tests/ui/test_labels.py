"""Words for numbers and sizes, in Russian with its three plural forms."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.core import Episode, EpisodeRange, Names, Player, Title, TitleType
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


@pytest.mark.parametrize(
    ("released", "text_ru", "text_en"),
    [(2, "2 из ? серий", "2 of ? episodes"), (0, "? серий", "? episodes")],
)
def test_an_unknown_total_is_a_question_mark_not_zero(
    released: int, text_ru: str, text_en: str
) -> None:
    title = Title(
        id=1,
        type=TitleType(episodes=0, episodes_unknown=True),
        player=Player(episodes_range=EpisodeRange(1, released, "") if released else EpisodeRange()),
    )
    assert labels.episodes(title) == text_ru
    install_language("en")
    try:
        assert labels.episodes(title) == text_en
    finally:
        install_language("ru")


def test_english_names_come_first_in_english() -> None:
    names = Names(ru="Ночной город", en="Night City", alternative="Yoru no Machi")
    assert (labels.name(names), labels.second_name(names)) == ("Ночной город", "Night City")
    episode = Episode(number=1, name="Начало", name_en="The Beginning")
    assert labels.episode_name(episode) == "Начало"
    install_language("en")
    try:
        assert (labels.name(names), labels.second_name(names)) == ("Night City", "Ночной город")
        assert labels.episode_name(episode) == "The Beginning"
        assert labels.name(Names(ru="Только русское")) == "Только русское"  # no English name
        assert labels.second_name(Names(ru="Только русское")) == ""
        assert labels.episode_name(Episode(number=2, name="Без перевода")) == "Без перевода"
    finally:
        install_language("ru")


def test_english_plurals() -> None:
    install_language("en")
    try:
        assert labels.episodes(_title(1, 1)) == "1 episode"
        assert labels.episodes(_title(12, 0)) == "12 episodes"
        assert labels.episodes(_title(1, 12)) == "1 of 12 episodes"
    finally:
        install_language("ru")
