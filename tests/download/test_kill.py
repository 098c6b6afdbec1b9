"""A download killed half way (SIGKILL: no clean-up at all) resumes in the next process: the
complete segments are not fetched again, the parts it left are not trusted."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import httpx
import pytest

from app.download.engine import download_episode
from tests.download.conftest import (
    LONG,
    LONG_SECONDS,
    LONG_SEGMENTS,
    ROOT,
    Media,
    Reports,
    complete_segments,
    parts_in,
    probe,
)


async def _run_until(media: Media, target: Path, work: Path, segments_done: int) -> None:
    """Starts the engine in a process of its own and kills it once enough segments are done."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.download.engine_process",
        media.url(LONG), media.host, str(target), str(work),
        cwd=ROOT, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    try:
        while True:
            line = await asyncio.wait_for(process.stdout.readline(), 30)
            assert line, "the engine process ended before it was killed"
            if json.loads(line)["segments_done"] >= segments_done:
                break
    finally:
        process.kill()
        await process.wait()


async def test_a_killed_download_resumes_in_the_next_process(
    media: Media, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    target, work = tmp_path / "a.mp4", tmp_path / "work"
    await media.fault(pattern="*.ts", delay=0.2)  # 2.4 s in all: killed well before the end
    await _run_until(media, target, work, segments_done=10)
    kept = complete_segments(work)
    assert len(kept) >= 10 and not target.exists()
    assert all(count == 1 for count in (await media.segment_requests(LONG)).values())

    await media.clear_faults()
    reports = Reports()
    await download_episode(media.source(LONG), target, work, client, reports)
    assert reports.seen[0].segments_done == len(kept)
    counts = await media.segment_requests(LONG)
    assert set(counts) == set(range(LONG_SEGMENTS))
    assert all(counts[index] == 1 for index in kept)  # none of them fetched twice
    assert not parts_in(tmp_path) and not work.exists()
    assert (await probe(target))[0] == pytest.approx(LONG_SECONDS, abs=0.5)
