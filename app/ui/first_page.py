"""The start page's first page, and when the API opens around it.

A warm start (a kept copy of the first page, and an API whose kind is known without asking the
network) paints that copy with the posters of the disk cache before anything of the network
loads; the API (httpx, TLS) opens once that paint is done, and its answer is merged in place.
A cold start opens the API at once and asks for the page while the window is built; its tray
and announcements wait until that page is shown with its posters (`shown`).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from app.services.state import LoadState
from app.ui.catalog.card_face import POSTER_SIZE
from app.ui.catalog.model import image_url

if TYPE_CHECKING:
    from app.services.api import ApiService
    from app.services.context import AppServices
    from app.services.paged import PagedQuery
    from app.ui.catalog.grid import CatalogGrid

FIRST_PAINT_WAIT_S = 1.0  # a window that is never painted (hidden, covered) must not hold the API
FIRST_PAGE_WAIT_S = 3.0
POSTERS_GRACE_S = 1.0
PREFETCH_POSTERS = 24  # about a screenful of cards
REQUEST_OUT_S = 0.005  # the loop turns this long for the first page's request to be written


async def _sent(query: PagedQuery, within: float) -> None:
    """The loop turns for `within` seconds after the query's first turn (which starts the
    connection, loading what that needs), or until its answer is in: the connection, then the
    write, each take a turn, and a server near by (the demo, a LAN mirror) may answer within it.
    Either way the request is on its way while the window is built: a far server's answer comes
    meanwhile, not after it."""
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0)
    until = loop.time() + within
    while loop.time() < until and query.state is LoadState.LOADING:  # noqa: ASYNC110 (turns)
        await asyncio.sleep(0)


async def _settled(query: PagedQuery, within: float) -> None:
    """Until the query has its answer (or `within` seconds have passed)."""
    done = asyncio.Event()

    def check(*_: object) -> None:
        if query.state is not LoadState.LOADING and not query.loading:
            done.set()

    query.state_changed.connect(check)
    check()
    try:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), within)
    finally:
        query.state_changed.disconnect(check)


async def _painted(grid: CatalogGrid, api: ApiService, within: float) -> None:
    """Until the grid has been painted with its cards' posters, or something (a poster not on
    disk) needs the API, or `within` seconds have passed."""
    done = asyncio.Event()
    grid.posters_painted.connect(done.set)
    api.wanted.connect(done.set)
    try:  # either may have happened already (the loop turns while the window is built)
        if not grid.painted_with_posters and not api.awaited:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), within)
    finally:
        grid.posters_painted.disconnect(done.set)
        api.wanted.disconnect(done.set)


class FirstPage:
    def __init__(self, services: AppServices, shows_catalogue: bool) -> None:
        self._services = services
        self._shows_catalogue = shows_catalogue
        self.warm = False

    async def before_window(self) -> None:
        """The kept first page (warm), or the API opened and the page asked for (cold)."""
        services = self._services
        # The window's rail shows what the API can do: its kind must be known to wait for it.
        if self._shows_catalogue and services.api.expected_kind() is not None:
            self.warm = await services.catalog.show_kept_updates()
        if self.warm:
            # Decoded on worker threads while this thread builds the window, in grid order.
            for title in services.catalog.updates.kept[:PREFETCH_POSTERS]:
                services.posters.prefetch(image_url(title), POSTER_SIZE)
            return
        await services.start_api()
        if self._shows_catalogue:
            services.catalog.updates.reload()  # out while the window is built
            await _sent(services.catalog.updates, REQUEST_OUT_S)

    async def refresh(self, grid: CatalogGrid | None) -> None:
        """After a warm start's first paint (or once something needs the network): the API
        opens and the kept page is refreshed in place. Nothing to do after a cold start."""
        if not self.warm:
            return
        if grid is not None:
            await _painted(grid, self._services.api, FIRST_PAINT_WAIT_S)
        await self._services.start_api()
        self._services.catalog.updates.refresh()

    async def shown(self, grid: CatalogGrid | None) -> None:
        """Until a cold start's first page is on screen with its posters, or has nothing to show
        that soon (no answer within the wait, an error, no titles)."""
        if grid is None:
            return
        await _settled(self._services.catalog.updates, FIRST_PAGE_WAIT_S)
        if self._services.catalog.updates.state is LoadState.READY:
            await _painted(grid, self._services.api, FIRST_PAINT_WAIT_S)

    async def settled(self) -> None:
        """Until the page has its answer and its posters: what follows must not compete."""
        if self._shows_catalogue:
            await _settled(self._services.catalog.updates, FIRST_PAGE_WAIT_S)
            await asyncio.sleep(POSTERS_GRACE_S)
