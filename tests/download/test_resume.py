"""A resume keeps the order the segments had at the first start (the manifest), whatever order
the server lists them in now; a playlist that now lists other segments starts the episode over."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from aiohttp import web

from app.core.download import DownloadFailed
from app.download.engine import EpisodeSource, download_episode
from tests.download.conftest import (
    Origin,
    Reports,
    complete_segments,
    probe,
    video_packet_sizes,
)


def media(*names: str) -> str:
    lines = ["#EXTM3U", "#EXT-X-TARGETDURATION:6"]
    for name in names:
        lines += ["#EXTINF:5.0,", name]
    return "\n".join([*lines, "#EXT-X-ENDLIST", ""])


ALL = [f"seg0{index}.ts" for index in range(6)]  # the 30 s demo video: 6 s, 4 s, 6 s...


async def _download(here: Origin, tmp_path: Path) -> None:
    source = EpisodeSource((here.url("/p/playlist.m3u8"),), frozenset({here.host}))
    async with httpx.AsyncClient() as client:
        await download_episode(source, tmp_path / "a.mp4", tmp_path / "work", client, Reports())


async def _stop_at_the_last(here: Origin, tmp_path: Path, names: list[str]) -> None:
    """A first run that fetches all but the last segment (which keeps failing)."""
    here.playlist("/p/playlist.m3u8", media(*names))
    here.routes[f"/p/{names[-1]}"] = lambda: web.Response(status=500)
    with pytest.raises(DownloadFailed, match=f"segment {len(names)} of {len(names)}"):
        await _download(here, tmp_path)
    assert complete_segments(tmp_path / "work") == set(range(len(names) - 1))
    del here.routes[f"/p/{names[-1]}"]
    here.seen.clear()


async def test_a_resume_keeps_the_first_order_when_the_server_reorders(
    here: Origin, tmp_path: Path
) -> None:
    await _stop_at_the_last(here, tmp_path, ALL)
    here.playlist("/p/playlist.m3u8", media(*reversed(ALL)))
    await _download(here, tmp_path)
    assert here.seen == ["/p/playlist.m3u8", "/p/seg05.ts"]  # only the missing one
    # The same frames in the same order as a download from scratch of the playlist in order.
    here.playlist("/p/playlist.m3u8", media(*ALL))
    await _download(here, tmp_path / "fresh")
    resumed = await video_packet_sizes(f"file:{tmp_path / 'a.mp4'}")
    assert resumed == await video_packet_sizes(f"file:{tmp_path / 'fresh' / 'a.mp4'}")


async def test_a_playlist_with_other_segments_starts_over(here: Origin, tmp_path: Path) -> None:
    await _stop_at_the_last(here, tmp_path, ALL[:4])
    here.playlist("/p/playlist.m3u8", media(*ALL[2:]))
    await _download(here, tmp_path)
    assert sorted(here.seen[1:]) == [f"/p/{name}" for name in ALL[2:]]  # all fetched anew
    duration, _ = await probe(tmp_path / "a.mp4")
    assert duration == pytest.approx(20, abs=0.5)


async def test_a_single_segment_episode(here: Origin, tmp_path: Path) -> None:
    here.playlist("/p/playlist.m3u8", media("seg00.ts"))
    await _download(here, tmp_path)
    assert (await probe(tmp_path / "a.mp4"))[0] == pytest.approx(6, abs=0.5)  # seg00 is 6 s


async def test_a_folder_that_cannot_be_made_is_a_clear_failure(
    here: Origin, tmp_path: Path
) -> None:
    here.playlist("/p/playlist.m3u8", media("seg00.ts"))
    (tmp_path / "work").write_bytes(b"a file where the folder should be")
    with pytest.raises(DownloadFailed, match="cannot save the episode: File exists"):
        await _download(here, tmp_path)
    assert here.seen == []
