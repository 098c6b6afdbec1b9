"""Saving one episode (the demo's long stream: 48 segments, 4 minutes) with `download_episode`
against `ffmpeg -i <playlist> -c copy out.mp4` from the same demo server (its own process), with
the server holding every segment 50 ms (a network's latency) for both; and without the delay."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from app.download.engine import EpisodeSource, download_episode
from tests.bench.common import Figure, demo_process, median

PLAYLIST = "/videos/ts/9007/0001/playlist.m3u8"
LATENCY_S = 0.05
ROUNDS = 3


async def _ours(url: str, folder: Path) -> float:
    source = EpisodeSource((url,), frozenset({urlsplit(url).netloc}))
    start = time.perf_counter()
    async with httpx.AsyncClient() as client:
        await download_episode(source, folder / "ours.mp4", folder / "work", client, lambda _: None)
    return time.perf_counter() - start


def _ffmpeg(url: str, folder: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
         "-i", url, "-c", "copy", str(folder / "ffmpeg.mp4")],
        check=True,
    )  # fmt: skip
    return time.perf_counter() - start


def _measure(origin: str, latency: float) -> tuple[float, float]:
    httpx.delete(f"{origin}/demo/media-faults").raise_for_status()
    if latency:
        fault = {"pattern": "*.ts", "delay": latency}
        httpx.post(f"{origin}/demo/media-faults", json=fault).raise_for_status()
    url = origin + PLAYLIST
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(ROUNDS):  # interleaved, so drift hits both alike
        with tempfile.TemporaryDirectory() as folder:
            ours.append(asyncio.run(_ours(url, Path(folder))))
            bare.append(_ffmpeg(url, Path(folder)))
    return median(ours), median(bare)


def run() -> list[Figure]:
    if shutil.which("ffmpeg") is None:
        raise RuntimeError("ffmpeg is needed for the download benchmark")
    with demo_process() as origin:
        slow_ours, slow_bare = _measure(origin, LATENCY_S)
        fast_ours, fast_bare = _measure(origin, 0.0)
    return [
        Figure(
            f"download_episode, 48 segments, {LATENCY_S * 1000:.0f} ms latency each",
            slow_ours,
            "s",
            "ffmpeg -i playlist -c copy",
            slow_bare,
            "<= 1.0x",
        ),
        Figure(
            "download_episode, 48 segments, no latency (local disk speed)",
            fast_ours,
            "s",
            "ffmpeg -i playlist -c copy",
            fast_bare,
        ),
    ]
