"""The window's companions at start-up (app.bootstrap): the tray, the announcements, and the
task that starts listening once the first page is shown (it also serves later launches then).

A cold start that shows the catalogue builds the tray and the announcements only after its first
page is on screen with its posters: the announcements load D-Bus, the notifications and the
download notices, none of which that paint needs. Only the "no tray here" notice comes before
the show, as it takes room above the page (later, the page would jump). Elsewhere (a warm start,
whose kept page is painted already; a start in the tray; a link) they come before the show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.startup import Step

if TYPE_CHECKING:
    from app.bootstrap import _Launch


# Warmed up beside the ui's own list (app.ui.warm_up.TARGETS): the player's Qt parts, which a
# session's first play imported at the double-click (~27 ms, Qt's OpenGL module most of it).
# libmpv itself is loaded on a worker (app.ui.player_ahead), never in a step.
PLAYER_PARTS = ("app.player.backend", "app.player.video_widget")
SERVE_WITHIN_S = 5.0  # later launches are answered at the latest this long into a cold start


def companions(launch: _Launch) -> list[Step]:
    return [Step("tray", lambda: _tray(launch)), Step("announcements", lambda: _announce(launch))]


def build_window(launch: _Launch) -> None:
    """The main window around the services (around the kept first page, when one is shown)."""
    from app.ui.main_window import MainWindow

    offer_demo = launch.demo is None
    if hasattr(launch, "window"):  # built around the kept first page
        launch.window.attach(launch.services, offer_demo)
    else:
        launch.window = MainWindow(launch.services, offer_demo=offer_demo)
        launch.window.quit_requested.connect(launch.quit)
    window, cache, keeps = launch.window, launch.cache, launch.opens_catalogue
    window.demo_requested.connect(launch.restart.request)
    if keeps:  # in this step: the loop turns after it, and the grid may paint
        from app.ui.pages.catalog_page import CatalogPage

        window.page_for("updates", CatalogPage).grid.watch_posters_painted()

    def take_down() -> None:
        if keeps and not launch.options.demo:
            from app.ui.first_paint.freshness import keep_at_exit  # not before the paint

            keep_at_exit(window, cache)  # as it is now, for the next start's first paint
        window.hide()
        window.shutdown_player()  # render context, then mpv, before the loop ends

    launch.startup.on_shutdown("window", take_down)


def tray_notice(launch: _Launch) -> None:
    """Where no tray will come, the window says so before it is shown."""
    from app.ui.tray_notice import tray_available, warn_without_tray

    if not tray_available():
        warn_without_tray(launch.window, launch.services.settings)
    else:  # a close before the tray is built goes there too, as on every other start
        launch.window.keep_running_in_tray = True


def _tray(launch: _Launch) -> None:
    from app.ui.tray import Tray, tray_icon

    launch.tray = tray = Tray(tray_icon()) if Tray.available() else None
    if tray is None:
        return
    window = launch.window
    window.keep_running_in_tray = True
    tray.open_requested.connect(window.bring_to_front)
    tray.quit_requested.connect(launch.quit)
    tray.show()
    launch.startup.on_shutdown("tray", tray.hide)


def _announce(launch: _Launch) -> None:
    from app.ui.announcements import Announcements

    launch.announcements = Announcements(launch.services, launch.window, launch.tray)
    launch.startup.on_shutdown("announcements", launch.announcements.close)


def warm_up(launch: _Launch) -> None:
    """Start-up is over: what the viewer is likely to open next loads meanwhile, a module at a
    time (app.ui.warm_up)."""
    from app.ui import player_ahead
    from app.ui.warm_up import TARGETS, WarmUp

    services = launch.services
    launch.warm_up = WarmUp(
        (*TARGETS, *PLAYER_PARTS), busy=lambda: player_ahead.loading(services), parent=launch.window
    )
    if launch.probe is not None:
        launch.probe.watch_warm_up(launch.warm_up)
    launch.startup.on_shutdown("warming up", launch.warm_up.stop)
    launch.warm_up.start_when_shown(launch.window)  # a start in the tray: when it is opened


def start_listening(launch: _Launch, companions_after: bool) -> None:
    """Once the first page has its answer: the companions (when they wait for the first page),
    the kept record's upkeep, then the update stream, the account and downloads."""
    from PySide6.QtCore import QTimer

    from app.core import collector
    from app.ui import crash
    from app.ui.pages.catalog_page import CatalogPage

    window, first_page = launch.window, launch.first_page
    # Watched for its first paint with posters since the window step: the API opens after it.
    grid = window.page_for("updates", CatalogPage).grid if launch.opens_catalogue else None

    if not companions_after:
        launch.instance.serve()  # later launches answered (already, after a kept page)
    else:  # after the first page's paint, or this long, whichever comes first: a later launch
        # waits 10 s for its answer, and a first page over a slow network can take longer
        QTimer.singleShot(int(SERVE_WITHIN_S * 1000), lambda: launch.instance.serve())

    async def listen() -> None:
        # The first page and its posters before the API's refresh, updates and D-Bus.
        await first_page.refresh(grid)
        if companions_after:
            await first_page.shown(grid)
            if launch.quit_asked:  # the window is being taken down: nothing to hang on it
                return
            launch.instance.serve()  # QtNetwork: not before that paint either
            with crash.reported():  # shown, as a window step's failure is; the rest goes on
                launch.startup.run(companions(launch))
        await first_page.settled()
        if launch.quit_asked:
            return
        if grid is not None and not launch.options.demo:
            from app.ui.first_paint.freshness import KeptFresh  # not before the first paint

            KeptFresh(window, launch.cache)  # as answered and as it changes, for the next
        announcements = getattr(launch, "announcements", None)
        if announcements is not None:
            await announcements.start()  # and the services' listening after its own
        else:  # they failed to be built (and said so): updates, account and downloads still run
            launch.services.start_listening()

    async def listen_then_settle() -> None:
        try:
            await listen()
        finally:  # however start-up ended: later launches answered, the collector back to usual
            launch.instance.serve()
            collector.settle()
            if not launch.quit_asked:
                warm_up(launch)

    launch.services.tasks.run(listen_then_settle(), name="start-listening")
