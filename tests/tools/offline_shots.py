"""Grabs downloads made for real into PNG files, for a person to look at: the app's own services
download a title's episodes from the demo server (the real engine and ffmpeg), the title page
shows them on disk, then the server stops and an episode is played from the Downloads page, the
window grabbed once its frames show (the offline banner up, "Playing the downloaded file").

xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python -m tests.tools.offline_shots shots/
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from tests.qt_loop import until
from tests.tools import shot_runner

if TYPE_CHECKING:
    from app.services.context import AppServices
    from app.ui.main_window import MainWindow

TITLE = 9003  # two episodes of the demo's 30-second video


class _Shots:
    def __init__(self, out: Path, language: str) -> None:
        self.out = out
        self.language = language
        self.saved: list[Path] = []

    def screen(self, window: QWidget, name: str) -> None:
        """The window as the screen shows it: the video is painted by GL, which grab() misses."""
        path = self.out / f"{name}-{self.language}.png"
        top_left = window.frameGeometry().topLeft()
        size = window.frameGeometry().size()
        picture = window.screen().grabWindow(0, top_left.x(), top_left.y(), size.width(),
                                             size.height())  # fmt: skip
        picture.save(str(path))
        self.saved.append(path)


async def capture(out: Path, language: str) -> list[Path]:
    from app.ui.main_window import MainWindow

    demo, services = await shot_runner.demo_services(
        language, "libria-offline-shots-",
        lambda settings, home: settings.set("download_dir", str(home / "Видео" / "Libria")),
    )  # fmt: skip
    window = MainWindow(services)
    window.resize(1320, 860)
    window.move(0, 0)
    window.show()
    shot = _Shots(out, language)
    try:
        await _download(services)
        await _title_page(window, services, shot)
        demo.stop()  # no API, no stream host from here on
        await _play_offline(window, services, shot)
    finally:
        window.shutdown_player()
        window.close()
        await services.shutdown()
        demo.stop()
    return shot.saved


async def _download(services: AppServices) -> None:
    """Both episodes of the title, by the app's own queue."""
    finished: asyncio.Future[tuple[int, int]] = asyncio.get_running_loop().create_future()
    services.downloads.batch_finished.connect(
        lambda done, failed: finished.done() or finished.set_result((done, failed))
    )
    await services.downloads.add(await services.catalog.title(id=TITLE))
    done, failed = await asyncio.wait_for(finished, 120)
    if failed or not done:
        raise RuntimeError(f"the download failed: {[i.reason for i in services.downloads.items()]}")


async def _title_page(window: MainWindow, services: AppServices, shot: _Shots) -> None:
    window.open_title(await services.catalog.title(id=TITLE))
    await asyncio.sleep(2.0)  # the poster and the stills
    view = window.title_page.view
    window.title_page.scroller.ensureWidgetVisible(view.episode_actions.bar, 0, 0)
    window.title_page.scroller.ensureWidgetVisible(view.episodes, 0, 0)
    await asyncio.sleep(1.0)
    shot.screen(window, "O1-TitlePage-downloaded")


async def _play_offline(window: MainWindow, services: AppServices, shot: _Shots) -> None:
    from app.ui.pages.downloads_page import DownloadsPage

    window.show_page("downloads")
    page = window.page_for("downloads", DownloadsPage)
    await asyncio.sleep(0.5)
    shot.screen(window, "O2-Downloads-done")
    first = next(item for item in page.model.items() if item.episode == 1)
    page.select(first.id)
    page.play_selected()
    session = services.playback
    await until(lambda: session.state.loaded and session.state.position > 2.0, within=60)
    await until(lambda: not services.connectivity.online)  # the banner is up
    await asyncio.sleep(0.5)  # the controls settle
    shot.screen(window, "O3-Player-offline-from-disk")


def main() -> int:
    args = shot_runner.arguments()
    for path in shot_runner.run(capture(args.out, args.lang)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
