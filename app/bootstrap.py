"""Start-up and shutdown of the desktop app.

Order matters: LC_NUMERIC=C and the shared-GL attribute before the QApplication exists; the qasync
loop before any service; one API client for the app's life; a staged shutdown (tasks, then the
client, then worker threads, then the demo server) so nothing aborts or warns at exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import locale
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from app import __version__
from app.api.backend import ApiKind
from app.cli import BadLinkError, UsageError, parse
from app.core.identity import APP_ID
from app.core.paths import cache_dir, config_dir, data_dir, resources_dir
from app.desktop.autostart import set_autostart

if TYPE_CHECKING:
    from app.services.paged import PagedQuery
    from app.services.settings import SettingsStore
    from app.ui.main_window import MainWindow

log = logging.getLogger("libria")


def _prepare_process() -> None:
    # libmpv reads numbers with the C locale; set before Qt can change it.
    os.environ["LC_NUMERIC"] = "C"
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setApplicationName("Libria")
    QCoreApplication.setOrganizationName("Libria")
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)


def _api_base(settings: SettingsStore) -> str | None:
    """What the store says (--api-base, $LIBRIA_API_BASE, the saved setting); None: automatic."""
    return settings.get("api_base") or None


def _api_kind(settings: SettingsStore) -> ApiKind:
    """What the store says (--api-kind, $LIBRIA_API_KIND, the saved setting)."""
    return ApiKind(settings.get("api_kind"))


FIRST_PAGE_WAIT_S = 3.0
POSTERS_GRACE_S = 1.0


async def _settled(query: PagedQuery, within: float) -> None:
    """Until the query is no longer loading (or `within` seconds have passed)."""
    from app.services.state import LoadState

    done = asyncio.Event()

    def check(*_: object) -> None:
        if query.state is not LoadState.LOADING:
            done.set()

    query.state_changed.connect(check)
    check()
    try:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), within)
    finally:
        query.state_changed.disconnect(check)


def _follow(window: MainWindow, args: list[str]) -> None:
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


def demo_command(
    language: str | None, frozen: bool, executable: str, api_kind: str = ""
) -> list[str]:
    """The command line that starts this installation again, in the demo: the bundle's own
    program when frozen (PyInstaller), else this interpreter with `-m app` (what `libria` runs).
    The demo speaks the API this run spoke (v1 for the live service), so it shows what the
    viewer will get once online."""
    program = [executable] if frozen else [executable, "-m", "app"]
    kind = ["--api-kind", "v1"] if api_kind == "v1" else []
    return [*program, "--demo", *kind, *(["--lang", language] if language else [])]


class DemoRestart:
    """The offline start's "Open the demo". The demo is not switched to inside this process:
    its library, caches and API client are other ones, and start-up already builds all that for
    `--demo`. Nor is a second process started beside this one: it would find this instance's
    socket and hand its arguments over. So the window asks to quit, `run` shuts down in its
    usual order (player, services, the instance socket closed), and then this process becomes
    `libria --demo` (os.execv: the same process id, terminal and parent, nothing left behind)."""

    def __init__(
        self,
        language: str | None,
        quit_app: Callable[[], None],
        api_kind: Callable[[], str] = lambda: "",
    ) -> None:
        self._language = language
        self._quit = quit_app
        self._api_kind = api_kind  # asked when the button is pressed: the API may have changed
        self.command: list[str] | None = None  # set once asked

    def request(self) -> None:
        frozen = bool(getattr(sys, "frozen", False))
        self.command = demo_command(self._language, frozen, sys.executable, self._api_kind())
        log.info("restarting into the demo")
        self._quit()

    def finish(self) -> None:
        """After the shutdown: exec the demo if it was asked for (returns only if that fails)."""
        if self.command is None:
            return
        for handler in logging.getLogger().handlers:
            handler.flush()
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            os.execv(self.command[0], self.command)
        except OSError as error:
            print(f"libria: cannot start the demo: {error}", file=sys.stderr)


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
    _prepare_process()
    app = QApplication(sys.argv[:1])
    locale.setlocale(locale.LC_NUMERIC, "C")
    from app.desktop.single_instance import InstanceServer, hand_over, server_name

    instance_name = server_name(config_dir())
    if hand_over(instance_name, args):
        log.info("handed over to the running Libria")
        return 0
    instance = InstanceServer(instance_name)
    instance.listen()
    app.setWindowIcon(QIcon.fromTheme(APP_ID, QIcon(str(resources_dir() / "icons" / "libria.svg"))))
    app.setQuitOnLastWindowClosed(False)  # the window may close to the tray

    from app.services.context import AppServices
    from app.services.settings import SettingsStore
    from app.ui import crash, theme
    from app.ui.announcements import Announcements
    from app.ui.event_loop import EventLoop
    from app.ui.i18n import follow_language
    from app.ui.main_window import MainWindow
    from app.ui.tray import Tray, tray_icon

    loop = EventLoop(app)
    asyncio.set_event_loop(loop)
    crash.install(loop)
    theme.apply(app)
    settings = SettingsStore(config_dir() / "settings.ini")
    try:
        for key, value in options.overrides:  # the settings flags, for this run only
            settings.override(key, value)
    except ValueError as error:
        print(f"libria: {error}", file=sys.stderr)
        return 2
    follow_language(settings)

    demo = None
    if options.demo:
        from app.demo import DemoConfig, DemoServerThread

        demo = DemoServerThread(DemoConfig(auto_episode_interval=180.0)).start()
        # The demo serves both APIs; v2 unless asked for v1.
        api_kind = ApiKind.V1 if options.api_kind == "v1" else ApiKind.V2
        api_base: str | None = demo.api_base_v1 if api_kind is ApiKind.V1 else demo.api_base()
        log.info("demo mode: %s", api_base)
    else:
        try:
            api_base = _api_base(settings)
        except ValueError as error:
            print(f"libria: {error}", file=sys.stderr)
            return 2
        api_kind = _api_kind(settings)

    # The demo's made-up catalogue keeps its own library and caches: its titles, history and
    # kept pages must never stand in for the real service's (offline copies, favourites).
    own = "demo" if demo is not None else ""
    services = AppServices(
        settings,
        api_base,
        cache_dir() / own,
        data_dir() / own,
        api_kind=api_kind,
        set_autostart=set_autostart,
    )
    shown: dict[str, object] = {}  # what main() builds, for the shutdown to take down
    restart = DemoRestart(options.language, lambda: quit_app(), lambda: services.api.kind.value)

    # Python runs signal handlers only when it holds the GIL: a timer lets it look.
    def quit_app() -> None:
        """Every way out comes here. exit(), not quit(): Qt 6's quit() first closes (and so
        destroys) every visible window, and a repaint of the video still queued for one then
        crashes inside Qt. The window and the player are taken down in order after the loop."""
        app.exit(0)

    signal.signal(signal.SIGTERM, lambda *_: quit_app())
    signal.signal(signal.SIGINT, lambda *_: quit_app())
    heartbeat = QTimer()
    heartbeat.start(250)
    heartbeat.timeout.connect(lambda: None)

    quitting = asyncio.Event()
    app.aboutToQuit.connect(quitting.set)

    async def main() -> None:
        await services.start()
        opens_catalogue = not options.minimized and options.link is None
        if opens_catalogue:
            # The first page's request goes out while the window is being built.
            services.catalog.updates.reload()
            await asyncio.sleep(0)
        with crash.reported():
            window = MainWindow(services, offer_demo=demo is None)
            window.demo_requested.connect(restart.request)
            shown["window"] = window
            tray = Tray(tray_icon()) if Tray.available() else None
            if tray is not None:
                shown["tray"] = tray
                window.keep_running_in_tray = True
                tray.open_requested.connect(window.bring_to_front)
                tray.quit_requested.connect(quit_app)
                tray.show()
            window.quit_requested.connect(quit_app)
            announcements = Announcements(services, window, tray)
            shown["announcements"] = announcements
            if options.startup_probe:
                from app.ui.startup_probe import StartupProbe

                shown["probe"] = StartupProbe(window, started)
            if options.minimized and tray is not None:
                log.info("started in the tray")
            else:
                if options.minimized:
                    log.warning("no system tray here: showing the window instead")
                window.show()
            if options.link is not None:
                window.open_link(options.link)
            instance.arguments_received.connect(lambda later: _follow(window, later))

        async def start_listening() -> None:
            if opens_catalogue:  # the first page and its posters before updates and D-Bus
                await _settled(services.catalog.updates, FIRST_PAGE_WAIT_S)
                await asyncio.sleep(POSTERS_GRACE_S)
            await announcements.start()

        services.tasks.run(start_listening(), name="start-listening")
        await quitting.wait()

    exit_code = 0
    try:
        with loop:
            loop.run_until_complete(main())
            heartbeat.stop()
            if isinstance(tray := shown.get("tray"), Tray):
                tray.hide()
            if isinstance(announcements := shown.get("announcements"), Announcements):
                announcements.close()
            if isinstance(window := shown.get("window"), MainWindow):
                window.hide()
                window.shutdown_player()  # render context, then mpv, before the loop ends
            loop.run_until_complete(services.shutdown())
    except Exception:
        log.exception("fatal error")
        exit_code = 1
    finally:
        if demo is not None:
            demo.stop()
    instance.close()
    shown.clear()
    if exit_code == 0:
        restart.finish()
    return exit_code
