"""The title a play by code or id needs (`libria play`, a libria:// link, the tray's "Watch",
continue watching): the library's kept copy when it has the episode, which costs no network,
else the catalogue's (the API's answer, or its kept copy when the server is away)."""

from __future__ import annotations

from typing import Protocol

from app.core import Title
from app.storage.library import Cached


class KeptTitles(Protocol):
    async def kept_title(
        self, *, title_id: int | None = None, code: str | None = None
    ) -> Cached | None: ...


class Catalogue(Protocol):
    async def title(self, *, code: str | None = None, id: int | None = None) -> Title: ...


def playable(title: Title, episode: float | None) -> bool:
    """A full copy (with episodes) that has the episode asked for (any, when none is)."""
    episodes = title.player.episodes
    return bool(episodes) and (episode is None or title.player.episode(episode) is not None)


class PlayableTitles:
    def __init__(self, library: KeptTitles, catalog: Catalogue) -> None:
        self._library = library
        self._catalog = catalog

    async def kept(
        self, *, code: str | None = None, id: int | None = None, episode: float | None = None
    ) -> Title | None:
        """The library's copy, when it can play `episode` (no network)."""
        cached = await self._library.kept_title(title_id=id, code=None if id else code)
        title = cached.value if cached is not None else None
        return title if isinstance(title, Title) and playable(title, episode) else None

    async def title(
        self, *, code: str | None = None, id: int | None = None, episode: float | None = None
    ) -> Title:
        """The kept copy when it can play `episode`; otherwise the catalogue is asked (an
        episode announced since the copy was kept is not in it)."""
        kept = await self.kept(code=code, id=id, episode=episode)
        return kept if kept is not None else await self._catalog.title(code=code, id=id)
