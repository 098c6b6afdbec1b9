"""The words downloads are shown in (context "Downloads"): states, sizes, speeds, time left."""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QCoreApplication, QObject

from app.core import Quality
from app.core.download import DownloadItem, DownloadState

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

QUALITY_NAMES = {Quality.FHD: "1080p", Quality.HD: "720p", Quality.SD: "480p"}


class DownloadPlurals(QObject):
    """Plural forms: lupdate recognises numerus only in self.tr(text, "", n) calls."""

    def finished(self, count: int) -> str:
        return self.tr("Download finished: %n episode(s)", "", count)

    def all_failed(self, count: int) -> str:
        return self.tr("Download failed: %n episode(s)", "", count)

    def failed(self, count: int) -> str:
        return self.tr("%n failed", "", count)

    def queued(self, count: int) -> str:
        return self.tr("%n episode(s) added to downloads", "", count)


@functools.cache
def plurals() -> DownloadPlurals:
    return DownloadPlurals()


def state(item: DownloadItem) -> str:
    """Queued, Downloading, Paused, Failed: why, Done."""
    if item.state is DownloadState.FAILED:
        reason = item.reason or translate("Downloads", "unknown error")
        return translate("Downloads", "Failed: %1").replace("%1", reason)
    return {
        DownloadState.QUEUED: translate("Downloads", "Queued"),
        DownloadState.DOWNLOADING: translate("Downloads", "Downloading"),
        DownloadState.PAUSED: translate("Downloads", "Paused"),
        DownloadState.DONE: translate("Downloads", "Done"),
    }[item.state]


def short_state(value: DownloadState) -> str:
    """The badge on an episode's still on the title page (short: the still is small)."""
    return {
        DownloadState.QUEUED: translate("Downloads", "queued"),
        DownloadState.DOWNLOADING: translate("Downloads", "downloading"),
        DownloadState.PAUSED: translate("Downloads", "paused"),
        DownloadState.FAILED: translate("Downloads", "failed"),
        DownloadState.DONE: translate("Downloads", "on disk"),
    }[value]


def size(num_bytes: int) -> str:
    """312 MB, 1.4 GB, 2.4 MB: a decimal only where it says something."""
    units = [
        translate("Labels", "B"),
        translate("Labels", "KB"),
        translate("Labels", "MB"),
        translate("Labels", "GB"),
        translate("Labels", "TB"),
    ]
    value = float(max(0, num_bytes))
    unit = 0
    while value >= 1024 and unit < len(units) - 1:
        value /= 1024
        unit += 1
    digits = 1 if unit >= 2 and value < 10 else 0
    return f"{value:.{digits}f} {units[unit]}"


def speed(bytes_per_second: float) -> str:
    return translate("Downloads", "%1/s").replace("%1", size(int(bytes_per_second)))


def time_left(seconds: float | None) -> str:
    """5 s, 4 min, 1 h 20 min; empty when it cannot be told."""
    if seconds is None:
        return ""
    whole = round(seconds)
    if whole < 60:
        return translate("Downloads", "%1 s").replace("%1", str(whole))
    minutes = round(whole / 60)
    if minutes < 60:
        return translate("Downloads", "%1 min").replace("%1", str(minutes))
    return (
        translate("Downloads", "%1 h %2 min")
        .replace("%1", str(minutes // 60))
        .replace("%2", str(minutes % 60))
    )


def percent(fraction: float) -> str:
    """Rounded down (99 % until it is really done), past float noise (0.3 is 30 %, not 29)."""
    return f"{math.floor(max(0.0, min(1.0, fraction)) * 100 + 1e-6)} %"


def batch_line(active: int, done: int, fraction: float) -> str:
    """The tray's line while a batch runs: "Downloads: 3 of 10, 45 %"."""
    return (
        translate("Downloads", "Downloads: %1 of %2, %3")
        .replace("%1", str(done))
        .replace("%2", str(done + active))
        .replace("%3", percent(fraction))
    )


def batch_notice(done: int, failed: int) -> tuple[str, str]:
    """A finished batch's notification: its summary and body."""
    if done == 0 and failed:
        return plurals().all_failed(failed), ""
    return plurals().finished(done), plurals().failed(failed) if failed else ""
