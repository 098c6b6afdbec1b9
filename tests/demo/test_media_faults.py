"""The demo's media faults and request counts, through its control API over HTTP."""

from __future__ import annotations

import time

import httpx

from app.demo import DemoServer

SEGMENT = "/videos/ts/9000/0001/seg02.ts"


async def test_faults_fail_then_wear_off_and_requests_are_counted(demo: DemoServer) -> None:
    async with httpx.AsyncClient(base_url=demo.origin) as http:
        fault = {"pattern": "seg02.ts", "fail": 2, "status": 503}
        assert (await http.post("/demo/media-faults", json=fault)).json() == {"faults": 1}
        assert [(await http.get(SEGMENT)).status_code for _ in range(3)] == [503, 503, 200]
        assert (await http.get("/demo/media-faults")).json() == {"faults": 0}  # used up
        counts = (await http.get("/demo/media-requests")).json()
        assert counts == {SEGMENT.removeprefix("/videos/"): 3}
        await http.delete("/demo/media-requests")
        assert (await http.get("/demo/media-requests")).json() == {}


async def test_the_first_request_of_each_path_is_timed(demo: DemoServer) -> None:
    async with httpx.AsyncClient(base_url=demo.origin) as http:
        before = time.monotonic()
        await http.get(SEGMENT)
        between = time.monotonic()
        await http.get(SEGMENT)
        first = (await http.get("/demo/media-requests?first=1")).json()
        assert list(first) == [SEGMENT.removeprefix("/videos/")]
        assert before <= first[SEGMENT.removeprefix("/videos/")] <= between  # the first, kept
        await http.delete("/demo/media-requests")
        assert (await http.get("/demo/media-requests?first=1")).json() == {}


async def test_a_delay_stays_until_cleared(demo: DemoServer) -> None:
    async with httpx.AsyncClient(base_url=demo.origin) as http:
        await http.post("/demo/media-faults", json={"pattern": "*.ts", "delay": 0.01})
        for _ in range(2):
            assert (await http.get(SEGMENT)).status_code == 200
        assert (await http.get("/demo/media-faults")).json() == {"faults": 1}
        assert (await http.delete("/demo/media-faults")).json() == {"faults": 0}


async def test_a_truncated_answer_is_a_short_body(demo: DemoServer) -> None:
    async with httpx.AsyncClient(base_url=demo.origin) as http:
        await http.post(
            "/demo/media-faults", json={"pattern": "seg02.ts", "fail": 1, "truncate": True}
        )
        try:
            answer = await http.get(SEGMENT)
        except httpx.RemoteProtocolError:
            pass  # the connection dropped before the promised length: what it is for
        else:
            raise AssertionError(f"a whole answer: {answer.status_code}")


async def test_bad_faults_are_refused(demo: DemoServer) -> None:
    async with httpx.AsyncClient(base_url=demo.origin) as http:
        for bad in ([], {"fail": -1}, {"status": 200, "fail": 1}, {"delay": 600}, {"nope": 1}):
            assert (await http.post("/demo/media-faults", json=bad)).status_code == 400
        assert (await http.put("/demo/media-faults")).status_code == 405
