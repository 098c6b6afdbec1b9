"""get_updates(limit=50) with full playlists, through the client, against bare httpx + json."""

from __future__ import annotations

import asyncio
import json
import time

import httpx

from app.api import AniLibriaClient
from tests.bench.common import Figure, demo_process, median

ROUNDS = 100


async def _measure(origin: str) -> tuple[float, float, int]:
    base = f"{origin}/v2"
    url = f"{base}/getUpdates?limit=50"
    ours: list[float] = []
    bare: list[float] = []
    async with AniLibriaClient(base) as client, httpx.AsyncClient() as http:
        titles = await client.get_updates(limit=50)  # warm both connections
        json.loads((await http.get(url)).content)
        episodes = sum(len(t.player.episodes) for t in titles)
        for _ in range(ROUNDS):  # interleaved, so drift hits both alike
            start = time.perf_counter()
            await client.get_updates(limit=50)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            json.loads((await http.get(url)).content)
            bare.append(time.perf_counter() - start)
    return median(ours), median(bare), episodes


def run() -> list[Figure]:
    with demo_process() as origin:
        ours, bare, episodes = asyncio.run(_measure(origin))
    return [
        Figure(
            f"client get_updates(limit=50), {episodes} episodes parsed",
            ours * 1000,
            "ms",
            "bare httpx get + json.loads",
            bare * 1000,
            "<= 1.2x",
        )
    ]
