"""Both clients against bare httpx + json: v2 get_updates(limit=50) with full playlists, and
v1's list of 50 releases with every episode and torrent (`/anime/releases/list`)."""

from __future__ import annotations

import asyncio
import json
import time

import httpx

from app.api import AniLibriaClient
from app.api.v1.client import V1Client
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


async def _measure_v1(origin: str) -> tuple[float, float, int]:
    base = f"{origin}/api/v1"
    ids = list(range(9000, 9050))
    url = f"{base}/anime/releases/list?ids={','.join(map(str, ids))}&limit=50"
    ours: list[float] = []
    bare: list[float] = []
    async with V1Client(base) as client, httpx.AsyncClient() as http:
        page = await client.releases(ids)
        json.loads((await http.get(url)).content)
        episodes = sum(len(t.player.episodes) for t in page.items)
        for _ in range(ROUNDS):
            start = time.perf_counter()
            await client.releases(ids)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            json.loads((await http.get(url)).content)
            bare.append(time.perf_counter() - start)
    return median(ours), median(bare), episodes


def run() -> list[Figure]:
    with demo_process() as origin:
        ours, bare, episodes = asyncio.run(_measure(origin))
        ours_v1, bare_v1, episodes_v1 = asyncio.run(_measure_v1(origin))
    return [
        Figure(
            f"v1 client releases list (50), {episodes_v1} episodes parsed",
            ours_v1 * 1000,
            "ms",
            "bare httpx get + json.loads",
            bare_v1 * 1000,
            "<= 1.2x",
        ),
        Figure(
            f"client get_updates(limit=50), {episodes} episodes parsed",
            ours * 1000,
            "ms",
            "bare httpx get + json.loads",
            bare * 1000,
            "<= 1.2x",
        ),
    ]
