"""`libria download CODE [EPISODES] [--quality 1080|720|480] [--to DIR]`: episodes to disk from a
shell, with a progress bar per episode and one for all (plain lines when not on a terminal).

A process of its own, whether or not the window runs: the same library (its downloads queue) and
the same download folder as the window, so running it again resumes what is left, and the
engine's per-episode lock keeps the two from fetching one episode twice. It downloads only what
it was asked for, never the rest of the window's queue. Exit codes: 0 all there, 1 some failed
(the reasons are printed), 2 unusable arguments or episodes the title does not have, 130 stopped
by Ctrl+C, 143 by SIGTERM (what was fetched stays: the same command resumes).
"""

from __future__ import annotations

import asyncio
import logging
import re
import signal
import sys
from typing import TYPE_CHECKING

from app.cli import BadLinkError, DownloadCommand, UsageError, parse
from app.core import Quality, Title
from app.core.download import DownloadItem, DownloadState
from app.core.paths import config_dir, data_dir

if TYPE_CHECKING:  # loaded when the command runs, not for every `libria` start
    from app.demo import DemoServerThread
    from app.services.api import ApiService
    from app.services.downloads import DownloadService
    from app.services.library import LibraryService
    from app.services.settings import SettingsStore
    from app.services.tasks import TaskRunner

QUALITIES = {"1080": Quality.FHD, "720": Quality.HD, "480": Quality.SD}
MAX_RANGE = 5000  # "1-99999" is a typo, not a plan
_PART = re.compile(r"(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?")
ENDED = (DownloadState.DONE, DownloadState.FAILED)

MESSAGES = {
    "ru": {
        "bad_episodes": "Не понимаю «{spec}»: ожидаются номера и диапазоны, например 1-3,5",
        "missing": "В «{title}» нет серий: {episodes}",
        "no_title": "Тайтл «{code}» не найден",
        "failed_api": "Нет связи с сервером: {reason}",
        "episode": "Серия {label}",
        "total": "Всего",
        "done": "Серия {label}: готово, {size}",
        "failed": "Серия {label}: не скачана: {reason}",
        "left": "Серия {label}: не скачана (очередь остановлена)",
        "state": "Серия {label}: {state}",
        "percent": "Серия {label}: {percent}%",
        "waiting": "Серия {label}: ждёт ({reason})",
        "summary": "Скачано {done} из {count} в {folder}",
        "paused": "Остановлено. Повторите команду, чтобы продолжить с того же места.",
        "downloading": "скачивается",
    },
    "en": {
        "bad_episodes": "Cannot read {spec!r}: numbers and ranges are expected, e.g. 1-3,5",
        "missing": "{title} has no episode {episodes}",
        "no_title": "No title {code!r}",
        "failed_api": "Cannot reach the server: {reason}",
        "episode": "Episode {label}",
        "total": "All",
        "done": "Episode {label}: done, {size}",
        "failed": "Episode {label}: not downloaded: {reason}",
        "left": "Episode {label}: not downloaded (the queue stopped)",
        "state": "Episode {label}: {state}",
        "percent": "Episode {label}: {percent}%",
        "waiting": "Episode {label}: waiting ({reason})",
        "summary": "{done} of {count} downloaded to {folder}",
        "paused": "Stopped. Run the same command again to go on where it stopped.",
        "downloading": "downloading",
    },
}


class BadEpisodes(ValueError):
    """An episode list that is not numbers and ranges."""


def parse_episodes(spec: str) -> list[tuple[float, float]]:
    """ "1-3,5,12.5" -> [(1, 3), (5, 5), (12.5, 12.5)]; BadEpisodes for anything else."""
    ranges = []
    for part in spec.replace(" ", "").split(","):
        match = _PART.fullmatch(part)
        if match is None:
            raise BadEpisodes(part)
        first = float(match.group(1))
        last = float(match.group(2)) if match.group(2) else first
        if first <= 0 or last < first or last - first > MAX_RANGE:
            raise BadEpisodes(part)
        ranges.append((first, last))
    return ranges


