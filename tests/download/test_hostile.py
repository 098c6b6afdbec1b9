"""Hostile playlists from a stream host: every reference is checked before anything is fetched
from it. A tiny server in the test serves the playlists; a second one, on another port (a host
not allowed), records every request, to prove none reached it."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from aiohttp import web

from app.core.download import DownloadFailed, RefusedSource
from app.download import segments
from app.download.engine import EpisodeSource, download_episode
from app.download.urls import check_url, on_each_host
from tests.download.conftest import Origin, Reports, files_under, probe


def media(*refs: str, header: str = "", end: bool = True) -> str:
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:6", header]
    for ref in refs:
        lines += ["#EXTINF:5.0,", ref]
    return "\n".join([*lines, "#EXT-X-ENDLIST" if end else "", ""])


def master(*variants: tuple[int, str]) -> str:
    lines = ["#EXTM3U"]
    for bandwidth, ref in variants:
        lines += [f"#EXT-X-STREAM-INF:BANDWIDTH={bandwidth}", ref]
    return "\n".join([*lines, ""])


async def _download(origin: Origin, tmp_path: Path) -> int:
    source = EpisodeSource((origin.url("/p/playlist.m3u8"),), frozenset({origin.host}))
    async with httpx.AsyncClient() as client:
        return await download_episode(
            source, tmp_path / "out" / "a.mp4", tmp_path / "work", client, Reports()
        )


HOSTILE = [
    "http://{elsewhere}/x.ts",
    "https://{elsewhere}/x.ts",
    "//{elsewhere}/x.ts",
    "file:///etc/passwd",
    "ftp://{here}/x.ts",
    "data:video/mp2t;base64,RwAAAA==",
    "http://user:pass@{here}/x.ts",
    "http://{here}@{elsewhere}/x.ts",
    "../../x.ts",
    "../../../../../../../etc/passwd",
    "/p/../../x.ts",
    "./x.ts",
    "%2e%2e/%2e%2e/x.ts",
    "..%2Fx.ts",
    "seg%5c..%5cx.ts",
    "seg00.ts#fragment",
    "seg\\..\\x.ts",
    "http://[::1]/x.ts",
    "http://127.0.0.1:99999/x.ts",
]


@pytest.mark.parametrize("reference", HOSTILE)
async def test_a_hostile_segment_reference_is_refused_before_anything_is_fetched(
    here: Origin, elsewhere: Origin, tmp_path: Path, reference: str
) -> None:
    hostile = reference.format(here=here.host, elsewhere=elsewhere.host)
    here.playlist("/p/playlist.m3u8", media("seg00.ts", "seg01.ts", hostile))
    with pytest.raises(RefusedSource, match=r"segment 3 of 3: refused"):
        await _download(here, tmp_path)
    assert here.seen == ["/p/playlist.m3u8"]  # not even the good segments
    assert elsewhere.seen == []
    assert files_under(tmp_path) <= {"work/lock"}  # nothing written anywhere else


@pytest.mark.parametrize(
    "variant", ["http://{elsewhere}/high.m3u8", "../../high.m3u8", "file:///etc/hosts"]
)
async def test_a_master_playlist_pointing_elsewhere_is_refused(
    here: Origin, elsewhere: Origin, tmp_path: Path, variant: str
) -> None:
    hostile = variant.format(elsewhere=elsewhere.host)
    here.playlist("/p/playlist.m3u8", master((100_000, "low.m3u8"), (900_000, hostile)))
    with pytest.raises(RefusedSource, match="refused"):
        await _download(here, tmp_path)
    assert here.seen == ["/p/playlist.m3u8"] and elsewhere.seen == []
    assert files_under(tmp_path) <= {"work/lock"}


async def test_a_master_playlist_gives_its_highest_bandwidth_variant(
    here: Origin, tmp_path: Path
) -> None:
    here.playlist(
        "/p/playlist.m3u8",
        master((100_000, "low/index.m3u8"), (900_000, "high/index.m3u8"), (300_000, "mid.m3u8")),
    )
    segments_list = [f"seg0{index}.ts" for index in range(6)]
    here.playlist("/p/high/index.m3u8", media(*segments_list))
    size = await _download(here, tmp_path)
    assert size > 0
    assert here.seen[:2] == ["/p/playlist.m3u8", "/p/high/index.m3u8"]
    assert sorted(here.seen[2:]) == [f"/p/high/{name}" for name in segments_list]
    assert (await probe(tmp_path / "out" / "a.mp4"))[0] == pytest.approx(30, abs=0.5)


async def test_a_redirect_is_not_followed(here: Origin, elsewhere: Origin, tmp_path: Path) -> None:
    here.playlist("/p/playlist.m3u8", media("seg00.ts", "seg01.ts"))
    here.routes["/p/seg01.ts"] = lambda: web.Response(
        status=302, headers={"Location": elsewhere.url("/x.ts")}
    )
    with pytest.raises(DownloadFailed, match=r"segment 2 of 2 \(seg01\.ts\): HTTP 302"):
        await _download(here, tmp_path)
    assert elsewhere.seen == []
    # Nor for the playlist.
    here.routes["/p/playlist.m3u8"] = lambda: web.Response(
        status=301, headers={"Location": elsewhere.url("/p.m3u8")}
    )
    with pytest.raises(DownloadFailed, match="HTTP 301"):
        await _download(here, tmp_path)
    assert elsewhere.seen == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (media("seg00.ts", header='#EXT-X-KEY:METHOD=AES-128,URI="k.key"'), "encrypted"),
        (media("seg00.ts", end=False), "live"),
        (media("seg00.ts", header="#EXT-X-BYTERANGE:1000@0"), "byte-range"),
        (media("seg00.ts", header='#EXT-X-MAP:URI="init.mp4"'), "fMP4"),
        (media(), "no segments"),
        ("<html><body>Bad gateway</body></html>", "not an HLS playlist"),
    ],
    ids=["encrypted", "live", "byte-range", "fmp4", "empty", "html"],
)
async def test_playlists_that_cannot_be_saved_fail_clearly(
    here: Origin, tmp_path: Path, text: str, message: str
) -> None:
    here.playlist("/p/playlist.m3u8", text)
    with pytest.raises(DownloadFailed, match=message):
        await _download(here, tmp_path)
    assert here.seen == ["/p/playlist.m3u8"]


async def test_an_answer_that_is_not_a_segment_is_retried_then_fails(
    here: Origin, tmp_path: Path
) -> None:
    here.playlist("/p/playlist.m3u8", media("page.ts"))
    here.routes["/p/page.ts"] = lambda: web.Response(text="<html>captive portal</html>")
    with pytest.raises(DownloadFailed, match="not an MPEG-TS segment"):
        await _download(here, tmp_path)
    assert here.seen.count("/p/page.ts") == 3  # tried again, then given up


async def test_an_oversized_segment_is_refused(
    here: Origin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(segments, "MAX_SEGMENT_BYTES", 50_000)
    here.playlist("/p/playlist.m3u8", media("seg00.ts"))
    with pytest.raises(DownloadFailed, match="too large"):
        await _download(here, tmp_path)
    assert files_under(tmp_path) <= {"work/lock", "work/manifest.json"}


def test_url_checks() -> None:
    allowed = frozenset({"a.example", "b.example:8080"})
    assert check_url("https://A.example/x/y.ts?t=1", "https", allowed) == (
        "https://a.example/x/y.ts?t=1"
    )
    assert check_url("http://b.example:8080/y.ts", "http", allowed)
    for url in (
        "http://a.example/y.ts",  # http only when the playlist was
        "https://b.example/y.ts",  # the port is part of the host
        "https://c.example/y.ts",
        "https://a.example/y.ts?x=<script>",
        "https://a.example/%2e%2e/y.ts",
    ):
        with pytest.raises(RefusedSource):
            check_url(url, "https", allowed)
    bases = ["https://a.example/v/1/p.m3u8", "https://b.example:8080/v/1/p.m3u8"]
    assert on_each_host("s/0.ts", bases, "https", allowed) == (
        "https://a.example/v/1/s/0.ts",
        "https://b.example:8080/v/1/s/0.ts",
    )
    # An absolute URL on the first host moves with the host; a host of its own stays alone.
    assert on_each_host("https://a.example/z.ts", bases, "https", allowed)[1] == (
        "https://b.example:8080/z.ts"
    )
    only = frozenset({*allowed, "cdn.example"})
    assert on_each_host("https://cdn.example/z.ts", bases, "https", only) == (
        "https://cdn.example/z.ts",
    )
