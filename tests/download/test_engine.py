"""The engine against the real demo server over HTTP, with real ffmpeg: whole episodes, pauses
(cancel) and resumes, retries, the other host, the lock."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import httpx
import pytest

from app.core.download import AlreadyDownloading, DownloadFailed, SharedRecord, Unreachable
from app.demo import DemoConfig, DemoServerThread
from app.download import progress as progress_module
from app.download import remux
from app.download.engine import EpisodeSource, download_episode
from app.download.lock import episode_lock
from app.download.playlist import load_playlist
from tests.download.conftest import (
    LONG,
    LONG_SECONDS,
    LONG_SEGMENTS,
    SHORT,
    SHORT_SECONDS,
    SHORT_SEGMENTS,
    Media,
    Origin,
    Reports,
    complete_segments,
    files_under,
    parts_in,
    probe,
)


async def test_a_whole_episode_downloads_and_plays(
    media: Media, client: httpx.AsyncClient, reports: Reports, tmp_path: Path
) -> None:
    target, work = tmp_path / "out" / "episode.mp4", tmp_path / "work"
    size = await download_episode(media.source(LONG), target, work, client, reports)
    assert size == target.stat().st_size > 1_000_000
    duration, streams = await probe(target)
    assert duration == pytest.approx(LONG_SECONDS, abs=0.5)
    assert "video" in streams and "audio" in streams
    assert files_under(tmp_path) == {"out/episode.mp4"}  # no parts, no working folder
    assert not work.exists()
    # Progress: it arrives, grows, and ends at 100 % with the bytes it promised.
    last = reports.seen[-1]
    assert (last.segments_done, last.segments_total) == (LONG_SEGMENTS, LONG_SEGMENTS)
    assert last.fraction == 1.0 and last.bytes_done == last.bytes_expected > size // 2
    done = [report.segments_done for report in reports.seen]
    assert done == sorted(done) and reports.seen[0].segments_done == 0
    assert all(report.segments_total == LONG_SEGMENTS for report in reports.seen)
    # Each segment was fetched exactly once.
    assert await media.segment_requests(LONG) == dict.fromkeys(range(LONG_SEGMENTS), 1)


async def test_progress_comes_a_few_times_a_second_with_a_speed(
    media: Media,
    client: httpx.AsyncClient,
    reports: Reports,
    tmp_path: Path,
) -> None:
    await media.fault(pattern="*.ts", delay=0.05)
    await download_episode(media.source(LONG), tmp_path / "a.mp4", tmp_path / "w", client, reports)
    gaps = [b - a for a, b in zip(reports.times, reports.times[1:], strict=False)]
    # The first and the last report are never held back; the rest keep their distance.
    assert all(gap >= progress_module.MIN_INTERVAL_S * 0.9 for gap in gaps[1:-1])
    assert len(reports.seen) >= 3
    assert any(report.speed_bps > 0 for report in reports.seen)
    middle = [r for r in reports.seen if 0 < r.segments_done < LONG_SEGMENTS]
    assert middle and all(r.eta_s is not None for r in middle)
    # The estimate is close to the truth long before the end (segments are alike in size).
    assert middle[0].bytes_expected == pytest.approx(reports.seen[-1].bytes_done, rel=0.5)


async def test_a_pause_keeps_complete_segments_and_the_resume_fetches_only_the_rest(
    media: Media, client: httpx.AsyncClient, reports: Reports, tmp_path: Path
) -> None:
    target, work = tmp_path / "a.mp4", tmp_path / "work"
    await media.fault(pattern="*.ts", delay=0.1)
    task = asyncio.create_task(download_episode(media.source(LONG), target, work, client, reports))
    await reports.reach(12)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    kept = complete_segments(work)
    assert len(kept) >= 12
    assert not parts_in(work) and not target.exists()
    assert not parts_in(tmp_path)
    before = await media.segment_requests(LONG)
    assert all(before[index] == 1 for index in kept)

    await media.clear_faults()
    resumed = Reports()
    await download_episode(media.source(LONG), target, work, client, resumed)
    assert resumed.seen[0].segments_done == len(kept)  # what is on disk counts from the start
    assert resumed.seen[0].bytes_done > 0
    after = await media.segment_requests(LONG)
    assert all(after[index] == 1 for index in kept)  # not one of them fetched again
    assert set(after) == set(range(LONG_SEGMENTS))
    duration, _ = await probe(target)
    assert duration == pytest.approx(LONG_SECONDS, abs=0.5)


async def test_a_cancel_while_joining_kills_ffmpeg(
    media: Media,
    client: httpx.AsyncClient,
    reports: Reports,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[subprocess.Popen[bytes]] = []
    ffmpeg_started = asyncio.Event()
    loop = asyncio.get_running_loop()
    real_spawn = remux._spawn

    def watched(tool: str, args: tuple[str, ...], cwd: Path | None) -> subprocess.Popen[bytes]:
        process = real_spawn(tool, args, cwd)  # on a worker thread
        started.append(process)
        loop.call_soon_threadsafe(ffmpeg_started.set)
        return process

    monkeypatch.setattr(remux, "_spawn", watched)
    target, work = tmp_path / "a.mp4", tmp_path / "work"
    task = asyncio.create_task(download_episode(media.source(LONG), target, work, client, reports))
    await asyncio.wait_for(ffmpeg_started.wait(), 30)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    ffmpeg = started[-1]
    assert ffmpeg.returncode is not None and ffmpeg.returncode < 0  # killed, and reaped
    assert not target.exists() and not parts_in(tmp_path)
    assert complete_segments(work) == set(range(LONG_SEGMENTS))
    monkeypatch.undo()
    # The next call joins what is there without asking the server for anything.
    before = await media.requests()
    await download_episode(media.source(LONG), target, work, client, Reports())
    assert await media.requests() == before
    assert (await probe(target))[0] == pytest.approx(LONG_SECONDS, abs=0.5)


async def test_a_segment_failing_every_time_fails_the_episode_naming_it(
    media: Media, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    await media.fault(pattern="seg03.ts", fail=3, status=500)
    work = tmp_path / "work"
    with pytest.raises(DownloadFailed, match=r"segment 4 of 6 \(seg03\.ts\): HTTP 500") as error:
        await download_episode(media.source(SHORT), tmp_path / "a.mp4", work, client, Reports())
    assert not isinstance(error.value, Unreachable)  # the host answered: no retry when online
    assert (await media.segment_requests(SHORT))[3] == 3  # tried three times
    assert not parts_in(work)
    # The fault is used up: a retry of the episode completes, the rest not fetched again.
    kept = complete_segments(work)
    await download_episode(media.source(SHORT), tmp_path / "a.mp4", work, client, Reports())
    counts = await media.segment_requests(SHORT)
    assert all(counts[index] == 1 for index in kept)
    assert (await probe(tmp_path / "a.mp4"))[0] == pytest.approx(SHORT_SECONDS, abs=0.5)


@pytest.mark.parametrize(
    "fault",
    [
        {"fail": 1, "status": 500},
        {"fail": 2, "status": 503},
        {"fail": 1, "status": 429},
        {"fail": 1, "truncate": True},  # a short body
    ],
    ids=["500", "503-twice", "429", "short-body"],
)
async def test_a_segment_that_fails_a_little_succeeds_on_a_retry(
    media: Media, client: httpx.AsyncClient, tmp_path: Path, fault: dict[str, object]
) -> None:
    await media.fault(pattern="seg02.ts", **fault)
    target = tmp_path / "a.mp4"
    await download_episode(media.source(SHORT), target, tmp_path / "w", client, Reports())
    counts = await media.segment_requests(SHORT)
    assert counts[2] == int(str(fault["fail"])) + 1
    assert counts == {**dict.fromkeys(range(SHORT_SEGMENTS), 1), 2: counts[2]}
    assert (await probe(target))[0] == pytest.approx(SHORT_SECONDS, abs=0.5)


async def test_a_segment_the_host_refuses_fails_at_once(
    media: Media, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    await media.fault(pattern="seg01.ts", fail=1, status=404)
    with pytest.raises(DownloadFailed, match=r"segment 2 of 6 \(seg01\.ts\): HTTP 404") as error:
        await download_episode(
            media.source(SHORT), tmp_path / "a.mp4", tmp_path / "w", client, Reports()
        )
    assert (await media.segment_requests(SHORT))[1] == 1  # no retry of a 404
    assert not isinstance(error.value, Unreachable)


async def test_a_host_gone_mid_episode_fails_it_as_unreachable(
    client: httpx.AsyncClient, reports: Reports, tmp_path: Path
) -> None:
    runner = DemoServerThread(DemoConfig(title_count=40)).start()
    media = Media(runner.server.origin, runner.server.own_host)
    target, work = tmp_path / "a.mp4", tmp_path / "w"
    try:
        await media.fault(pattern="*.ts", delay=0.1)
        task = asyncio.create_task(download_episode(media.source(LONG), target, work, client,
                                                    reports))  # fmt: skip
        await reports.reach(2)
    finally:
        runner.stop()  # the network is gone
    with pytest.raises(Unreachable, match="connection error"):
        await task
    assert complete_segments(work)  # kept for when it is back
    with pytest.raises(Unreachable, match="no stream host gave the playlist"):
        await download_episode(media.source(LONG), target, work, client, Reports())


async def test_the_other_host_stands_in_for_a_failing_one(
    media: Media, other_media: Media, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    await media.fault(pattern="seg0[24].ts", fail=100, status=503)
    target = tmp_path / "a.mp4"
    source = media.source(SHORT, other_media)
    await download_episode(source, target, tmp_path / "w", client, Reports())
    first, other = await media.segment_requests(SHORT), await other_media.segment_requests(SHORT)
    assert first == dict.fromkeys(range(SHORT_SEGMENTS), 1)  # each tried once on the first
    assert other == {2: 1, 4: 1}  # only the failing ones came from the other host
    assert (await probe(target))[0] == pytest.approx(SHORT_SECONDS, abs=0.5)


async def test_the_playlist_comes_from_the_first_host_that_answers(
    media: Media, other_media: Media, client: httpx.AsyncClient
) -> None:
    await media.fault(pattern="playlist.m3u8", fail=1, status=502)
    source = media.source(SHORT, other_media)
    playlist = await load_playlist(source.urls, source.allowed_hosts, client)
    assert playlist.host == other_media.host
    # Segments are tried on the host that answered first, then on the others.
    assert [url.split("/")[2] for url in playlist.segments[0].urls] == [
        other_media.host,
        media.host,
    ]


async def test_no_host_answering_is_a_clear_failure(
    media: Media, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    await media.fault(pattern="playlist.m3u8", fail=1, status=502)
    with pytest.raises(DownloadFailed, match=r"no stream host gave the playlist: .*HTTP 502"):
        await download_episode(
            media.source(SHORT), tmp_path / "a.mp4", tmp_path / "w", client, Reports()
        )


async def test_a_second_download_of_the_same_episode_is_refused_while_one_runs(
    media: Media, client: httpx.AsyncClient, reports: Reports, tmp_path: Path
) -> None:
    target, work = tmp_path / "a.mp4", tmp_path / "work"
    await media.fault(pattern="*.ts", delay=0.2)
    first = asyncio.create_task(download_episode(media.source(LONG), target, work, client, reports))
    await reports.reach(0)  # it holds the lock from before its first report
    with pytest.raises(AlreadyDownloading):
        await download_episode(media.source(LONG), target, work, client, Reports())
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    await media.clear_faults()
    # Released with the first: the episode can be taken up again.
    await download_episode(media.source(LONG), target, work, client, Reports())
    assert (await probe(target))[0] == pytest.approx(LONG_SECONDS, abs=0.5)


class SlowRecord(SharedRecord):
    """The library's row, in memory; writing it done waits until the test lets it. Each read
    notes whether the episode's lock was held then (taken elsewhere, it refuses this one)."""

    def __init__(self, work: Path) -> None:
        self.size: int | None = None
        self.writing = asyncio.Event()
        self.written = asyncio.Event()
        self.work = work
        self.read_locked: list[bool] = []

    async def finished_size(self) -> int | None:
        try:
            with episode_lock(self.work):
                self.read_locked.append(False)
        except AlreadyDownloading:
            self.read_locked.append(True)
        return self.size

    async def record_finished(self, size: int) -> bool:
        if not self.writing.is_set():  # the first writer waits
            self.writing.set()
            await self.written.wait()
        self.size = size
        return True