def select(ranges: list[tuple[float, float]], title: Title) -> tuple[list[float], list[str]]:
    """The title's episodes the ranges name, in the title's order, and what it does not have:
    a single number it lacks, or a whole number inside a range it lacks."""
    have = [episode.number for episode in title.player.episodes]
    chosen = {n for n in have if any(first <= n <= last for first, last in ranges)}
    missing: list[float] = []
    for first, last in ranges:
        wanted = [first] if first == last else [float(n) for n in range(int(first), int(last) + 1)]
        missing += [n for n in wanted if first <= n <= last and n not in have]
    return [n for n in have if n in chosen], _runs(sorted(set(missing)))


def _runs(numbers: list[float]) -> list[str]:
    """[3, 4, 5, 7, 7.5] -> ["3-5", "7", "7.5"]: a long list of missing episodes stays short."""
    runs: list[list[float]] = []
    for number in numbers:
        if runs and number.is_integer() and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return [f"{r[0]:g}-{r[-1]:g}" if len(r) > 1 else f"{r[0]:g}" for r in runs]


def run_download_command(argv: list[str]) -> int | None:
    """The command's exit code; None when the arguments are not a download command."""
    try:
        options = parse(argv)
    except (UsageError, BadLinkError) as error:
        if "download" not in argv:
            return None  # not ours: the app reports it as it always did
        print(f"libria: {error}", file=sys.stderr)
        return 2
    command = options.download
    if command is None:
        return None
    logging.basicConfig(level=logging.WARNING, format="libria: %(message)s")
    from app.services.settings import SettingsStore

    settings = SettingsStore(config_dir() / "settings.ini")
    overrides = list(options.overrides)
    if command.to is not None:
        overrides.append(("download_dir", command.to))
    try:
        for key, value in overrides:
            settings.override(key, value)
    except ValueError as error:
        print(f"libria: {error}", file=sys.stderr)
        return 2
    text = MESSAGES.get(str(settings.get("language")), MESSAGES["en"])
    ranges = None
    if command.episodes is not None:
        try:
            ranges = parse_episodes(command.episodes)
        except BadEpisodes:
            print(f"libria: {text['bad_episodes'].format(spec=command.episodes)}", file=sys.stderr)
            return 2
    return asyncio.run(_main(command, ranges, settings, text, options.demo))


async def _main(
    command: DownloadCommand, ranges: list[tuple[float, float]] | None,
    settings: SettingsStore, text: dict[str, str], demo: bool,
) -> int:  # fmt: skip
    """Runs the download until it ends or Ctrl+C (or SIGTERM) stops it: then 128 + the
    signal's number, as a shell reports a command a signal ended."""
    stopped_by: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def stop(number: int) -> None:
        if not stopped_by.done():
            stopped_by.set_result(number)

    for number in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(number, stop, number)
    run = _Run(command, ranges, settings, text, demo)
    work = asyncio.ensure_future(run.main())
    try:
        await asyncio.wait({work, stopped_by}, return_when=asyncio.FIRST_COMPLETED)
        if work.done():
            return work.result()
        run.pause()
        work.cancel()
        await asyncio.gather(work, return_exceptions=True)
        print(text["paused"], file=sys.stderr)
        return 128 + stopped_by.result()
    finally:
        stopped_by.cancel()
        await run.close()


