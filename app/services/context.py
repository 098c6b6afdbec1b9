"""Every service of one app run, created together and shut down in order."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.api.backend import ApiKind
from app.api.select import LIVE_BASES, Candidates
from app.core import Title
from app.core.download import DownloadState
from app.services.account import AccountService
from app.services.account_lists import AccountFavourites, AccountLists
from app.services.api import ApiService
from app.services.catalog import CatalogService
from app.services.library import LibraryService
from app.services.media_fetch import QtMediaFetcher
from app.services.offline import Connectivity, OfflineCache
from app.services.posters import PosterService
from app.services.search import SearchService
from app.services.settings import SettingsStore
from app.services.switching import ApiSwitching, Reloading
from app.services.sync import SyncService
from app.services.tasks import TaskRunner
from app.storage.secrets import TokenStore

# Made when first needed, not before the first page (which needs the catalogue, the posters,
# the library and the stars' favourites and lists): the downloads, playback, the update stream.
if TYPE_CHECKING:
    from app.services.account_progress import AccountProgress
    from app.services.announcer import Announcer
    from app.services.download_auto import AutoDownloads
    from app.services.downloads import DownloadService
    from app.services.player_port import Player
    from app.services.session import PlaybackSession
    from app.services.streams import LocalCopy, StreamResolver
    from app.services.updates import UpdatesService

log = logging.getLogger(__name__)
QUIT_PUSH_S = 3.0  # at quit, the last positions get this long to reach the account
TITLE_FOLLOWS_S = 1.0  # a new episode's title update comes right after it (else: library, API)


def remembered_api(settings: SettingsStore) -> tuple[str, ApiKind] | None:
    """The last automatic choice that answered ("v1 https://..."), if any and well-formed."""
    kind, _, url = str(settings.get("api_answered")).partition(" ")
    if kind not in (ApiKind.V1, ApiKind.V2) or not url.startswith(("https://", "http://")):
        return None
    return url, ApiKind(kind)


class AppServices(QObject):
    # A service made on first use exists from now on (see `when_made`).
    downloads_made = Signal()
    playback_made = Signal()
    updates_made = Signal()
    _downloads: DownloadService | None = None  # made on first use (see `downloads`)
    _streams: StreamResolver | None = None
    _playback: PlaybackSession | None = None  # with `progress`
    _updates: UpdatesService | None = None  # with `announcer`
    _announcer: Announcer | None = None
    _progress: AccountProgress | None = None
    auto_downloads: AutoDownloads | None = None  # made when the app starts listening

    def __init__(
        self,
        settings: SettingsStore,
        api_base: str | None,
        cache_dir: Path,
        data_dir: Path | None = None,
        parent: QObject | None = None,
        api_kind: ApiKind = ApiKind.AUTO,
        api_candidates: Candidates = LIVE_BASES,
        set_autostart: Callable[[bool], None] | None = None,
    ) -> None:
        data_dir = data_dir or cache_dir.parent / "data"
        super().__init__(parent)
        self.settings = settings
        # Given by the composition root (services do not import desktop); None: the setting is
        # only stored, as in tests, which must not write the user's autostart entry.
        self._set_autostart = set_autostart
        self._closing = False  # shutdown has begun: nothing new is loaded ahead
        self.tasks = TaskRunner()
        self.api = ApiService(
            api_base, api_kind, self, remembered=remembered_api(settings), candidates=api_candidates
        )
        self.api.auto_chosen.connect(
            lambda url, kind: settings.set("api_answered", f"{kind} {url}")
        )
        self.library = LibraryService(
            data_dir / "library.sqlite3", legacy_progress=data_dir / "progress.json", parent=self
        )
        self.connectivity = Connectivity(self.api, self.tasks, parent=self)
        offline = OfflineCache(self.library, self.connectivity, self.tasks)
        self.catalog = CatalogService(self.api, self.tasks, offline, self)
        self.search = SearchService(self.api, self.tasks, parent=self)
        self.posters = PosterService(
            self.api, self.tasks, cache_dir / "posters", library=self.library, parent=self,
            media=QtMediaFetcher(),
        )  # fmt: skip
        self.switching = ApiSwitching(settings, self.api, self.tasks, self)
        self.reloading = Reloading(
            self.api, self.connectivity, self.catalog, self.search, self.posters, self
        )
        self._account_services(data_dir)
        settings.on_change(("announce", "announce_year", "announce_genre"), self._announce_changed)
        settings.on_change("autostart", self._autostart_changed)

    def _account_services(self, data_dir: Path) -> None:
        """The account, its sync, and the favourites and lists the cards' marks show."""
        self.account = AccountService(self.api, TokenStore(data_dir), self.settings, parent=self)
        self.api.client_changed.connect(
            lambda: self.tasks.run(self.account.switched(), name="account")
        )
        # The account's favourites and lists: local + outbox at once, sent by the sync.
        self.sync = SyncService(self.account, self.library, self.tasks, parent=self)
        self.favourites = AccountFavourites(self.account, self.library, self.sync)
        self.lists = AccountLists(self.account, self.library, self.sync, self.tasks, parent=self)
        self.connectivity.restored.connect(self.sync.request)

    def made(self, name: str) -> bool:
        """Whether the service `name` (made on first use) exists yet."""
        return getattr(self, f"_{name}") is not None

    def when_made(self, name: str, slot: Callable[[], None]) -> None:
        """`slot()` once the service `name` (made on first use) exists: now, if it does. A
        QObject's method, so that the connection ends with that object."""
        if self.made(name):
            slot()
        else:
            getattr(self, f"{name}_made").connect(slot)

    @property
    def streams(self) -> StreamResolver:
        if self._streams is None:
            from app.services.streams import StreamResolver

            self._streams = StreamResolver(
                self.api, self.settings, self.library, local=self._local_copy
            )
        return self._streams

    @property
    def playback(self) -> PlaybackSession:
        """The playback session, made on first use (a play, a window's player or pages)."""
        if self._playback is None:
            from app.services.account_progress import AccountProgress
            from app.services.playback_titles import PlayableTitles
            from app.services.session import PlaybackSession

            # Positions the player saves: the library's, and the account's while signed in.
            self._progress = progress = AccountProgress(self.account, self.library, self.sync)
            # Plays by id (continue watching, the tray) start from the kept copy: no network.
            titles = PlayableTitles(self.library, self.catalog)
            self._playback = PlaybackSession(
                self.streams, progress, titles, self.tasks, self._make_player, parent=self
            )
            self.playback_made.emit()
        return self._playback

    @property
    def updates(self) -> UpdatesService:
        """The update stream (and the announcer of what it brings), made on first use: it
        runs from `start_listening`, after the first page."""
        if self._updates is None:
            from app.services.announcer import Announcer
            from app.services.updates import UpdatesService

            self._updates = updates = UpdatesService(
                self.api, self.tasks, self.library, self.settings, parent=self
            )
            self._announcer = announcer = Announcer(
                self.settings, self.library, self.tasks, self._title_for_announcement, parent=self
            )
            updates.playlist_updated.connect(announcer.offer)
            self.updates_made.emit()
        return self._updates

    @property
    def progress(self) -> AccountProgress:
        """Where the player's positions go (made with the playback session)."""
        self.playback  # noqa: B018 (made with it)
        assert self._progress is not None
        return self._progress

    @property
    def announcer(self) -> Announcer:
        self.updates  # noqa: B018 (made with it)
        assert self._announcer is not None
        return self._announcer

    @property
    def downloads(self) -> DownloadService:
        """The downloads queue, made on first use (the downloads page, a play, or start
        listening, whichever comes first)."""
        if self._downloads is None:
            from app.services.download_auto import retry_when_online
            from app.services.downloads import DownloadService

            self._downloads = downloads = DownloadService(
                self.library, self.streams, self.catalog, self.settings, self.tasks, parent=self
            )
            retry_when_online(downloads, self.connectivity)
            self.downloads_made.emit()
        return self._downloads

    async def _local_copy(self, title_id: int, episode: float) -> LocalCopy | None:
        """A downloaded episode plays from its file: the resolver asks here first. Before the
        queue is made, its table says whether there is a file at all: a play (a cold `libria
        play`) does not wait for the queue to be loaded for an episode never downloaded."""
        if self._downloads is None:
            row = await self.library.downloads(lambda store: store.get(title_id, episode))
            if row is None or row.state is not DownloadState.DONE:
                return None
        return await self.downloads.playable(title_id, episode)

    def load_player_ahead(self) -> None:
        """A play is likely soon: libmpv loads on a worker thread (off the GIL), not at the
        first play on the UI thread. Not once the services are shutting down (a quit just after
        the first title page opened): libmpv would load while the interpreter ends."""
        if self._closing:
            return
        from app.player.preload import preload_libmpv

        preload_libmpv(str(self.settings.get("audio_output")))  # and the mpv core after it

    def player_loading(self) -> bool:
        """Whether libmpv is loading on a worker now (`load_player_ahead`)."""
        if "app.player.preload" not in sys.modules:
            return False  # not begun: and this module stays off the start's path
        from app.player.preload import loading

        return loading()

    def _make_player(self) -> Player:
        from app.player import core_ahead
        from app.player.backend import MpvPlayer  # libmpv loads with the first episode played

        audio_output = str(self.settings.get("audio_output"))
        return MpvPlayer(audio_output, core=core_ahead.take(audio_output))

    async def start(self) -> None:
        await asyncio.gather(self.api.start(), self.library.start())

    async def start_library(self) -> None:
        """The library alone: enough to paint the start page from its kept copy."""
        await self.library.start()

    async def start_api(self) -> None:
        """The API client (httpx, TLS), once; a warm start opens it after the first paint."""
        await self.api.start()

    def start_listening(self) -> None:
        """The update stream runs from now until shutdown, window shown or not."""
        from app.services.announcer import subscriptions_for

        self.updates.start(subscriptions_for(self.settings))
        self.sync.start()  # syncs from the account's next `changed` on (restore, sign-in)
        self.tasks.run(self._restore_account(), name="account")  # off the first page's path
        self._start_downloads()

    async def _restore_account(self) -> None:
        if await self.account.restore() is None:  # signed out from a shell, or expired
            await self.sync.machine_favourites_back()

    def _start_downloads(self) -> None:
        """The queue a restart left resumes; new episodes of favourites are queued (when the
        setting says so)."""
        from app.services.download_auto import AutoDownloads

        self.auto_downloads = auto = AutoDownloads(
            self.settings, self.library, self.catalog, lambda: self.downloads, self.tasks
        )
        self.updates.playlist_updated.connect(auto.offer)
        self.downloads.start()

    async def _title_for_announcement(self, title_id: int) -> Title:
        # A new episode's title update follows it on the stream: a burst asks no one.
        streamed = await self.updates.title_soon(title_id, TITLE_FOLLOWS_S)
        if streamed is not None:
            return streamed
        kept = await self.library.kept_title(title_id=title_id)
        if kept is not None:
            title: Title = kept.value
            return title
        return await self.catalog.brief_title(title_id)

    def _announce_changed(self, _value: object) -> None:
        from app.services.announcer import subscriptions_for

        if self._updates is not None:  # else: the stream starts with the settings as they are
            self._updates.set_subscriptions(subscriptions_for(self.settings))

    def _autostart_changed(self, value: object) -> None:
        if self._set_autostart is not None:
            self.tasks.run(asyncio.to_thread(self._set_autostart, bool(value)), name="autostart")

    async def stop_downloads(self) -> None:
        """The episode under way pauses (kept queued for the next start); states are written."""
        if self._downloads is not None:
            await self._downloads.shutdown()

    async def shutdown(self) -> None:
        """Stage by stage: no task outlives the client it uses, no thread outlives the loop."""
        from app.player import core_ahead  # no Qt, no mpv: threading only

        self._closing = True
        try:
            await self.stop_downloads()
            if self._playback is not None:
                self._playback.shutdown()  # a no-op when the window shut the player down already
                await self._playback.flush()  # the last position reaches the library
            await self.sync.finish(QUIT_PUSH_S)  # and, when signed in, the account
            await self.tasks.shutdown()
            await self.api.close()
            self.posters.close()
            await self.library.close()
        finally:
            # A core made ahead for a play never asked, or being made (libmpv may still be
            # loading: then none is made after this).
            core_ahead.discard()
        log.info("services stopped")
