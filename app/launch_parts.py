"""Small parts of start-up (app.bootstrap): the process's settings before Qt, the API the settings
name, what a later launch asks of the running one, and a cold `libria play`'s early stream."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication

from app import __version__
from app.cli import BadLinkError, Options, UsageError, parse
from app.core.identity import APP_ID

if TYPE_CHECKING:
    from app.api.backend import ApiKind
    from app.core.deep_link import DeepLink
    from app.demo import DemoServerThread
    from app.services.context import AppServices
    from app.services.playback_link import LinkPlay
    from app.services.settings import SettingsStore
    from app.ui.main_window import MainWindow

log = logging.getLogger("libria")


def prepare_process() -> None:
    # libmpv reads numbers with the C locale; set before Qt can change it.
    os.environ["LC_NUMERIC"] = "C"
    # Qt's raster engine hands every fill or blend of 96 lines or more (a card's poster, the
    # grid's background, the scroll bar) to its GUI thread pool and waits for it; with two cores
    # the pool has one thread, and the UI thread waited while it was woken and scheduled: 5-20 ms
    # of a scroll's worst stall on a busy machine. Card-sized fills are quicker done in place.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setApplicationName("Libria")
    QCoreApplication.setOrganizationName("Libria")
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)


def qt_arguments() -> list[str]:
    """The QApplication's arguments. Libria's look is Fusion everywhere (app.ui.theme): asked for
    here, it is the only style ever made; set after the application exists (setStyle), the
    platform's style was made first, then replaced, and PySide6 built QStyle's Python type and its
    enums for the returned style: ~20 ms of every start. An argument wins over $QT_STYLE_OVERRIDE,
    as setStyle did."""
    return [sys.argv[0] if sys.argv else "libria", "-style", "Fusion"]


def quit_on_signals(quit: Callable[[], None]) -> None:
    """SIGTERM and SIGINT end the app as its own quit does (Python runs them when it next runs:
    a heartbeat timer makes sure of that once the event loop runs)."""
    signal.signal(signal.SIGTERM, lambda *_: quit())
    signal.signal(signal.SIGINT, lambda *_: quit())


def api_base_of(settings: SettingsStore) -> str | None:
    """What the store says (--api-base, $LIBRIA_API_BASE, the saved setting); None: automatic."""
    return settings.get("api_base") or None


def api_kind_of(settings: SettingsStore) -> ApiKind:
    """What the store says (--api-kind, $LIBRIA_API_KIND, the saved setting)."""
    from app.api.backend import ApiKind

    return ApiKind(settings.get("api_kind"))


def api_address(
    options: Options, demo: DemoServerThread | None, settings: SettingsStore
) -> tuple[str | None, ApiKind]:
    """The API's base (None: automatic) and kind: the demo's own (v2 unless asked for v1), or
    what the settings say (checked when the flag or variable was read)."""
    if demo is None:
        return api_base_of(settings), api_kind_of(settings)
    from app.api.backend import ApiKind

    kind = ApiKind.V1 if options.api_kind == "v1" else ApiKind.V2
    base = demo.api_base_v1 if kind is ApiKind.V1 else demo.api_base()
    log.info("demo mode: %s", base)
    return base, kind


def follow(window: MainWindow, args: list[str]) -> None:
    """What a later launch asked for: its link, or just the window."""
    try:
        options = parse(args)
    except (UsageError, BadLinkError) as error:
        log.warning("a later launch passed unusable arguments: %s", error)
        window.bring_to_front()
        return
    window.bring_to_front()
    if options.link is not None:
        window.open_link(options.link)


def plays(link: DeepLink | None) -> bool:
    return link is not None and link.action == "play"


# What a start imports after libmpv's preload begins that loads a shared library (asyncio's and
# ssl's extension modules, msgspec's, sqlite3's, httpx's idna tables, the account's JSON). The
# dynamic loader holds one lock through libmpv's ~100 ms load (app.player.preload), and the UI
# thread's import of any of these would wait behind it, holding the GIL: imported first (needed
# anyway, a few ms later), they let the start's Python run beside libmpv's load (a cold play
# ~30 ms sooner). One missing here only waits, as before (`strace -f -e openat` shows what the
# main thread opens meanwhile). Public modules only: importing asyncio's `_asyncio` ahead of
# asyncio left the loop's tasks unrecognised by httpx's sniffio.
IMPORTED_BEFORE_LIBMPV = (
    "asyncio", "ssl", "array", "msgspec", "datetime", "uuid", "decimal", "sqlite3",
    "unicodedata", "orjson", "queue", "hashlib",  # hashlib: the posters' and outbox's names
)  # fmt: skip


def preload_player(link: DeepLink | None, audio_output: str) -> None:
    """This process plays (no running Libria took the link): libmpv loads on a worker thread
    while the rest starts, and then the mpv core the play will use (app.player.core_ahead)."""
    if plays(link):
        import importlib

        from app.api import tls
        from app.player.preload import preload_libmpv

        for name in IMPORTED_BEFORE_LIBMPV:
            with contextlib.suppress(ImportError):  # the start says so itself, later
                importlib.import_module(name)
        # A thread started during libmpv's load waits for the loader's lock too (its
        # thread-local storage is set up under it): the CA bundle's thread, which the event loop
        # step starts next, held the UI thread 58-68 ms there; started first, ~1 ms.
        tls.prepare()
        preload_libmpv(audio_output)


def api_ahead(link: DeepLink | None, services: AppServices) -> None:
    """A play whose title the library surely does not keep will ask the API first thing in the
    loop: its modules (httpx, httpcore, which httpx loads at its first client, and the backend
    when its kind is known) load now, while libmpv loads beside and the UI thread would wait
    anyway, not after it (a first play of a title ~40 ms sooner). A kept title plays without
    them: they wait, as in any start."""
    if link is None or not plays(link) or services.library.may_keep_title(link.code):
        return
    import importlib

    import httpcore  # noqa: F401
    import httpx  # noqa: F401

    from app.api.backend import ApiKind

    kind = services.api.expected_kind()  # None: the automatic choice's probes decide
    if kind is not None:
        backend = "app.api.v1.backend" if kind is ApiKind.V1 else "app.api.v2.backend"
        importlib.import_module(backend)


async def start_link_play(link: DeepLink | None, services: AppServices) -> LinkPlay | None:
    """A play link's stream started before the window (app.services.playback_link), waited for
    until it is loading (a bounded while); None for any other start."""
    if link is None or not plays(link):
        return None
    from app.services.playback_link import LinkPlay
    from app.services.playback_titles import PlayableTitles

    titles = PlayableTitles(services.library, services.catalog)
    play = LinkPlay(link, titles, services.playback, services.tasks, open_api=services.start_api)
    play.start()
    await play.loading()  # the window is built while mpv fetches the stream
    return play
