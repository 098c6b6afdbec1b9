"""From the server's push of a new episode to the Notify call on the session bus: the real app in
its own process, a private D-Bus session bus with a recording notification server, the demo
server's WebSocket. Pushes are spaced past the burst window, so each one is announced at once
(in a burst only the first is; the rest update it in place)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.demo import DemoConfig, DemoServerThread
from app.services.announcer import BURST_QUIET_S
from tests.bench.common import ROOT, Figure, median
from tests.desktop.notification_server import serve

PUSHES = int(os.environ.get("LIBRIA_BENCH_PUSHES", "100"))


async def _measure(bus_address: str, demo: DemoServerThread, home: Path) -> list[float]:
    bus, server = await serve(bus_address)
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", DBUS_SESSION_BUS_ADDRESS=bus_address,
        XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"), LIBRIA_LOG="INFO", LIBRIA_AUDIO_OUTPUT="null",
    )  # fmt: skip
    app = await asyncio.to_thread(
        subprocess.Popen,
        [sys.executable, "-m", "app", "--api-base", demo.api_base(), "--minimized"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not demo.server.hub.clients:  # the app's update stream is connected
            if time.monotonic() > deadline:
                raise RuntimeError("the app never connected to the update stream")
            await asyncio.sleep(0.05)
        ongoing = [t.id for t in demo.server.catalog.titles.values() if t.status == 1]
        latencies = []
        for n in range(PUSHES):
            before = len(server.calls)
            pushed_at = time.monotonic()
            await asyncio.to_thread(demo.call, demo.server.push_episode(ongoing[n % len(ongoing)]))
            while len(server.calls) == before:  # noqa: ASYNC110 (D-Bus handlers fill the list)
                await asyncio.sleep(0.0005)
            latencies.append((server.calls[-1].at - pushed_at) * 1000)
            await asyncio.sleep(BURST_QUIET_S + 0.2)
        return latencies
    finally:
        app.terminate()
        app.wait(30)
        bus.disconnect()


def run() -> list[Figure]:
    home = Path(tempfile.mkdtemp(prefix="libria-bench-notify-"))
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", f"--address=unix:path={home / 'bus'}",
         "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    demo = DemoServerThread(DemoConfig()).start()
    try:
        latencies = asyncio.run(_measure(address, demo, home))
    finally:
        demo.stop()
        daemon.terminate()
        daemon.wait(10)
        daemon.stdout.close()
    latencies.sort()
    return [
        Figure(f"push to Notify, median of {len(latencies)}", median(latencies), "ms",
               goal="<= 100 ms"),
        Figure("push to Notify, 90th percentile", latencies[int(len(latencies) * 0.9)], "ms"),
        Figure("push to Notify, worst", latencies[-1], "ms"),
    ]  # fmt: skip
