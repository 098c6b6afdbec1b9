"""The demo's burst of new episodes: many titles, each with its next episode, announced on the
WebSocket back to back."""

from __future__ import annotations

import aiohttp
import httpx

from app.demo import DemoServer


async def test_a_burst_announces_the_next_episode_of_many_titles(demo: DemoServer) -> None:
    before = {t.id: len(t.episodes) for t in demo.catalog.titles.values()}
    async with aiohttp.ClientSession() as web, web.ws_connect(f"{demo.api_base()}/ws/") as socket:
        async with httpx.AsyncClient(base_url=demo.origin) as http:
            answer = await http.post("/demo/burst", json={"count": 12})
        pushed = answer.json()["pushed"]
        frames = [await socket.receive_json(timeout=10) for _ in range(2 * len(pushed))]
    ids = [item["id"] for item in pushed]
    assert len(ids) == 12 and len(set(ids)) == 12  # twelve titles, each once
    assert all(demo.catalog.titles[i].status == 1 for i in ids)  # airing titles first
    assert all(not demo.catalog.titles[i].blocked for i in ids)  # ones the lists show
    for item in pushed:
        title = demo.catalog.titles[item["id"]]
        assert len(title.episodes) == before[title.id] + 1
        assert item["episode"] == title.episodes[-1].number
    announced = [(f["id"], f["serie"]) for f in frames if "serie" in f]
    assert announced == [(item["id"], item["episode"]) for item in pushed]  # in the order sent


async def test_a_burst_of_named_titles_and_bad_bursts(demo: DemoServer) -> None:
    async with httpx.AsyncClient(base_url=demo.origin) as http:
        answer = await http.post("/demo/burst", json={"ids": [9003, 9003, 9001]})
        assert [(p["id"], p["episode"]) for p in answer.json()["pushed"]] == [
            (9003, demo.catalog.titles[9003].episodes[-2].number),
            (9003, demo.catalog.titles[9003].episodes[-1].number),
            (9001, demo.catalog.titles[9001].episodes[-1].number),
        ]
        for bad in ({"count": 0}, {"count": "5"}, {"ids": [1]}, {"ids": "9001"}, []):
            assert (await http.post("/demo/burst", json=bad)).status_code == 400
        assert (await http.post("/demo/burst", content=b"not json")).status_code == 400
