"""A download engine in memory, behind the real engine's signature (app.download.engine's
`download_episode`): it writes a part to the work dir, reports progress, and writes the file.

Tests hold an episode until they release it (`hold`), make one fail (`fail`, with the app's own
DownloadFailed kinds), and read back what was asked (`calls`) and how many ran at once."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from app.core.download import FetchProgress, RefusedSource, SharedRecord

SEGMENTS = 4
SEGMENT = b"\x47" * 188  # one MPEG-TS packet stands in for a segment


def _stand_ins() -> None:
    """Until the real engine is merged, a stand-in with its exact API takes its place in the
    tests (never in app/): `app.download.engine`, `.names` and `.lock`."""
    try:
        import app.download.engine
        import app.download.lock
        import app.download.names  # noqa: F401
    except ImportError:
        pass
    else:
        return

    @dataclass(frozen=True)
    class EpisodeSource:
        urls: tuple[str, ...]
        allowed_hosts: frozenset[str]

    async def download_episode(*args: Any, **kwargs: Any) -> int:
        raise AssertionError("the stand-in engine never downloads")

    def title_folder(name: str, title_id: int) -> str:
        return f"{name.replace('/', '_') or 'title'} [{title_id}]"

    def episode_file(title_name: str, episode_label: str, quality: str) -> str:
        return f"{title_name.replace('/', '_')} - {episode_label} [{quality}].mp4"

    def inside(root: Path, *parts: str) -> Path:
        path = root.joinpath(*parts)
        if ".." in Path(*parts).parts or not path.is_relative_to(root):
            raise RefusedSource("outside")
        return path

    @contextlib.contextmanager
    def episode_lock(work_dir: Path) -> Iterator[None]:
        yield

    lock = types.ModuleType("app.download.lock")
    lock.episode_lock = episode_lock  # type: ignore[attr-defined]
    sys.modules.setdefault("app.download.lock", lock)
    engine = types.ModuleType("app.download.engine")
    engine.EpisodeSource = EpisodeSource  # type: ignore[attr-defined]
    engine.PARALLEL_SEGMENTS = 4  # type: ignore[attr-defined]
    engine.download_episode = download_episode  # type: ignore[attr-defined]
    names = types.ModuleType("app.download.names")
    names.title_folder = title_folder  # type: ignore[attr-defined]
    names.episode_file = episode_file  # type: ignore[attr-defined]
    names.inside = inside  # type: ignore[attr-defined]
    sys.modules.setdefault("app.download.engine", engine)
    sys.modules.setdefault("app.download.names", names)


_stand_ins()


def episode_of(work_dir: Path) -> float:
    """The episode number in a work dir's name (`<title id>-<episode>-<quality>`)."""
    return float(work_dir.name.split("-")[1])


@dataclass
class Call:
    source: Any  # EpisodeSource
    target: Path
    work_dir: Path
    resumed_from: int  # segments already on disk when it started


class FakeEngine:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.running = 0
        self.most_at_once = 0
        self.progress_calls = SEGMENTS  # how many progress reports one episode makes
        self._held: dict[float, asyncio.Event] = {}
        self._started: dict[float, asyncio.Event] = {}
        self._failures: dict[float, list[BaseException]] = {}

    def hold(self, episode: float) -> asyncio.Event:
        """That episode waits (after its first segment) until the returned event is set."""
        self._held[episode] = asyncio.Event()
        return self._held[episode]

    def started(self, episode: float) -> asyncio.Event:
        return self._started.setdefault(episode, asyncio.Event())

    def fail(self, episode: float, error: BaseException, times: int = 1) -> None:
        self._failures.setdefault(episode, []).extend([error] * times)

    def episodes(self) -> list[float]:
        return [episode_of(call.work_dir) for call in self.calls]

    async def __call__(
        self,
        source: Any,
        target: Path,
        work_dir: Path,
        client: httpx.AsyncClient,
        on_progress: Callable[[FetchProgress], None],
        parallel: int = 4,
        record: SharedRecord | None = None,
    ) -> int:
        episode = episode_of(work_dir)
        failures = self._failures.get(episode)
        if failures:
            raise failures.pop(0)
        finished = None if record is None else await record.finished_size()
        if finished is not None:  # as the real engine: finished elsewhere while it waited
            return finished
        self.calls.append(Call(source, target, work_dir, _parts_on_disk(work_dir)))
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        try:
            size = await self._fetch(episode, target, work_dir, on_progress)
        finally:
            self.running -= 1
        if record is not None:
            await record.record_finished(size)
        return size

    async def _fetch(
        self, episode: float, target: Path, work_dir: Path,
        on_progress: Callable[[FetchProgress], None],
    ) -> int:  # fmt: skip
        _write_parts(work_dir, 1)
        self.started(episode).set()
        held = self._held.get(episode)
        if held is not None:
            await held.wait()
        _write_parts(work_dir, SEGMENTS)
        for report in range(1, self.progress_calls + 1):
            done = max(1, report * SEGMENTS // self.progress_calls)
            on_progress(FetchProgress(done, SEGMENTS, done * len(SEGMENT),
                                      SEGMENTS * len(SEGMENT), 1000.0))  # fmt: skip
        return _remux(target, work_dir)


def _parts_on_disk(work_dir: Path) -> int:
    work_dir.mkdir(parents=True, exist_ok=True)
    return len(list(work_dir.glob("*.ts")))


def _write_parts(work_dir: Path, count: int) -> None:
    for number in range(count):
        (work_dir / f"{number}.ts").write_bytes(SEGMENT)


def _remux(target: Path, work_dir: Path) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(SEGMENT * SEGMENTS)
    shutil.rmtree(work_dir)
    return target.stat().st_size