async def test_a_process_that_waited_for_the_lock_fetches_nothing_the_holder_finished(
    media: Media, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    target, work = tmp_path / "a.mp4", tmp_path / "work"
    record = SlowRecord(work)
    first = asyncio.create_task(
        download_episode(media.source(SHORT), target, work, client, Reports(), record=record)
    )
    await record.writing.wait()  # joined; the row not written yet
    with pytest.raises(AlreadyDownloading):  # so the lock is still held
        await download_episode(media.source(SHORT), target, work, client, Reports(), record=record)
    record.written.set()
    size = await first
    again = await download_episode(
        media.source(SHORT), target, work, client, Reports(), record=record
    )
    assert again == size == target.stat().st_size
    assert await media.segment_requests(SHORT) == dict.fromkeys(range(SHORT_SEGMENTS), 1)
    assert not work.exists()
    assert record.read_locked == [True, True]  # each read (the first call, the third) locked


class UnwritableRecord(SharedRecord):
    """A library that cannot be written (full, closed)."""

    async def finished_size(self) -> int | None:
        return None

    async def record_finished(self, size: int) -> bool:
        return False


async def test_an_episode_that_cannot_be_recorded_keeps_its_parts_for_a_join_without_network(
    media: Media, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    target, work = tmp_path / "a.mp4", tmp_path / "work"
    record = UnwritableRecord()
    await download_episode(media.source(SHORT), target, work, client, Reports(), record=record)
    assert complete_segments(work) == set(range(SHORT_SEGMENTS))  # kept
    target.unlink()
    await download_episode(media.source(SHORT), target, work, client, Reports())
    assert await media.segment_requests(SHORT) == dict.fromkeys(range(SHORT_SEGMENTS), 1)
    assert (await probe(target))[0] == pytest.approx(SHORT_SECONDS, abs=0.5)
    assert not work.exists()


async def test_an_episode_whose_audio_is_not_aac_is_joined_too(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    hls = tmp_path / "hls"
    await asyncio.to_thread(hls.mkdir)
    made = await asyncio.create_subprocess_exec(
        "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
        "-f", "lavfi", "-i", "testsrc=s=160x90:r=25:d=6", "-f", "lavfi", "-i", "sine=d=6",
        "-c:v", "libx264", "-g", "50", "-c:a", "mp2", "-f", "hls", "-hls_time", "2",
        "-hls_playlist_type", "vod", "-hls_segment_filename", str(hls / "seg%02d.ts"),
        str(hls / "playlist.m3u8"),
    )  # fmt: skip
    assert await made.wait() == 0
    origin = Origin(hls)
    await origin.start()
    try:
        source = EpisodeSource((origin.url("/playlist.m3u8"),), frozenset({origin.host}))
        target = tmp_path / "a.mp4"
        await download_episode(source, target, tmp_path / "w", client, Reports())
    finally:
        await origin.stop()
    duration, streams = await probe(target)
    assert duration == pytest.approx(6, abs=0.5) and sorted(streams) == ["audio", "video"]
