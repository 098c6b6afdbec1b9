"""Start-up and shutdown of the desktop app, as named steps (see `app.startup`).

Order matters: LC_NUMERIC=C and the shared-GL attribute before the QApplication exists; the
single-instance hand-over before anything heavy; the qasync loop before any service; one API
client for the app's life; the first page's request out while the window is built. Each step
registers its own shutdown, run last built first, so the player is down before the services, the
services before the loop closes, and the demo server and the instance socket go last.
"""

from __future__ import annotations

import contextlib
import locale
import logging
import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.cli import BadLinkError, Options, UsageError, parse
from app.core.identity import APP_ID
from app.core.paths import cache_dir, config_dir, data_dir, resources_dir
from app.demo_restart import DemoRestart
from app.demo_restart import demo_command as demo_command  # where callers have imported it
from app.launch_parts import (
    api_address,
    api_ahead,
    follow,
    plays,
    preload_player,
    prepare_process,
    start_link_play,
)
from app.launch_steps import build_window, companions, start_listening, tray_notice
from app.startup import EarlyExit, LoopStep, Startup, Step

if TYPE_CHECKING:
    import asyncio
    from pathlib import Path

    from app.api.backend import ApiKind
    from app.demo import DemoServerThread
    from app.desktop.single_instance import InstanceServer
    from app.services.context import AppServices
    from app.services.playback_link import LinkPlay
    from app.services.settings import SettingsStore
    from app.ui.announcements import Announcements
    from app.ui.event_loop import EventLoop
    from app.ui.first_page import FirstPage
    from app.ui.main_window import MainWindow
    from app.ui.startup_probe import StartupProbe
    from app.ui.tray import Tray
    from app.ui.warm_up import WarmUp

log = logging.getLogger("libria")


