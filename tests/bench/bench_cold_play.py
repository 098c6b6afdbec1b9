"""From outside: `libria play CODE 1` spawned with no window running to the first video segment the
demo server sees requested (not the playlist), with an empty profile (cold) and with a profile
whose library kept the title from an earlier run (warm). The floor is what the two halves of that
cost on their own, measured the same way in the same run, alternated: spawn to the first paint of
a bare PySide6 window, plus spawn of a bare python-mpv process that loads the same stream URL to
its first segment requested. Beside them, what the app's stack alone does for the same play from
the title's code (lean_play.py). Everything on one X display (Xvfb when none is set), the API in a
separate process, a private session bus."""

from __future__ import annotations

import compileall
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from tests.bench.common import ROOT, Figure, demo_process, median
from tests.dbus_session import private_session_bus

RUNS = 5
TITLE_ID = 9003
WITHIN_S = 60.0


@contextlib.contextmanager
def _display() -> Iterator[str]:
    """$DISPLAY, else an Xvfb of our own for the whole run (not one per process: its start
    would count)."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise RuntimeError("the cold-play benchmark needs an X display or Xvfb")
    read, write = os.pipe()
    process = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write)
    with os.fdopen(read) as displayfd:
        number = displayfd.readline().strip()
    try:
        yield f":{number}"
    finally:
        process.terminate()
        process.wait(10)


def _first_segment(origin: str, since: float, process: subprocess.Popen[bytes]) -> float:
    """When the demo first saw a video segment asked for (its monotonic clock is ours)."""
    deadline = since + WITHIN_S
    while time.monotonic() < deadline:
        first = httpx.get(f"{origin}/demo/media-requests?first=1", timeout=5).json()
        segments = [at for path, at in first.items() if path.endswith(".ts")]
        if segments:
            return float(min(segments))
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} ended ({process.returncode}) before playing")
        time.sleep(0.02)
    raise RuntimeError(f"{process.args} requested no segment within {WITHIN_S:.0f} s")


def _end(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (the app quits in order and keeps what it fetched), then a kill if it hangs."""
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def _time_to_segment(origin: str, command: list[str], env: dict[str, str]) -> float:
    httpx.delete(f"{origin}/demo/media-requests", timeout=5)
    start = time.monotonic()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        return _first_segment(origin, start, process) - start
    finally:
        _end(process)


def _time_to_paint(command: list[str], env: dict[str, str]) -> float:
    start = time.monotonic()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    stuck = threading.Timer(WITHIN_S, process.kill)
    stuck.start()
    try:
        for line in process.stdout:
            if line.startswith("LIBRIA_READY"):
                return time.monotonic() - start
        raise RuntimeError(f"{command} never painted")
    finally:
        stuck.cancel()
        process.wait(30)
        process.stdout.close()


def _stream(origin: str) -> tuple[str, str]:
    """The title's code and its first episode's 1080p URL, as the app would build it."""
    title = httpx.get(f"{origin}/v2/getTitle", params={"id": TITLE_ID}, timeout=10).json()
    player = title["player"]
    host, path = player["hosts"]["hls"], player["playlist"]["1"]["hls"]["fhd"]
    return title["code"], f"http://{host}{path}"


def _home(folder: str) -> dict[str, str]:
    return {"XDG_CACHE_HOME": folder, "XDG_CONFIG_HOME": folder, "XDG_DATA_HOME": folder}


def _rounds(origin: str, env: dict[str, str]) -> dict[str, list[float]]:
    code, url = _stream(origin)
    args = ["--api-base", f"{origin}/v2", "play", code, "1"]
    play = [sys.executable, "-m", "app", *args]
    warm_env = dict(env, **_home(tempfile.mkdtemp(prefix="libria-bench-play-warm-")))
    _time_to_segment(origin, play, warm_env)  # the library keeps the title from this run
    runs: dict[str, Callable[[], float]] = {
        "window": lambda: _time_to_paint(
            [sys.executable, str(ROOT / "tests" / "bench" / "bare_window.py")], env
        ),
        "mpv": lambda: _time_to_segment(
            origin, [sys.executable, str(ROOT / "tests" / "bench" / "bare_mpv.py"), url], env
        ),
        "lean": lambda: _time_to_segment(
            origin,
            [sys.executable, str(ROOT / "tests" / "bench" / "lean_play.py"), origin, code],
            env,
        ),
        "cold": lambda: _time_to_segment(
            origin, play, dict(env, **_home(tempfile.mkdtemp(prefix="libria-bench-play-")))
        ),
        "warm": lambda: _time_to_segment(origin, play, warm_env),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(RUNS):
        for name, run_once in runs.items():
            times[name].append(run_once())
    return times


def run() -> list[Figure]:
    compileall.compile_dir(ROOT / "app", quiet=1)  # as an installed app's modules are
    with (
        tempfile.TemporaryDirectory(prefix="libria-bench-bus-") as bus_folder,
        private_session_bus(Path(bus_folder)) as bus,
        _display() as display,
        demo_process() as origin,
    ):
        env = dict(
            os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", DBUS_SESSION_BUS_ADDRESS=bus,
            LIBRIA_LOG="WARNING", LIBRIA_AUDIO_OUTPUT="null",
        )  # fmt: skip
        times = _rounds(origin, env)
    ms = {name: median(samples) * 1000 for name, samples in times.items()}
    baseline = "bare window painted + bare mpv to first segment"
    floor = ms["window"] + ms["mpv"]
    return [
        Figure("`libria play` to first segment requested, cold (empty profile)", ms["cold"],
               "ms", baseline, floor, "<= 1.5x"),
        Figure("`libria play` to first segment requested, warm (title in the library)",
               ms["warm"], "ms", baseline, floor, "<= 1.5x"),
        Figure("  floor: the cold play on the app's stack (Qt, httpx on qasync, python-mpv) and "
               "none of the app's code (tests/bench/lean_play.py)", ms["lean"], "ms", baseline,
               floor),
        Figure("  floor: bare PySide6 window to first paint", ms["window"], "ms"),
        Figure("  floor: bare python-mpv spawn to first segment requested", ms["mpv"], "ms"),
    ]  # fmt: skip
