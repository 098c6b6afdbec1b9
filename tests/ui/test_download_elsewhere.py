"""What `libria download` does in a process of its own shows in the window: a real shell process
(the real engine and ffmpeg) fetches an episode from the demo server while the window, on the
same library, shows the Downloads page; the row appears, is downloading, and becomes Done."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QCoreApplication

from app.core.download import DownloadState
from app.demo import DemoConfig, DemoServerThread
from app.services.context import AppServices
from app.services.settings import SettingsStore
from app.ui.downloads.model import Column
from app.ui.main_window import MainWindow
from app.ui.pages import downloads_page
from app.ui.pages.downloads_page import DownloadsPage
from tests.app_process import App
from tests.ui.conftest import close_window, until

LONG = 9007  # 48 segments: slowed down, long enough to be seen on its way


def is_file(path: str) -> bool:
    return Path(path).is_file()


@pytest.fixture(autouse=True)
def silent_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIBRIA_AUDIO_OUTPUT", "null")


async def test_an_episode_the_shell_downloads_shows_in_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(downloads_page, "REFRESH_MS", 200)  # the page reads the rows this often
    demo = DemoServerThread(DemoConfig()).start()
    origin = f"http://127.0.0.1:{demo.server.port}"
    # 48 segments, 4 at a time: about 5 s on its way, read a few times meanwhile.
    async with httpx.AsyncClient() as http:
        await http.post(f"{origin}/demo/media-faults", json={"pattern": "*.ts", "delay": 0.4})
    videos = tmp_path / "Videos"
    settings = SettingsStore(tmp_path / "config" / "libria" / "settings.ini", environ={})
    settings.set("download_dir", str(videos))
    # The shell's home: the same library file (XDG_DATA_HOME/libria) as the window's.
    services = AppServices(settings, demo.api_base(), tmp_path / "cache", tmp_path / "data/libria")
    await services.start()
    window = MainWindow(services)
    window.resize(1100, 760)
    window.show()
    window.show_page("downloads")
    page = window.page_for("downloads", DownloadsPage)
    seen: list[DownloadState] = []
    services.downloads.changed.connect(lambda item: seen.append(item.state))
    code = demo.server.catalog.titles[LONG].code
    shell = App(tmp_path, "--lang", "en", "--api-base", demo.api_base(), "download", code, "1",
                "--to", str(videos))  # fmt: skip
    try:
        await until(lambda: page.model.rowCount() == 1, within=30)  # queued over there
        item = page.model.item(0)
        assert (item.title_id, item.episode) == (LONG, 1.0)
        await until(lambda: page.model.item(0).state is DownloadState.DOWNLOADING, within=30)
        # Its progress, read from the shell's parts on disk.
        await until(lambda: 0 < page.model.fraction(page.model.item(0)) < 1, within=30)
        assert "%" in str(page.model.index(0, Column.PROGRESS).data())
        await until(lambda: page.model.item(0).state is DownloadState.DONE, within=60)
        assert shell.process.wait(30) == 0, shell.log
        done = page.model.item(0)
        assert is_file(done.path) and Path(done.path).is_relative_to(videos)
        assert services.downloads.local_file(LONG, 1) == Path(done.path)
        told = QCoreApplication.translate("Downloads", "Done")
        assert page.model.index(0, Column.STATE).data() == told
        async with httpx.AsyncClient() as http:
            requests = (await http.get(f"{origin}/demo/media-requests")).json()
        segments = [times for path, times in requests.items() if path.endswith(".ts")]
        assert len(segments) == 48 and set(segments) == {1}  # fetched once, by the shell
        assert DownloadState.QUEUED not in seen[seen.index(DownloadState.DOWNLOADING) :]
    finally:
        shell.stop()
        await close_window(window)
        await services.shutdown()
        demo.stop()
