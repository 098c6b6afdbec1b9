"""Grabs the downloads' views into PNG files, for a person to look at: the Downloads page empty
and with an episode in every state, its context menu and delete question, a title page with
episodes on disk and on their way, the episode menu's quality submenu, and the settings.

xvfb-run -a .venv/bin/python -m tests.tools.download_shots shots/ [--lang en]

The queue is the in-memory one of the views' tests; the titles come from the demo server.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu, QWidget

from tests.tools import shot_runner

if TYPE_CHECKING:
    from app.services.context import AppServices
    from app.ui.main_window import MainWindow
    from tests.ui.fake_downloads import FakeDownloads

MB = 1024 * 1024


async def _settle(seconds: float) -> None:
    await asyncio.sleep(seconds)


class _Shots:
    def __init__(self, out: Path, language: str) -> None:
        self.out = out
        self.language = language
        self.saved: list[Path] = []

    def save(self, widget: QWidget, name: str) -> None:
        path = self.out / f"{name}-{self.language}.png"
        widget.grab().save(str(path))
        self.saved.append(path)

    def screen(self, window: QWidget, name: str) -> None:
        """The whole screen: menus and dialogs are windows of their own."""
        path = self.out / f"{name}-{self.language}.png"
        screen = window.screen()
        screen.grabWindow(0).save(str(path))
        self.saved.append(path)


async def capture(out: Path, language: str) -> list[Path]:
    from app.ui.main_window import MainWindow
    from tests.ui.fake_downloads import FakeDownloads

    demo, services = await shot_runner.demo_services(language, "libria-download-shots-")
    downloads = FakeDownloads(Path.home() / "Видео" / "Libria")
    window = MainWindow(services, downloads=downloads)
    window.resize(1320, 860)
    window.move(0, 0)
    window.show()
    shot = _Shots(out, language)
    try:
        window.show_page("downloads")
        await _settle(0.5)
        shot.save(window, "D0-Downloads-empty")
        await _fill(services, downloads)
        await _grab_page(window, shot)
        await _grab_title(window, services, shot)
        await _grab_settings(window, services, shot)
    finally:
        window.shutdown_player()
        window.close()
        await services.shutdown()
        demo.stop()
    return shot.saved


async def _fill(services: AppServices, downloads: FakeDownloads) -> None:
    """Three titles: one on disk, one on its way (one episode at 45 %), one that failed."""
    from app.core.download import DownloadState as S

    done_title, busy_title, other = [await services.catalog.title(id=i) for i in (9003, 9005, 9010)]
    for number in (1, 2):
        downloads.put(downloads.make(done_title, number, S.DONE, size=(280 + number * 17) * MB))
    plan = [(1, S.DONE), (2, S.DONE), (3, S.DOWNLOADING), (4, S.QUEUED), (5, S.QUEUED),
            (6, S.PAUSED), (7, S.FAILED), (8, S.QUEUED)]  # fmt: skip
    for number, state in plan:
        reason = "сервер не отвечает" if language_is_ru() else "the server does not answer"
        downloads.put(
            downloads.make(busy_title, number, state, size=312 * MB if state is S.DONE else 0,
                           reason=reason if state is S.FAILED else "")
        )  # fmt: skip
    busy = downloads.item_for(busy_title.id, 3)
    assert busy is not None
    downloads.report(busy.id, 0.45, speed=3.1 * MB)
    paused = downloads.item_for(busy_title.id, 6)
    assert paused is not None
    downloads.report(paused.id, 0.2, speed=0)
    failed = downloads.put(downloads.make(other, 1, S.FAILED, reason=_long_reason()))
    downloads.report(failed.id, 0.6, speed=0)
    downloads.batch_done = 2


def language_is_ru() -> bool:
    from app.ui.i18n import current_language

    return current_language() == "ru"


def _long_reason() -> str:
    if language_is_ru():
        return "не хватает места на диске: нужно ещё 1.2 ГБ"
    return "not enough space on the disk: 1.2 GB more is needed"


async def _grab_page(window: MainWindow, shot: _Shots) -> None:
    from app.ui.pages.downloads_page import DownloadsPage

    page = window.page_for("downloads", DownloadsPage)
    await _settle(0.8)  # the rail's total
    shot.save(window, "D1-Downloads")
    busy = [item for item in page.model.items() if item.episode == 3]
    page.select(busy[0].id)
    page.table.setFocus()
    await _settle(0.2)
    shot.save(window, "D1a-Downloads-selected")
    row = page.model.row_of(busy[0].id) or 0
    rect = page.table.visualRect(page.model.index(row, 0))
    menu = page.context_menu()
    menu.popup(page.table.viewport().mapToGlobal(rect.center() + QPoint(40, 0)))
    await _settle(0.4)
    shot.screen(window, "D2-Downloads-menu")
    menu.close()
    done = next(item for item in page.model.items() if item.state.value == "done")
    page.select(done.id)
    page.delete_selected()
    await _settle(0.5)
    shot.screen(window, "D2a-Downloads-delete-question")
    if page.question is not None:
        page.question.reject()


async def _grab_title(window: MainWindow, services: AppServices, shot: _Shots) -> None:
    """The busy title's episodes with their badges and an on-disk episode's menu; a title with
    nothing downloaded and its quality submenu; a title downloaded whole."""
    window.open_title(await services.catalog.title(id=9005))
    await _settle(2.0)
    await _episodes_in_view(window)
    shot.save(window, "D3-TitlePage-downloads")
    await _episode_menu(window, shot, "D4a-Episode-menu-on-disk", quality=False)
    window.open_title(await services.catalog.title(id=9001))
    await _settle(2.0)
    await _episodes_in_view(window)
    await _episode_menu(window, shot, "D4-Episode-menu-quality", quality=True)
    window.open_title(await services.catalog.title(id=9003))
    await _settle(1.5)
    shot.save(window, "D3a-TitlePage-season-downloaded")


async def _episodes_in_view(window: MainWindow) -> None:
    view = window.title_page.view
    window.title_page.scroller.ensureWidgetVisible(view.episode_actions.bar, 0, 0)
    window.title_page.scroller.ensureWidgetVisible(view.episodes, 0, 0)
    await _settle(1.0)  # the stills


async def _episode_menu(window: MainWindow, shot: _Shots, name: str, quality: bool) -> None:
    view = window.title_page.view
    menu = view.episode_actions.menu_for(0)
    if menu is None:
        return
    rect = view.episodes.visualItemRect(view.episodes.item(0))
    menu.popup(view.episodes.viewport().mapToGlobal(rect.center()))
    await _settle(0.3)
    submenu = next((a for a in menu.actions() if a.menu() is not None), None)
    if quality and submenu is not None:
        menu.setActiveAction(submenu)
        sub = submenu.menu()
        assert isinstance(sub, QMenu)
        sub.popup(menu.mapToGlobal(menu.actionGeometry(submenu).topRight()))
        await _settle(0.3)
    shot.screen(window, name)
    menu.close()


async def _grab_settings(window: MainWindow, services: AppServices, shot: _Shots) -> None:
    from app.core.settings import OPTIONS
    from app.ui.settings_dialog import SettingsDialog
    from tests.ui.fake_downloads import DOWNLOAD_OPTIONS

    for option in DOWNLOAD_OPTIONS:
        OPTIONS.setdefault(option.key, option)  # where this tree's schema lacks them
    dialog = SettingsDialog(services.settings, window)
    dialog.open()
    await _settle(0.5)
    shot.save(dialog, "D5-Settings")
    dialog.reject()


def main() -> int:
    args = shot_runner.arguments()
    for path in shot_runner.run(capture(args.out, args.lang)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
