"""A cold start asks for its first page before the window is built and leaves the rest until that
page is shown; all of it still comes, and in time: an answer that came while the window was
built is on the page, a launch handed over while the first page waits for its answer is followed
once that page is painted, and the downloads queue, made after the window, shows in the rail as
it runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from app.demo import DemoServerThread
from app.demo.server import Fault
from app.services.context import AppServices
from app.services.settings import SettingsStore
from app.services.state import LoadState
from app.ui.i18n import install_language
from app.ui.pages.catalog_page import CatalogPage
from tests.app_process import ROOT, App, environment
from tests.ui.conftest import close_window, open_window, until

LONG = 9007  # 48 segments: slowed down, long enough to be seen on its way


async def test_a_start_page_answered_while_the_window_is_built_shows_the_answer(
    services: AppServices,
) -> None:
    updates = services.catalog.updates
    updates.reload()  # as the cold start's first page step: out before the window
    await until(lambda: updates.state is LoadState.READY)
    window = await open_window(services)
    try:
        page = window.page_for("updates", CatalogPage)
        assert page.model.rowCount() == len(updates.shown) > 0
        assert page.state.state is LoadState.READY  # the cards, not a loading spinner
    finally:
        await close_window(window)


def _cold_start_waiting(
    tmp_path: Path, demo_thread: DemoServerThread, answer_s: float, serve_within_s: float
) -> App:
    """A cold start whose first page's answer takes `answer_s`, once its window is shown."""
    demo_thread.server.faults.append(Fault("getUpdates", delay=answer_s))
    app = App(
        tmp_path, "--api-base", demo_thread.api_base(), "--startup-probe-stays",
        env={"LIBRIA_LOG": "DEBUG"},
        patches={"app.ui.first_page.FIRST_PAGE_WAIT_S": answer_s + 30,
                 "app.launch_steps.SERVE_WITHIN_S": serve_within_s},
    )  # fmt: skip
    try:
        app.wait_for("start-up step: start listening")  # the window is shown, the page waits
    except BaseException:
        app.stop()
        raise
    return app


def _launch_title(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    """`libria title CODE` with the same profile: a later launch, handed over."""
    return subprocess.run(
        [sys.executable, "-m", "app", "title", code], cwd=ROOT, env=environment(tmp_path),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_a_launch_during_a_cold_start_is_followed_once_the_first_page_is_shown(
    tmp_path: Path, demo_thread: DemoServerThread
) -> None:
    # The first page's answer comes late: the second launch comes while the page waits.
    app = _cold_start_waiting(tmp_path, demo_thread, answer_s=4.0, serve_within_s=30.0)
    try:
        assert "LIBRIA_READY" not in app.log
        code = demo_thread.server.catalog.titles[9003].code
        later = _launch_title(tmp_path, code)
        assert later.returncode == 0, later.stderr
        # Answered by the running Libria, and only once its first page was on screen.
        assert "LIBRIA_READY" in app.log
        app.wait_for(f"getTitle?code={code}")
        app.wait_for("LIBRIA_PAGE TitlePage")
    finally:
        assert app.stop() == 0, app.log


def test_a_launch_during_a_slow_cold_start_is_answered_before_it_gives_up(
    tmp_path: Path, demo_thread: DemoServerThread
) -> None:
    # The first page's answer takes longer than a later launch waits for its own (10 s): the
    # running Libria answers it anyway, within SERVE_WITHIN_S, and does what it asked.
    app = _cold_start_waiting(tmp_path, demo_thread, answer_s=60.0, serve_within_s=1.0)
    try:
        code = demo_thread.server.catalog.titles[9003].code
        later = _launch_title(tmp_path, code)
        assert later.returncode == 0, later.stderr
        assert "LIBRIA_READY" not in app.log  # the first page still waits for its answer
        app.wait_for(f"getTitle?code={code}")
        app.wait_for("LIBRIA_PAGE TitlePage")
    finally:
        assert app.stop() == 0, app.log


@pytest.fixture
async def downloading(tmp_path: Path, demo_thread: DemoServerThread) -> AppServices:
    install_language("ru")
    settings = SettingsStore(tmp_path / "config" / "settings.ini", environ={})
    settings.set("download_dir", str(tmp_path / "Videos"))
    services = AppServices(settings, demo_thread.api_base(), tmp_path / "cache", tmp_path / "d")
    await services.start()
    return services


async def test_the_rail_follows_a_downloads_queue_made_after_the_window(
    downloading: AppServices, demo_thread: DemoServerThread
) -> None:
    services = downloading
    window = await open_window(services)
    try:
        rail = window.rail.item("downloads")
        assert rail.text() == "Загрузки"
        origin = f"http://127.0.0.1:{demo_thread.server.port}"
        async with httpx.AsyncClient() as http:
            await http.post(f"{origin}/demo/media-faults", json={"pattern": "*.ts", "delay": 0.3})
        title = await services.catalog.title(id=LONG)
        await services.downloads.add(title, [1.0])  # the queue is made here, on first use
        await until(lambda: rail.text().startswith("Загрузки ") and "%" in rail.text(), 30)
    finally:
        await close_window(window)
        await services.shutdown()