class _Run:
    """One `libria download`: the API, the library, the downloads service, the view."""

    def __init__(
        self, command: DownloadCommand, ranges: list[tuple[float, float]] | None,
        settings: SettingsStore, text: dict[str, str], demo: bool,
    ) -> None:  # fmt: skip
        self.command = command
        self.ranges = ranges
        self.settings = settings
        self.text = text
        self.demo: DemoServerThread | None = None
        self.wants_demo = demo
        self.api: ApiService | None = None
        self.library: LibraryService | None = None
        self.tasks: TaskRunner | None = None
        self.service: DownloadService | None = None
        self.items: dict[int, DownloadItem] = {}

    async def main(self) -> int:
        from app.api.errors import ApiError, NotFoundError

        try:
            api = await self._open_api()
            title = await api.backend.title(code=self.command.code)
        except NotFoundError:
            print(self.text["no_title"].format(code=self.command.code), file=sys.stderr)
            return 2
        except ApiError as error:
            print(self.text["failed_api"].format(reason=error), file=sys.stderr)
            return 1
        numbers = None
        if self.ranges is not None:
            numbers, missing = select(self.ranges, title)
            if missing:
                shown = ", ".join(missing)
                message = self.text["missing"].format(title=title.names.main, episodes=shown)
                print(f"libria: {message}", file=sys.stderr)
                return 2
        return await self._download(title, numbers)

    async def _open_api(self) -> ApiService:
        from app.api.backend import ApiKind
        from app.services.api import ApiService
        from app.services.context import remembered_api

        base = self.settings.get("api_base") or None
        kind = ApiKind(self.settings.get("api_kind"))
        remembered = remembered_api(self.settings)
        if self.wants_demo:  # the demo's catalogue, served from this process while it runs
            from app.demo import DemoConfig, DemoServerThread

            self.demo = demo = await asyncio.to_thread(DemoServerThread(DemoConfig()).start)
            kind = ApiKind.V1 if kind is ApiKind.V1 else ApiKind.V2
            base = demo.api_base_v1 if kind is ApiKind.V1 else demo.api_base()
            remembered = None
        self.api = ApiService(base, kind, remembered=remembered)
        await self.api.start()
        return self.api

    async def _download(self, title: Title, numbers: list[float] | None) -> int:
        from app.download_view import make_view
        from app.services.downloads import DownloadService
        from app.services.library import LibraryService
        from app.services.streams import StreamResolver
        from app.services.tasks import TaskRunner

        assert self.api is not None
        own = "demo" if self.demo is not None else ""  # the window's library, demo or not
        self.library = library = LibraryService(data_dir() / own / "library.sqlite3")
        await library.start()
        self.tasks = tasks = TaskRunner()
        streams = StreamResolver(self.api, self.settings, library)
        self.service = service = DownloadService(
            library, streams, self.api.backend, self.settings, tasks
        )
        view = make_view(self.text, sys.stdout.isatty())
        ended = asyncio.Event()

        def changed(item: DownloadItem) -> None:
            if item.id in self.items:
                self.items[item.id] = item
                view.changed(item)
                if all(kept.state in ENDED for kept in self.items.values()):
                    ended.set()

        service.changed.connect(changed)
        service.progress.connect(lambda item_id, progress: view.progress(item_id, progress))
        service.batch_finished.connect(lambda *_: ended.set())  # also: stopped, disk full
        service.start(resume_queue=False)
        quality = QUALITIES[self.command.quality] if self.command.quality else None
        await service.add(title, numbers, quality)
        wanted = numbers if numbers is not None else [e.number for e in title.player.episodes]
        found = (service.item_for(title.id, number) for number in wanted)
        self.items = {item.id: item for item in found if item is not None}
        view.begin(list(self.items.values()))
        if all(item.state in ENDED for item in self.items.values()):
            ended.set()
        try:
            await ended.wait()
        finally:
            view.end()
        return self._report(service)

    def _report(self, service: DownloadService) -> int:
        items = list(self.items.values())
        for item in items:
            if item.state is DownloadState.FAILED:
                line = self.text["failed"].format(label=item.episode_label, reason=item.reason)
                print(line, file=sys.stderr)
            elif item.state is not DownloadState.DONE:
                print(self.text["left"].format(label=item.episode_label), file=sys.stderr)
        done = sum(item.state is DownloadState.DONE for item in items)
        folder = service.folder_of(items[0].id) if items else service.files.root()
        print(self.text["summary"].format(done=done, count=len(items), folder=folder))
        return 0 if done == len(items) else 1

    def pause(self) -> None:
        """Ctrl+C: every episode of this run not finished is paused (its parts stay)."""
        if self.service is None:
            return
        for item_id, item in self.items.items():
            if item.state not in ENDED:
                self.service.pause(item_id)

    async def close(self) -> None:
        if self.service is not None:
            await self.service.shutdown()
        if self.tasks is not None:
            await self.tasks.shutdown()
        if self.library is not None:
            await self.library.close()
        if self.api is not None:
            await self.api.close()
        if self.demo is not None:
            await asyncio.to_thread(self.demo.stop)
