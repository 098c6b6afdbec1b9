"""What `libria download` shows while it works: on a terminal, a `rich` progress bar per episode
and one for all; otherwise (a pipe, a log) plain lines, a few per episode."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Protocol, TextIO

from app.core.download import DownloadItem, DownloadState, FetchProgress

if TYPE_CHECKING:
    from rich.progress import TaskID

PLAIN_STEP = 25  # plain lines at 25 %, 50 %, 75 %


def human_size(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"  # never reached: GB ends the loop


def detail(progress: FetchProgress) -> str:
    """ "12.3 MB / 150.0 MB · 2.1 MB/s · 0:45"."""
    parts = [human_size(progress.bytes_done)]
    if progress.bytes_expected:
        parts[0] += f" / {human_size(progress.bytes_expected)}"
    if progress.speed_bps > 0:
        parts.append(f"{human_size(progress.speed_bps)}/s")
    eta = progress.eta_s
    if eta is not None:
        parts.append(f"{int(eta) // 60}:{int(eta) % 60:02d}")
    return " · ".join(parts)


class View(Protocol):
    def begin(self, items: list[DownloadItem]) -> None: ...

    def changed(self, item: DownloadItem) -> None: ...

    def progress(self, item_id: int, progress: FetchProgress) -> None: ...

    def end(self) -> None: ...


def make_view(text: dict[str, str], terminal: bool) -> View:
    return RichView(text) if terminal else PlainView(text)


class PlainView:
    def __init__(self, text: dict[str, str], out: TextIO | None = None) -> None:
        self._text = text
        self._out = out or sys.stdout
        self._labels: dict[int, str] = {}
        self._shown: dict[int, int] = {}  # item id: the last percentage step printed

    def _say(self, line: str) -> None:
        print(line, file=self._out, flush=True)

    def begin(self, items: list[DownloadItem]) -> None:
        self._labels = {item.id: item.episode_label for item in items}
        for item in items:
            self.changed(item)

    def changed(self, item: DownloadItem) -> None:
        label = item.episode_label
        if item.state is DownloadState.DONE:
            self._say(self._text["done"].format(label=label, size=human_size(item.size)))
        elif item.state is DownloadState.DOWNLOADING:
            self._say(self._text["state"].format(label=label, state=self._text["downloading"]))
        elif item.state is DownloadState.QUEUED and item.reason:  # another process has it
            self._say(self._text["waiting"].format(label=label, reason=item.reason))

    def progress(self, item_id: int, progress: FetchProgress) -> None:
        step = int(progress.fraction * 100) // PLAIN_STEP * PLAIN_STEP
        if 0 < step < 100 and step > self._shown.get(item_id, 0):
            self._shown[item_id] = step
            label = self._labels.get(item_id, "?")
            self._say(self._text["percent"].format(label=label, percent=step))

    def end(self) -> None:
        self._out.flush()


class RichView:
    def __init__(self, text: dict[str, str]) -> None:
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

        self._text = text
        self._bars = Progress(
            TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[detail]}"),
        )  # fmt: skip
        self._tasks: dict[int, TaskID] = {}
        self._fraction: dict[int, float] = {}
        self._total: TaskID | None = None

    def begin(self, items: list[DownloadItem]) -> None:
        self._bars.start()
        for item in items:
            label = self._text["episode"].format(label=item.episode_label)
            self._tasks[item.id] = self._bars.add_task(label, total=1.0, detail="")
            self.changed(item)
        self._total = self._bars.add_task(self._text["total"], total=max(1, len(items)),
                                          detail="")  # fmt: skip
        self._update_total()

    def changed(self, item: DownloadItem) -> None:
        task = self._tasks.get(item.id)
        if task is None:
            return
        if item.state is DownloadState.DONE:
            self._fraction[item.id] = 1.0
            self._bars.update(task, completed=1.0, detail=human_size(item.size))
        elif item.state is DownloadState.FAILED:
            self._bars.update(task, detail=f"[red]{item.reason}")
        elif item.state is DownloadState.QUEUED and item.reason:
            self._bars.update(task, detail=item.reason)
        self._update_total()

    def progress(self, item_id: int, progress: FetchProgress) -> None:
        task = self._tasks.get(item_id)
        if task is not None:
            self._fraction[item_id] = progress.fraction
            self._bars.update(task, completed=progress.fraction, detail=detail(progress))
            self._update_total()

    def _update_total(self) -> None:
        if self._total is not None:
            done = sum(self._fraction.values())
            self._bars.update(self._total, completed=done)

    def end(self) -> None:
        self._bars.stop()
