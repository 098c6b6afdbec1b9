"""The worst event-loop stall on the UI thread while the window downloads a whole season of the
demo's long title (13 episodes of 48 segments, the real engine and ffmpeg, the API and the
segments from a demo server in another process, each segment held a little as a network would),
with the Downloads page on screen (offscreen Qt), until the batch finishes."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.bench.bench_ui_stall import StallMeter
from tests.bench.common import Figure, demo_process

LONG_TITLE = 9007
SEGMENT_DELAY_S = 0.01  # per segment: the season takes several seconds, as over a network
ROUNDS = 3


async def _download_season(origin: str) -> tuple[list[float], int, int, float]:
    from app.core.download import DownloadState
    from app.services.context import AppServices
    from app.services.settings import SettingsStore
    from app.ui.main_window import MainWindow

    home = Path(tempfile.mkdtemp(prefix="libria-dl-stall-"))
    settings = SettingsStore(home / "settings.ini")
    settings.set("download_dir", str(home / "Videos"))
    services = AppServices(settings, f"{origin}/v2", home / "cache")
    await services.start()
    services.downloads.start()  # as the app does at launch (start_listening)
    window = MainWindow(services)
    window.resize(1320, 860)
    window.show()
    window.show_page("downloads")
    title = await services.catalog.title(id=LONG_TITLE)
    finished: asyncio.Future[tuple[int, int]] = asyncio.get_running_loop().create_future()
    services.downloads.batch_finished.connect(
        lambda done, failed: finished.done() or finished.set_result((done, failed))
    )
    await asyncio.sleep(0.5)  # the page settles before the meter starts
    meter = StallMeter()
    start = time.perf_counter()
    try:
        await services.downloads.add(title)
        done, failed = await asyncio.wait_for(finished, 300)
    finally:
        meter.stop()
    seconds = time.perf_counter() - start
    states = {item.state for item in services.downloads.items()}
    window.hide()
    await services.shutdown()
    shutil.rmtree(home, ignore_errors=True)
    if failed or states != {DownloadState.DONE}:
        raise RuntimeError(f"the season did not download: {done} done, {failed} failed")
    return meter.gaps, done, failed, seconds


def _round(origin: str) -> tuple[list[float], int, float]:
    from PySide6.QtWidgets import QApplication

    from app.ui.event_loop import EventLoop

    app = QApplication.instance() or QApplication(sys.argv[:1])
    loop = EventLoop(app)
    try:
        gaps, done, _failed, seconds = loop.run_until_complete(_download_season(origin))
    finally:
        loop.close()
    return gaps, done, seconds


def run() -> list[Figure]:
    if shutil.which("ffmpeg") is None:
        raise RuntimeError("ffmpeg is needed for the download benchmark")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    figures: list[Figure] = []
    with demo_process() as origin:
        fault = {"pattern": "*.ts", "delay": SEGMENT_DELAY_S}
        httpx.post(f"{origin}/demo/media-faults", json=fault).raise_for_status()
        for number in range(1, ROUNDS + 1):
            gaps, done, seconds = _round(origin)
            gaps.sort()
            worst = (gaps[-1] - 0.001) * 1000
            p99 = (gaps[int(len(gaps) * 0.99)] - 0.001) * 1000
            over = sum(gap > 0.017 for gap in gaps)
            figures += [
                Figure(f"run {number}: worst UI stall, {done} episodes downloaded in "
                       f"{seconds:.1f} s, Downloads page shown", worst, "ms", goal="<= 16 ms"),
                Figure(f"run {number}: 99th percentile UI stall ({over} of {len(gaps)} ticks "
                       "over 16 ms)", p99, "ms"),
            ]  # fmt: skip
    return figures
