"""Grabs every page of the app against the demo server into PNG files, for a person to look at.

xvfb-run -a .venv/bin/python -m tests.tools.screenshots shots/ [--lang en] [--api v1]
(--titles-only: the first page and the title pages, with the episode list in view)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication


async def _settle(seconds: float) -> None:
    await asyncio.sleep(seconds)


async def capture(out: Path, language: str, api: str, titles_only: bool = False) -> None:
    from app.api.backend import ApiKind
    from app.demo import DemoConfig, DemoServerThread
    from app.services.context import AppServices
    from app.services.settings import SettingsStore
    from app.ui import theme
    from app.ui.i18n import install_language
    from app.ui.main_window import MainWindow
    from app.ui.pages.catalog_page import CatalogPage
    from app.ui.pages.search_page import SearchPage

    demo = DemoServerThread(DemoConfig()).start()
    home = Path(tempfile.mkdtemp(prefix="libria-shots-"))
    settings = SettingsStore(home / "settings.ini")
    settings.override("language", language)
    install_language(language)
    theme.apply(QApplication.instance())  # type: ignore[arg-type]
    kind = ApiKind(api)
    base = demo.api_base_v1 if kind is ApiKind.V1 else demo.api_base()
    services = AppServices(settings, base, home / "cache", api_kind=kind)
    language = f"{language}-{api}"
    await services.start()
    for title_id, episode, position in ((9005, 1, 30.0), (9010, 2, 12.0), (9003, 1, 21.0)):
        full = await services.catalog.title(id=title_id)  # kept, as the title page does
        await services.library.record(full.id, episode, position, 30.0)
        await services.library.set_favourite(full, True)
    window = MainWindow(services)
    window.resize(1320, 860)
    window.show()
    try:
        for row, entry in enumerate(window.pages.entries):
            if titles_only and row:
                break
            if window.rail.item(entry.key).isHidden():
                continue  # a list this API does not have
            window.show_page(entry.key)
            await _settle(2.5)
            name = window.pages.get(entry.key).__class__.__name__
            window.grab().save(str(out / f"{row + 1:02d}-{name}-{language}.png"))
        window.show_page("updates")
        await _settle(1.0)
        first = window.page_for("updates", CatalogPage).model.item(0)
        window.open_title(first)  # type: ignore[arg-type]
        await _settle(2.5)
        window.grab().save(str(out / f"10-TitlePage-{language}.png"))
        window.title_page.scroller.ensureWidgetVisible(window.title_page.view.episodes)
        await _settle(1.0)  # the stills
        window.grab().save(str(out / f"10a-TitlePage-episodes-{language}.png"))
        related = await services.catalog.title(id=9001)  # a franchise of three on v1
        window.open_title(related)
        await _settle(2.5)
        view = window.title_page.view
        window.title_page.scroller.ensureWidgetVisible(view.franchise)
        await _settle(0.5)
        window.grab().save(str(out / f"10b-TitlePage-franchise-{language}.png"))
        hostile = await services.catalog.title(id=9013)
        window.open_title(hostile)
        await _settle(2.5)
        window.grab().save(str(out / f"11-TitlePage-hostile-{language}.png"))
        if titles_only:
            return
        window.show_page("search")
        window.page_for("search", SearchPage).field.setText("легенда драконна")
        await _settle(2.5)
        window.grab().save(str(out / f"12-Search-typo-{language}.png"))
        playing = await services.catalog.title(id=9003)
        window.play(playing, playing.player.episodes[0])
        await _settle(4.0)
        window.grab().save(str(out / f"13-Player-{language}.png"))
        window.player.toggle_fullscreen()
        await _settle(2.0)
        window.grab().save(str(out / f"14-Player-fullscreen-{language}.png"))
        window.player.toggle_fullscreen()
        await _settle(0.5)
        window.go_back()
        await services.api.set_base_url("http://127.0.0.1:9/v2")  # the server goes away
        window.show_page("updates")
        await _settle(3.0)
        window.grab().save(str(out / f"15-Offline-{language}.png"))
    finally:
        window.shutdown_player()
        window.close()
        await services.shutdown()
        demo.stop()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="ru")
    parser.add_argument("--api", choices=("v1", "v2"), default="v2")
    parser.add_argument("--titles-only", action="store_true", help="the first page and titles")
    args = parser.parse_args()
    os.environ["LC_NUMERIC"] = "C"
    os.environ.setdefault("LIBRIA_AUDIO_OUTPUT", "null")
    args.out.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    from app.ui.event_loop import EventLoop

    loop = EventLoop(app)
    with loop:
        loop.run_until_complete(capture(args.out, args.lang, args.api, args.titles_only))
    return 0


if __name__ == "__main__":
    sys.exit(main())
