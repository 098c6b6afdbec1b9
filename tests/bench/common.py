"""What every benchmark shares: a figure row, a demo server in its own process, a median."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Figure:
    name: str
    value: float  # in `unit`
    unit: str
    baseline_name: str = ""
    baseline: float | None = None
    goal: str = ""  # e.g. "<= 1.2x"

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def demo_process(titles: int = 240) -> Iterator[str]:
    """A demo server in a separate process (so it does not share our GIL); yields its origin."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "app.demo", "--port", str(port), "--titles", str(titles)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    origin = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(origin + "/", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the demo server did not start") from None
                time.sleep(0.1)
        yield origin
    finally:
        process.terminate()
        process.wait(10)


def run_for_result(command: list[str], env: dict[str, str], what: str) -> Any:
    """Runs one benchmark process and returns the JSON it printed on its `RESULT ` line."""
    output = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    line = next((x for x in output.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"{what} failed:\n{output.stdout}\n{output.stderr[-3000:]}")
    return json.loads(line.removeprefix("RESULT "))


def on_x_display(command: list[str], what: str, screen: str = "1280x800x24") -> list[str]:
    """`command` on $DISPLAY, or on an Xvfb of its own (GL through Mesa) when there is none."""
    if os.environ.get("DISPLAY"):
        return command
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        raise RuntimeError(f"the {what} needs an X display or xvfb-run")
    return [xvfb_run, "-a", "-s", f"-screen 0 {screen}", *command]
