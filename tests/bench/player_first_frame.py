"""Run by bench_player under an X display: prints JSON with the times to the first frame."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LC_NUMERIC"] = "C"
os.environ.setdefault("LIBRIA_AUDIO_OUTPUT", "null")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

ROUNDS = 5


async def _first_frame(video: Any, player: Any, start: Any) -> float:
    """Seconds from start() to the first swapped frame showing video."""
    done = asyncio.get_running_loop().create_future()
    began = time.perf_counter()

    def presented() -> None:
        if player.state.video_size != (0, 0) and not done.done():
            done.set_result(time.perf_counter() - began)

    video.frame_rendered.connect(presented)
    start()
    try:
        return float(await asyncio.wait_for(done, 30))
    finally:
        video.frame_rendered.disconnect(presented)


async def measure(origin: str) -> dict[str, list[float]]:
    from app.player.backend import MpvPlayer
    from app.player.video_widget import VideoWidget
    from app.services.context import AppServices
    from app.services.settings import SettingsStore
    from app.ui.main_window import MainWindow

    home = Path(tempfile.mkdtemp(prefix="libria-player-bench-"))
    services = AppServices(SettingsStore(home / "s.ini"), f"{origin}/v2", home / "c", home / "d")
    await services.start()
    window = MainWindow(services)
    window.resize(1100, 760)
    window.show()
    title = await services.catalog.title(id=9003)
    episode = title.player.episodes[0]
    url = f"{origin}{episode.hls.fhd}"

    bare_player = MpvPlayer(os.environ["LIBRIA_AUDIO_OUTPUT"])  # the audio output the app has
    bare_video = VideoWidget(bare_player)
    bare_video.resize(880, 500)
    bare_video.show()
    results: dict[str, list[float]] = {"libria": [], "bare": []}
    try:
        for _ in range(ROUNDS):
            # Libria: what a double-click on the episode does (resolve, probe, load, render).
            window.player.stop()
            await asyncio.sleep(0.3)
            results["libria"].append(await _first_frame(
                window.player.video, window.services.playback.player,
                lambda: window.services.playback.play(title, episode)))  # fmt: skip
            window.player.stop()
            # Bare: the same libmpv and URL, loadfile straight away.
            bare_player.stop()
            await asyncio.sleep(0.3)
            results["bare"].append(await _first_frame(
                bare_video, bare_player, lambda: bare_player.load(url)))  # fmt: skip
            bare_player.stop()
    finally:
        bare_video.shutdown()
        bare_player.terminate()
        window.shutdown_player()
        window.hide()
        await services.shutdown()
    return results


def main() -> int:
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    from app.ui.event_loop import EventLoop

    loop = EventLoop(app)
    with loop:
        results = loop.run_until_complete(measure(sys.argv[1]))
    print("RESULT " + json.dumps(results), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
