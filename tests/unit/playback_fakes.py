"""The playback session's fakes: a stream resolver, a progress store, a title source, and a
recorder of signals."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from app.core import Episode, Quality, Title
from app.services.streams import PlaybackError, StreamChoice
from tests.unit.fake_player import EPISODE_LENGTH


class FakeStreams:
    """Answers with a stream for every episode, except those told to fail or to wait: the
    preferred host's unprobed when asked so, a caching node's when the preferred one is skipped.
    Hosts in `dead` do not answer a probe."""

    api_base = "https://api.libria.fun/api/v1"

    def __init__(self) -> None:
        self.refuse: set[float] = set()
        self.held: dict[float, asyncio.Event] = {}
        self.dead: set[str] = set()
        self.probed: list[str] = []
        self.probe_held: asyncio.Event | None = None

    async def resolve(
        self, title: Title, episode: Episode, quality: Quality | None = None,
        start: float | None = None, *, probe: bool = True, skip: str = "",
    ) -> StreamChoice:  # fmt: skip
        if episode.number in self.held:
            await self.held[episode.number].wait()
        if episode.number in self.refuse:
            raise PlaybackError(f"Episode {episode.label} has no stream")
        chosen = quality or Quality.FHD
        host = "node.libria.fun" if skip else "cache.libria.fun"
        if host in self.dead and skip:
            raise PlaybackError(f"No stream host answered: {skip}, {host}")
        url = f"https://{host}{episode.hls.get(chosen)}"
        return StreamChoice(
            title, episode, chosen, url, host, not skip, start or 0.0, probed=probe or bool(skip)
        )

    async def answers(self, url: str) -> bool:
        self.probed.append(url)
        await asyncio.sleep(0)
        if self.probe_held is not None:
            await self.probe_held.wait()
        return urlsplit(url).netloc not in self.dead


class FakeProgress:
    def __init__(self) -> None:
        self.records: list[tuple[int, float, float]] = []

    async def record(
        self, title_id: int, episode: float, position: float, length: float,
        episode_id: str = "", periodic: bool = False,
    ) -> None:  # fmt: skip
        await asyncio.sleep(0)  # written elsewhere, as the library does it on its thread
        self.records.append((title_id, episode, round(position)))

    async def watched(self, title_id: int) -> set[float]:
        return {e for t, e, p in self.records if t == title_id and p >= EPISODE_LENGTH - 1}


class FakeTitles:
    def __init__(self, *titles: Title) -> None:
        self.titles = {t.id: t for t in titles}

    async def title(
        self, *, code: str | None = None, id: int | None = None, episode: float | None = None
    ) -> Title:
        if id not in self.titles:
            raise LookupError(f"title {id} is not in the catalogue")
        return self.titles[id]


class Recorder:
    """Everything one signal said, in order."""

    def __init__(self, signal: Any) -> None:
        self.values: list[Any] = []
        signal.connect(lambda *args: self.values.append(args[0] if len(args) == 1 else args))


async def until(condition: Callable[[], object], within: float = 5.0) -> None:
    for _ in range(int(within / 0.005)):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the condition never held")
