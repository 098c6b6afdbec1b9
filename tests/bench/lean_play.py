"""The floor for a cold `libria play CODE 1` on the app's fixed stack: the least a Python program
does to go from a title's code to its first episode's stream in libmpv, as the app must with an
empty profile. PySide6's application, the title asked of the API over httpx on qasync's loop,
python-mpv loading libmpv on a worker thread meanwhile (started once Qt's and asyncio's shared
libraries are in: the dynamic loader's lock would hold them up behind libmpv's), then the 1080p
stream loaded. No window, no library, none of the app's code: what is left of the app's figure
above this one is the app's own. Self-contained, as lean_cold.py is.

Usage: lean_play.py ORIGIN CODE (ORIGIN the demo server's); it plays until it is ended.
"""

import os
import sys
import threading
from typing import Any

os.environ["LC_NUMERIC"] = "C"  # libmpv reads numbers with the C locale

from PySide6.QtWidgets import QApplication

ORIGIN, CODE = sys.argv[1], sys.argv[2]
app = QApplication(sys.argv[:1])

import asyncio  # noqa: E402  (after Qt: what the floor measures is in this order)

# As app/__init__.py: httpx would import its command-line client.
sys.modules["httpx._main"] = None  # type: ignore[assignment]
import httpx  # noqa: E402
import qasync  # noqa: E402


def load_player(loop: asyncio.AbstractEventLoop, loaded: "asyncio.Future[Any]") -> None:
    try:
        import mpv

        player = mpv.MPV(ytdl=False, vo="null", ao="null")
    except Exception as error:  # said by `ended`
        loop.call_soon_threadsafe(loaded.set_exception, error)
    else:
        loop.call_soon_threadsafe(loaded.set_result, player)


def failed(why: object) -> None:
    """The floor cannot be measured: said, and the process ends (the benchmark says so)."""
    print(f"lean_play: {why}", file=sys.stderr, flush=True)
    os._exit(1)


async def play(loaded: "asyncio.Future[Any]") -> None:
    async with httpx.AsyncClient() as client:
        answer = await client.get(f"{ORIGIN}/v2/getTitle", params={"code": CODE})
        player = answer.raise_for_status().json()["player"]
    stream = f"http://{player['hosts']['hls']}{player['playlist']['1']['hls']['fhd']}"
    (await loaded).loadfile(stream)


def ended(done: "asyncio.Task[None]") -> None:
    if not done.cancelled() and done.exception() is not None:
        failed(done.exception())


loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)
loaded: "asyncio.Future[Any]" = loop.create_future()
threading.Thread(target=load_player, args=(loop, loaded), daemon=True).start()
loop.create_task(play(loaded)).add_done_callback(ended)
with loop:
    loop.run_forever()  # until the benchmark ends this process
