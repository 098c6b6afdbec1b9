"""The demo server as a user (or mpv) sees it: real HTTP, real video, real images."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app.demo import DemoConfig, DemoServer, DemoServerThread
from app.demo.filtering import apply_filter, apply_remove, parse_path
from app.demo.wire import SHAPE_213

ROOT = Path(__file__).resolve().parents[2]


async def _get(url: str) -> httpx.Response:
    async with httpx.AsyncClient() as http:
        return await http.get(url)


@pytest.mark.parametrize("shape", ["2.8", SHAPE_213])
async def test_hls_playlist_is_real_video(demo: DemoServer, shape: str) -> None:
    title = (await _get(f"{demo.api_base(shape)}/getTitle?id=9000")).json()
    host = title["player"]["hosts"]["hls"] if shape == "2.8" else title["player"]["host"]
    episode = next(iter(title["player"]["playlist"].values()))
    url = f"http://{host}{episode['hls']['sd']}"
    playlist = await _get(url)
    assert playlist.status_code == 200
    assert playlist.headers["content-type"] == "application/vnd.apple.mpegurl"
    assert playlist.text.startswith("#EXTM3U")
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        pytest.fail("ffprobe (from ffmpeg) is needed to check the demo video")
    probe = await asyncio.create_subprocess_exec(
        ffprobe, "-v", "error", "-show_entries", "stream=codec_type,width,height",
        "-show_entries", "format=duration", "-of", "json", url,
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, _ = await probe.communicate()
    info = json.loads(out)
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    assert (video["width"], video["height"]) == (640, 360)
    assert any(s["codec_type"] == "audio" for s in info["streams"])
    assert float(info["format"]["duration"]) > 20


async def test_unknown_episode_video_is_404(demo: DemoServer) -> None:
    assert (await _get(f"{demo.origin}/videos/ts/9000/0999/playlist.m3u8")).status_code == 404
    assert (await _get(f"{demo.origin}/videos/ts/1/0001/playlist.m3u8")).status_code == 404
    assert (await _get(f"{demo.origin}/videos/../../etc/passwd")).status_code == 404


async def test_posters_stills_and_torrents(demo: DemoServer) -> None:
    title = (await _get(f"{demo.api_base()}/getTitle?id=9000")).json()
    poster = await _get(demo.origin + title["poster"]["url"])
    assert poster.status_code == 200 and poster.content[:3] == b"\xff\xd8\xff"
    new = (await _get(f"{demo.api_base(SHAPE_213)}/getTitle?id=9000")).json()
    still = await _get(demo.origin + new["player"]["playlist"]["1"]["preview"])
    assert still.status_code == 200 and still.headers["content-type"] == "image/jpeg"
    for torrent in (title["torrents"]["list"][0], new["torrents"]["list"][0]):
        response = await _get(demo.origin + torrent["url"])
        assert response.status_code == 200 and response.content.startswith(b"d8:announce")
    assert (await _get(f"{demo.origin}/upload/torrents/1.torrent")).status_code == 404


async def test_catalogue_covers_what_the_app_shows(demo: DemoServer) -> None:
    titles = list(demo.catalog.titles.values())
    assert len(titles) >= 200
    assert len({t.year for t in titles}) >= 20
    assert {t.season for t in titles} == {1, 2, 3, 4}
    assert {t.week_day for t in titles if t.status == 1} == set(range(7))
    assert {t.status for t in titles} == {1, 2, 3, 4}
    assert {t.kind for t in titles} >= {0, 1, 2, 3, 4}
    assert all(t.name_ru for t in titles) and sum(bool(t.name_en) for t in titles) > 200
    assert len(demo.catalog.videos) >= 50 and len(demo.catalog.seed_stats) >= 100


async def test_control_api(demo: DemoServer) -> None:
    async with httpx.AsyncClient(base_url=demo.origin) as http:
        pushed = (await http.post("/demo/episode?id=9000")).json()
        assert pushed["id"] == 9000 and len(pushed["hash"]) == 40
        assert (await http.post("/demo/episode?id=1")).status_code == 404
        fault = {"method": "getYears", "status": 500, "code": 503}
        assert (await http.post("/demo/faults", json=fault)).json() == {"faults": 1}
        assert (await http.get("/v2/getYears")).json()["error"]["code"] == 503
        assert (await http.get("/v2/getYears")).status_code == 200
        assert (await http.post("/demo/faults", json={"nonsense": 1})).status_code == 400
        assert (await http.get("/demo/unknown")).status_code == 404
        latest = (await http.get("/v2/getUpdates?limit=1")).json()[0]
        assert latest["id"] == 9000 and str(pushed["episode"]) in latest["player"]["playlist"]


def test_filter_and_remove_paths() -> None:
    data = {
        "id": 1,
        "names": {"ru": "р", "en": "e", "alternative": None},
        "team": {"voice": ["a", "b", "c"]},
        "torrents": {"list": [{"torrent_id": 1, "x": 1}, {"torrent_id": 2, "x": 2}]},
        "player": {"playlist": {"1": {"id": 1}, "24": {"id": 24}}},
    }
    assert parse_path("torrents.list[*].torrent_id") == ["torrents", "list", "*", "torrent_id"]
    assert parse_path("team.voice[0]") == ["team", "voice", 0]
    assert apply_filter(data, ["names.alternative", "team.voice[0]"]) == {
        "names": {"alternative": None},
        "team": {"voice": ["a"]},
    }
    assert apply_filter(data, ["torrents.list[*].torrent_id", "player.playlist.24"]) == {
        "torrents": {"list": [{"torrent_id": 1}, {"torrent_id": 2}]},
        "player": {"playlist": {"24": {"id": 24}}},
    }
    assert apply_filter(data, ["nothing.here"]) == {}
    removed = apply_remove(json.loads(json.dumps(data)), ["torrents.list[*].x", "team.voice[1]"])
    assert removed["torrents"]["list"] == [{"torrent_id": 1}, {"torrent_id": 2}]
    assert removed["team"]["voice"] == ["a", "c"]


def test_thread_runner_serves_outside_the_caller_loop() -> None:
    runner = DemoServerThread(DemoConfig()).start()
    try:
        response = httpx.get(f"{runner.api_base()}/getYears", timeout=10)
        assert response.status_code == 200 and response.headers["API-Version"] == "2.8.3"
        pushed = runner.call(runner.server.push_episode(9001))
        assert pushed["id"] == 9001
    finally:
        runner.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{runner.api_base()}/getYears", timeout=2)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_standalone_command_and_push_cli() -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "app.demo", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the demo server did not start"
                time.sleep(0.2)
        pushed = subprocess.run(
            [sys.executable, "-m", "app.demo", "push", "--port", str(port), "--id", "9002"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        assert json.loads(pushed.stdout)["id"] == 9002
    finally:
        server.terminate()
        server.wait(10)
