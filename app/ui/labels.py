"""Human words for core values, through Qt's translation mechanism (context "Labels")."""

from __future__ import annotations

import datetime as dt
import functools

from PySide6.QtCore import QCoreApplication, QObject

from app.core import Episode, Names, Season, TeamRole, Title, TitleKind, TitleStatus
from app.core.account import Collection
from app.ui.i18n import current_language

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class Labels(QObject):
    """Plural forms: lupdate recognises numerus only in self.tr(text, "", n) calls."""

    def episodes(self, count: int) -> str:
        return self.tr("%n episode(s)", "", count)

    def of_episodes(self, released: int, expected: int) -> str:
        return self.tr("%1 of %n episode(s)", "", expected).replace("%1", str(released))

    def of_unknown(self, released: int) -> str:
        return self.tr("%1 of ? episodes").replace("%1", str(released))

    def unknown(self) -> str:
        return self.tr("? episodes")


@functools.cache
def _plurals() -> Labels:
    return Labels()


def status(value: TitleStatus, fallback: str = "") -> str:
    return {
        TitleStatus.ONGOING: translate("Labels", "Ongoing"),
        TitleStatus.FINISHED: translate("Labels", "Finished"),
        TitleStatus.HIDDEN: translate("Labels", "Hidden"),
        TitleStatus.NOT_ONGOING: translate("Labels", "Not ongoing"),
    }.get(value, fallback)


def season(value: Season) -> str:
    return {
        Season.WINTER: translate("Labels", "Winter"),
        Season.SPRING: translate("Labels", "Spring"),
        Season.SUMMER: translate("Labels", "Summer"),
        Season.AUTUMN: translate("Labels", "Autumn"),
    }.get(value, "")


def kind(value: TitleKind) -> str:
    return {
        TitleKind.MOVIE: translate("Labels", "Movie"),
        TitleKind.TV: translate("Labels", "TV"),
        TitleKind.OVA: translate("Labels", "OVA"),
        TitleKind.ONA: translate("Labels", "ONA"),
        TitleKind.SPECIAL: translate("Labels", "Special"),
        TitleKind.WEB: translate("Labels", "WEB"),
    }.get(value, "")


def role(value: TeamRole) -> str:
    return {
        TeamRole.VOICE: translate("Labels", "Voice"),
        TeamRole.TRANSLATOR: translate("Labels", "Translation"),
        TeamRole.EDITING: translate("Labels", "Subtitles"),
        TeamRole.DECOR: translate("Labels", "Design"),
        TeamRole.TIMING: translate("Labels", "Timing"),
    }[value]


def collection(value: Collection) -> str:
    """A list's name as the viewer's account shows it (Смотрю, Watching...)."""
    return {
        Collection.PLANNED: translate("Labels", "Planned"),
        Collection.WATCHING: translate("Labels", "Watching"),
        Collection.WATCHED: translate("Labels", "Watched"),
        Collection.POSTPONED: translate("Labels", "Postponed"),
        Collection.ABANDONED: translate("Labels", "Abandoned"),
    }[value]


def week_day(day: int) -> str:
    names = [
        translate("Labels", "Monday"),
        translate("Labels", "Tuesday"),
        translate("Labels", "Wednesday"),
        translate("Labels", "Thursday"),
        translate("Labels", "Friday"),
        translate("Labels", "Saturday"),
        translate("Labels", "Sunday"),
    ]
    return names[day] if 0 <= day <= 6 else ""


def english() -> bool:
    """Whether the interface is English: then English names come first."""
    return current_language() == "en"


def name(names: Names) -> str:
    """A title's name as the interface shows it first (English first in English)."""
    return names.first(english())


def second_name(names: Names) -> str:
    """The other language's name, for a second line; empty when it adds nothing."""
    return names.second(english())


def episode_name(episode: Episode) -> str:
    return episode.display_name(english())


def episodes(title: Title) -> str:
    """'5 of 12 episodes', '12 episodes', '5 of ? episodes' (total not known yet), or ''."""
    released = title.player.episodes_range.last or len(title.player.episodes)
    if title.type.episodes_unknown:
        return _plurals().of_unknown(released) if released else _plurals().unknown()
    expected = title.type.episodes
    if released and expected and expected != released:
        return _plurals().of_episodes(released, expected)
    count = released or expected
    return _plurals().episodes(count) if count else ""


def size(num_bytes: int) -> str:
    """Bytes in binary units, one decimal: 35.2 GB."""
    units = [
        translate("Labels", "KB"),
        translate("Labels", "MB"),
        translate("Labels", "GB"),
        translate("Labels", "TB"),
    ]
    if num_bytes < 1024:
        return f"{num_bytes} " + translate("Labels", "B")
    value = num_bytes / 1024
    for unit in units[:-1]:
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} {units[-1]}"


def date(timestamp: int) -> str:
    if timestamp <= 0:
        return ""
    return dt.datetime.fromtimestamp(timestamp).strftime("%d.%m.%Y")


def date_time(timestamp: float) -> str:
    if timestamp <= 0:
        return ""
    return dt.datetime.fromtimestamp(timestamp).strftime("%d.%m.%Y %H:%M")


def clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def episode(number: float) -> str:
    return translate("Labels", "Episode %1").replace("%1", f"{number:g}")
