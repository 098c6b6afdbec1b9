"""Grabs every page of the app against the demo server into PNG files, for a person to look at.

xvfb-run -a .venv/bin/python -m tests.tools.screenshots shots/ [--lang en] [--api v1]
(v1 signs in to the demo by a code: the lists are the account's, synced as in the app)
(--titles-only: the first page and the title pages, with the episode list in view)
(--scale 1.5 --scheme light: at 150 %, in the light theme; --every-look: dark and light at
100, 150 and 200 %, one process each, into shots/<scheme>-<scale>x/)
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from tests.tools import shot_runner

if TYPE_CHECKING:
    from app.core.account import Collection
    from app.demo import DemoServerThread
    from app.services.context import AppServices
    from app.ui.main_window import MainWindow


async def _settle(seconds: float) -> None:
    await asyncio.sleep(seconds)


async def until(condition: Callable[[], object], within: float = 10.0) -> None:
    """Lets the loop run until the condition holds (the views update asynchronously)."""
    async with asyncio.timeout(within):
        while not condition():  # noqa: ASYNC110 (the condition lives in Qt objects)
            await asyncio.sleep(0.02)


async def capture(out: Path, language: str, api: str, titles_only: bool = False) -> None:
    from app.ui.main_window import MainWindow

    demo, services = await _start(language, api)
    shot = _Shots(out, f"{language}-{api}")
    # The app's own lists (the account's, synced with the demo): signed out until the sign-in.
    window = MainWindow(services)
    window.resize(1320, 860)
    window.show()
    try:
        await _grab_pages(window, shot, titles_only)
        await _grab_titles(window, services, shot)
        if not titles_only:
            if services.account.available:
                await _grab_account(window, services, demo, shot)
                await _grab_lists(window, services, shot)
            await _grab_search_player_offline(window, services, shot)
    finally:
        window.shutdown_player()
        window.close()
        await services.shutdown()
        demo.stop()


async def _start(language: str, api: str) -> tuple[DemoServerThread, AppServices]:
    """The demo server, and services on it with a favourite and progress in the library."""
    from app.api.backend import ApiKind
    from app.demo import DemoConfig, DemoServerThread
    from app.services.context import AppServices
    from app.services.settings import SettingsStore
    from app.ui.i18n import install_language

    demo = DemoServerThread(DemoConfig()).start()
    home = Path(tempfile.mkdtemp(prefix="libria-shots-"))
    settings = SettingsStore(home / "settings.ini")
    settings.override("language", language)
    install_language(language)
    shot_runner.apply_look()
    kind = ApiKind(api)
    base = demo.api_base_v1 if kind is ApiKind.V1 else demo.api_base()
    services = AppServices(settings, base, home / "cache", api_kind=kind)
    await services.start()
    for title_id, episode, position in ((9005, 1, 30.0), (9010, 2, 12.0), (9003, 1, 21.0)):
        full = await services.catalog.title(id=title_id)  # kept, as the title page does
        await services.library.record(full.id, episode, position, 30.0)
        await services.library.set_favourite(full, True)
    return demo, services


class _Shots:
    def __init__(self, out: Path, suffix: str) -> None:
        self.out = out
        self.suffix = suffix

    def save(self, window: MainWindow, name: str) -> None:
        window.grab().save(str(self.out / f"{name}-{self.suffix}.png"))


async def _grab_pages(window: MainWindow, shot: _Shots, titles_only: bool) -> None:
    """Every page the rail offers, in its order (only the first with titles_only)."""
    for row, entry in enumerate(window.pages.entries):
        if titles_only and row:
            break
        if window.rail.item(entry.key).isHidden():
            continue  # a list this API does not have
        window.show_page(entry.key)
        await _settle(2.5)
        name = window.pages.get(entry.key).__class__.__name__
        shot.save(window, f"{row + 1:02d}-{name}")


async def _grab_titles(window: MainWindow, services: AppServices, shot: _Shots) -> None:
    from app.ui.pages.catalog_page import CatalogPage

    window.show_page("updates")
    await _settle(1.0)
    first = window.page_for("updates", CatalogPage).model.item(0)
    window.open_title(first)  # type: ignore[arg-type]
    await _settle(2.5)
    shot.save(window, "10-TitlePage")
    window.title_page.scroller.ensureWidgetVisible(window.title_page.view.episodes)
    await _settle(1.0)  # the stills
    shot.save(window, "10a-TitlePage-episodes")
    related = await services.catalog.title(id=9001)  # a franchise of three on v1
    window.open_title(related)
    await _settle(2.5)
    view = window.title_page.view
    window.title_page.scroller.ensureWidgetVisible(view.franchise)
    await _settle(0.5)
    shot.save(window, "10b-TitlePage-franchise")
    hostile = await services.catalog.title(id=9013)
    window.open_title(hostile)
    await _settle(2.5)
    shot.save(window, "11-TitlePage-hostile")


async def _grab_account(
    window: MainWindow, services: AppServices, demo: DemoServerThread, shot: _Shots
) -> None:
    """The sign-in dialog with its code and its password tab, then the code confirmed "as the
    phone would" (the demo's control endpoint) and the rail signed in; the account had two titles
    in its lists from another device, and the first sync brings them."""
    from app.core.account import Collection

    await _elsewhere(demo, {9008: Collection.WATCHED, 9011: Collection.PLANNED})
    services.sync.start()  # as at start-up: from the sign-in on, the account syncs
    window.show_page("updates")
    window.rail.account_button.click()
    dialog = window.account_entry.dialog
    assert dialog is not None
    await until(lambda: dialog.code_label.text().isdigit())
    await _settle(0.3)  # the code's countdown ticks in
    dialog.grab().save(str(shot.out / f"16-SignIn-code-{shot.suffix}.png"))
    dialog.tabs.setCurrentIndex(1)
    dialog.login_field.setText("demo")
    await _settle(0.3)
    dialog.grab().save(str(shot.out / f"16a-SignIn-password-{shot.suffix}.png"))
    dialog.tabs.setCurrentIndex(0)
    origin = demo.api_base_v1.split("/api/v1")[0]
    confirm = {"code": dialog.code_label.text(), "login": "demo"}
    confirmed = await asyncio.to_thread(httpx.post, f"{origin}/demo/otp-confirm", params=confirm)
    confirmed.raise_for_status()
    await until(lambda: window.account_entry.dialog is None, within=15)  # closed by itself
    await until(lambda: services.lists.titles_in(Collection.PLANNED) == [9011], within=15)
    shot.save(window, "17-Rail-signed-in")


async def _elsewhere(demo: DemoServerThread, lists: dict[int, Collection]) -> None:
    """Titles put in the demo account's lists on another device (over the demo's HTTP API)."""
    from app.api.backend import ApiKind
    from app.services.api import ApiService

    other = ApiService(demo.api_base_v1, ApiKind.V1)
    await other.start()
    try:
        account = other.backend.account
        assert account is not None
        token = await account.login("demo", "demo")
        for release_id, collection in lists.items():
            await account.set_collection(token, release_id, collection)
        await account.logout(token)
    finally:
        await other.close()


async def _grab_lists(window: MainWindow, services: AppServices, shot: _Shots) -> None:
    """Signed in: titles put in lists as a viewer does (the app's lists service, sent to the
    account by the sync), the lists page, the cards' badges, the chooser's menu open."""
    from app.core.account import Collection
    from app.ui.pages.catalog_page import CatalogPage

    updates = window.page_for("updates", CatalogPage)
    chosen = dict(zip(updates.model.items()[:5], list(Collection), strict=False))
    for title, collection in chosen.items():
        services.lists.set_collection(title, collection)  # type: ignore[arg-type]
    wanted = {title.id: c for title, c in chosen.items()}  # type: ignore[union-attr]
    await _on_the_account(services, wanted)
    window.show_page("lists")
    await _settle(2.5)
    shot.save(window, "18-Lists")
    window.show_page("updates")
    await _settle(1.0)
    shot.save(window, "18a-Cards-badges")
    window.open_title(updates.model.items()[0])  # type: ignore[arg-type]
    await _settle(2.0)
    chooser = window.title_page.view.list_chooser
    chooser.list_menu.popup(chooser.mapToGlobal(chooser.rect().bottomLeft()))
    await _settle(0.5)
    # The menu is a window of its own: the screen shows both, cut to the window's frame.
    frame = window.frameGeometry()
    screen = window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    screen.save(str(shot.out / f"18b-ListChooser-{shot.suffix}.png"))
    chooser.list_menu.close()


async def _on_the_account(services: AppServices, wanted: dict[int, Collection]) -> None:
    """Until the sync has sent the lists chosen here (the shots show what the account holds)."""
    session = services.account.session()
    assert session is not None
    account, token = session
    async with asyncio.timeout(20):
        while True:
            there = await account.collections(token)
            if all(there.get(i) is c for i, c in wanted.items()):
                return
            await asyncio.sleep(0.1)


async def _grab_search_player_offline(
    window: MainWindow, services: AppServices, shot: _Shots
) -> None:
    from app.ui.pages.search_page import SearchPage

    window.show_page("search")
    window.page_for("search", SearchPage).field.setText("легенда драконна")
    await _settle(2.5)
    shot.save(window, "12-Search-typo")
    playing = await services.catalog.title(id=9003)
    window.services.playback.play(playing, playing.player.episodes[0])
    await _settle(4.0)
    shot.save(window, "13-Player")
    window.player.toggle_fullscreen()
    await _settle(2.0)
    shot.save(window, "14-Player-fullscreen")
    window.player.toggle_fullscreen()
    await _settle(0.5)
    window.go_back()
    await services.api.set_base_url("http://127.0.0.1:9/v2")  # the server goes away
    window.show_page("updates")
    await _settle(3.0)
    shot.save(window, "15-Offline")


LOOKS = [(scheme, scale) for scheme in ("dark", "light") for scale in ("1", "1.5", "2")]


def _every_look(args: argparse.Namespace) -> int:
    """The shots in each look, each in a process of its own (the scale is fixed at start)."""
    for scheme, scale in LOOKS:
        out = args.out / f"{scheme}-{scale}x"
        command = [sys.executable, "-m", "tests.tools.screenshots", str(out), "--lang", args.lang,
                   "--api", args.api, "--scale", scale, "--scheme", scheme]  # fmt: skip
        if args.titles_only:
            command.append("--titles-only")
        subprocess.run(command, check=True)
    return 0


def main() -> int:
    def options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--api", choices=("v1", "v2"), default="v2")
        parser.add_argument("--titles-only", action="store_true", help="the first page and titles")
        parser.add_argument("--every-look", action="store_true", help="dark/light × 1/1.5/2")

    args = shot_runner.arguments(options)
    if args.every_look:
        return _every_look(args)
    shot_runner.run(capture(args.out, args.lang, args.api, args.titles_only))
    return 0


if __name__ == "__main__":
    sys.exit(main())