class _Launch:
    """What start-up builds, step by step. Each attribute is set by the step that builds it and
    read only by later ones; what needs taking down registers that with `startup`."""

    app: QApplication  # "application"
    instance: InstanceServer  # "single instance"
    loop: EventLoop  # "event loop"
    settings: SettingsStore  # "settings"
    demo: DemoServerThread | None  # "demo server"
    api_base: str | None  # "API address"
    api_kind: ApiKind
    services: AppServices  # "services"
    link_play: LinkPlay | None  # "link play": a cold `libria play`'s stream, before the window
    first_page: FirstPage
    heartbeat: QTimer  # "quit handling"
    quitting: asyncio.Event
    window: MainWindow  # "window"
    tray: Tray | None  # "tray"
    announcements: Announcements  # "announcements"
    probe: StartupProbe | None  # "start-up probe"
    warm_up: WarmUp  # once start-up is over (app.launch_steps.warm_up)

    def __init__(self, options: Options, args: list[str], started: float) -> None:
        self.options = options
        self.args = args
        self.started = started
        self.startup = Startup()
        self.quit_asked = False
        self.probe = None
        self.link_play = None
        # The API kind is asked when the button is pressed: the API may have changed by then.
        self.restart = DemoRestart(
            options.language, self.quit, lambda: self.services.api.kind.value
        )

    def steps(self) -> list[Step]:
        """Before the event loop runs."""
        return [
            Step("process", prepare_process),
            Step("application", self._application),
            Step("single instance", self._single_instance),
            Step("application icon", self._application_icon),
            Step("settings", self._settings),
            # After the last step that may end the process at once (a bad settings flag): it
            # starts threads, and one still inside OpenSSL at the interpreter's exit crashes it.
            Step("player ahead", self._player_ahead),
            # The saved appearance: a kept record is made under it. A play link has no first
            # paint, and its stream starts first: it takes the theme just before the window.
            *([] if plays(self.options.link) else [Step("theme", self._theme)]),
            Step("first paint", self._first_paint),  # a warm start's kept page, on screen
            Step("later launches answered", self._serve_kept),
            Step("event loop", self._event_loop),
            Step("demo server", self._demo_server),
            Step("API address", self._api_address),
            Step("services", self._services),
            Step("quit handling", self._quit_handling),
            # A play's title not kept: the API's modules load while libmpv does.
            Step("API ahead", lambda: api_ahead(self.options.link, self.services)),
        ]

    def loop_steps(self) -> list[LoopStep]:
        """Inside the event loop, before the window."""
        return [
            LoopStep("library", lambda: self.services.start_library()),
            LoopStep("link play", self._link_play),
            LoopStep("first page", self._first_page),
        ]

    def window_steps(self) -> list[Step]:
        """The window and what hangs on it; the tray and the announcements after the first page
        on a cold start that shows the catalogue (app.launch_steps)."""
        later = self.companions_later
        return [
            *([Step("theme", self._theme)] if plays(self.options.link) else []),
            Step("window", lambda: build_window(self)),
            *([Step("tray notice", lambda: tray_notice(self))] if later else companions(self)),
            Step("start-up probe", self._probe),
            Step("show", self._show),
            Step("later launches", self._later_launches),
            Step("start listening", lambda: start_listening(self, later)),
        ]

    async def main(self) -> None:
        from app.ui import crash

        await self.startup.run_in_loop(self.loop_steps())
        with crash.reported():  # a window that fails to build is shown, not unwound through
            # The first page's answer and posters are heard between the steps, not after them.
            await self.startup.run_turning(self.window_steps())
        if not self.quit_asked:
            await self.quitting.wait()

    def quit(self) -> None:
        """Every way out comes here. exit(), not quit(): Qt 6's quit() first closes (and so
        destroys) every visible window, and a repaint of the video still queued for one then
        crashes inside Qt. The window and the player are taken down in order after the loop."""
        self.quit_asked = True
        self.app.exit(0)

    def release(self) -> None:
        """Lets go of what the window steps built, as the shutdown has taken it down."""
        for name in ("probe", "announcements", "tray", "window"):
            with contextlib.suppress(AttributeError):
                delattr(self, name)

    @property
    def opens_catalogue(self) -> bool:
        return not self.options.minimized and self.options.link is None

    @property
    def companions_later(self) -> bool:
        """A cold start's first page comes before the tray and the announcements; a warm one's
        kept page has been painted before the window steps."""
        return self.opens_catalogue and not hasattr(self, "window")

    # ----- before the loop -----

    def _application(self) -> None:
        from app.launch_parts import qt_arguments, quit_on_signals

        self.app = QApplication(qt_arguments())
        quit_on_signals(self.quit)  # a kept first page may stand before the event loop
        locale.setlocale(locale.LC_NUMERIC, "C")

    def _single_instance(self) -> None:
        # Before anything heavy: a second launch only hands its arguments over.
        from app.desktop.single_instance import NotAnswering, claim_instance, server_name

        try:
            instance = claim_instance(server_name(config_dir()), self.args)
        except NotAnswering as error:
            print(f"libria: {error}; end it, or wait and try again", file=sys.stderr)
            raise EarlyExit(1) from error
        if instance is None:
            log.info("handed over to the running Libria")
            raise EarlyExit(0)
        self.instance = instance
        self.startup.on_shutdown("instance socket", instance.close)

    def _application_icon(self) -> None:
        icon = QIcon(str(resources_dir() / "icons" / "libria.svg"))
        self.app.setWindowIcon(QIcon.fromTheme(APP_ID, icon))
        self.app.setQuitOnLastWindowClosed(False)  # the window may close to the tray

    @property
    def cache(self) -> Path:
        # The demo's made-up catalogue keeps its own library and caches: its titles, history
        # and kept pages must never stand in for the real service's (offline copies, favourites).
        return cache_dir() / ("demo" if self.options.demo else "")

    def _first_paint(self) -> None:
        """A warm start's kept first page, painted before the rest loads (README, Decisions).
        The demo's API is new at every start: it has no kept record."""
        from app.ui.first_paint import FILE_NAME

        if self.options.demo or not self.opens_catalogue:
            return
        if not (self.cache / FILE_NAME).is_file():  # a cold start: not even the module to read it
            return
        from app.ui.first_paint.phase import make_window, show_and_paint

        window = make_window(self.cache, self.settings)
        if window is None:
            return
        self.window = window
        window.quit_requested.connect(self.quit)  # closed while the rest loads
        self._probe()
        show_and_paint(window)
        if self.quit_asked:  # the probe has what it measures
            raise EarlyExit(0)

    def _serve_kept(self) -> None:
        """Once a warm start's kept page is painted; a cold start serves after its first page
        is shown (app.launch_steps): a launch in between waits in the socket's backlog."""
        if hasattr(self, "window"):
            self.instance.serve()

    def _event_loop(self) -> None:
        import asyncio

        # The CA bundle loads on a worker thread while the rest is made. Not before the hand-over
        # (a launch that exits at once would end with that thread still inside OpenSSL, and crash
        # in the interpreter's shutdown), nor before the first paint (it would compete with it).
        from app.api import tls
        from app.ui import crash
        from app.ui.event_loop import EventLoop

        tls.prepare()
        self.loop = loop = EventLoop(self.app)
        asyncio.set_event_loop(loop)
        crash.install(loop)
        # What leaving `with loop:` does: stop it and close it.
        self.startup.on_shutdown("event loop", lambda: loop.__exit__(None, None, None))

    def _theme(self) -> None:
        from app.ui import theme

        theme.apply_colours(self.app, str(self.settings.get("appearance")))  # Fusion: qt_arguments

    def _settings(self) -> None:
        from app.services.settings import SettingsStore
        from app.ui.i18n import follow_language

        self.settings = SettingsStore(config_dir() / "settings.ini")
        try:
            for key, value in self.options.overrides:  # the settings flags, for this run only
                self.settings.override(key, value)
        except ValueError as error:
            print(f"libria: {error}", file=sys.stderr)
            raise EarlyExit(2) from error
        follow_language(self.settings)

    def _player_ahead(self) -> None:
        preload_player(self.options.link, str(self.settings.get("audio_output")))

    def _demo_server(self) -> None:
        self.demo = None
        if not self.options.demo:
            return
        from app.demo import DemoConfig, DemoServerThread

        self.demo = demo = DemoServerThread(DemoConfig(auto_episode_interval=180.0)).start()
        self.startup.on_shutdown("demo server", demo.stop)

    def _api_address(self) -> None:
        self.api_base, self.api_kind = api_address(self.options, self.demo, self.settings)

    def _services(self) -> None:
        from app.desktop.autostart import set_autostart
        from app.services.context import AppServices

        own = "demo" if self.demo is not None else ""  # as `cache`
        settings, api_base, api_kind = self.settings, self.api_base, self.api_kind
        services = AppServices(
            settings, api_base, self.cache, data_dir() / own, api_kind=api_kind,
            set_autostart=set_autostart,
        )  # fmt: skip
        self.services = services
        loop = self.loop
        # Tasks, then the client, then worker threads, inside the loop before it closes.
        self.startup.on_shutdown("services", lambda: loop.run_until_complete(services.shutdown()))
        # Before that: the episode downloading pauses (it stays queued for the next start).
        self.startup.on_shutdown(
            "downloads", lambda: loop.run_until_complete(services.stop_downloads())
        )

    def _quit_handling(self) -> None:
        import asyncio

        # Python runs signal handlers only when it holds the GIL: a timer lets it look.
        self.heartbeat = heartbeat = QTimer()
        heartbeat.start(250)
        heartbeat.timeout.connect(lambda: None)
        self.startup.on_shutdown("heartbeat", heartbeat.stop)
        self.quitting = asyncio.Event()
        self.app.aboutToQuit.connect(self.quitting.set)

    # ----- in the loop -----

    async def _link_play(self) -> None:
        self.link_play = await start_link_play(self.options.link, self.services)

    async def _first_page(self) -> None:
        from app.ui.first_page import FirstPage

        self.first_page = FirstPage(self.services, self.opens_catalogue)
        await self.first_page.before_window()  # the API too, unless the kept page is shown

    def _probe(self) -> None:
        if self.options.startup_probe and self.probe is None:
            from app.ui.startup_probe import StartupProbe

            stays = self.options.probe_stays
            self.probe = StartupProbe(self.window, self.started, self.quit, stays)

    def _show(self) -> None:
        if self.options.minimized and self.tray is not None:
            log.info("started in the tray")
        else:
            if self.options.minimized:
                log.warning("no system tray here: showing the window instead")
            self.window.show()
        if self.link_play is not None:
            self.link_play.show_in(self.window)  # the title page behind the playing video
        elif self.options.link is not None:
            self.window.open_link(self.options.link)

    def _later_launches(self) -> None:
        window = self.window
        self.instance.deliver_to(lambda later: follow(window, later))


def run(argv: list[str] | None = None) -> int:
    started = time.monotonic()
    args = sys.argv[1:] if argv is None else argv
    try:
        options = parse(args)
    except (UsageError, BadLinkError) as error:
        print(f"libria: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=os.environ.get("LIBRIA_LOG", "INFO").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    launch = _Launch(options, args, started)
    exit_code = 0
    main = None
    try:
        launch.startup.run(launch.steps())
        main = launch.loop.create_task(launch.main())
        launch.loop.run_until_complete(main)
    except EarlyExit as early:
        exit_code = early.code
    except Exception:
        if main is None or not launch.quit_asked:
            log.exception("fatal error")
            exit_code = 1
    if main is not None:  # quit while start-up ran: the loop stopped under it; it builds no more
        main.cancel()
    if not launch.startup.shutdown():  # staged, last built first
        exit_code = exit_code or 1
    launch.release()
    if exit_code == 0:
        launch.restart.finish()
    return exit_code
