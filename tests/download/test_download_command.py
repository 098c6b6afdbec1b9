"""`libria download` as a viewer types it: a real process, the real engine and ffmpeg, against
the demo server's HLS over real HTTP, in a home of its own. Files ffprobe reads; a second run that
fetches nothing; arguments it refuses; Ctrl+C, and a run that goes on from there."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from app.demo import DemoServerThread
from tests.app_process import BAD_AT_EXIT, ROOT, App, environment

SHORT = 9003  # episodes of the demo's 30-second video
LONG = 9007  # 48 segments of a four-minute one
SEASON = 9002  # three episodes


def code_of(demo: DemoServerThread, title_id: int) -> str:
    return demo.server.catalog.titles[title_id].code


def origin(demo: DemoServerThread) -> str:
    return f"http://127.0.0.1:{demo.server.port}"


def download(home: Path, demo: DemoServerThread, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--lang", "en", "--api-base", demo.api_base(),
         "download", *args, "--to", str(home / "Videos")],
        cwd=ROOT, env=environment(home), text=True, capture_output=True, timeout=120,
    )  # fmt: skip


def segment_requests(demo: DemoServerThread) -> int:
    counts = httpx.get(f"{origin(demo)}/demo/media-requests").json()
    return sum(times for path, times in counts.items() if path.endswith(".ts"))


def probe(path: Path) -> dict[str, object]:
    shown = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_type",
         "-of", "json", str(path)],
        capture_output=True, text=True, timeout=30, check=True,
    )  # fmt: skip
    result: dict[str, object] = json.loads(shown.stdout)
    return result


def rows(home: Path) -> list[tuple[float, str, str]]:
    database = home / "data" / "libria" / "library.sqlite3"
    with closing(sqlite3.connect(database)) as library:
        query = "SELECT episode, state, path FROM downloads ORDER BY episode"
        return [(float(e), s, p) for e, s, p in library.execute(query)]


@pytest.fixture
def quiet_demo(demo_thread: DemoServerThread) -> Iterator[DemoServerThread]:
    httpx.delete(f"{origin(demo_thread)}/demo/media-requests")
    yield demo_thread
    httpx.delete(f"{origin(demo_thread)}/demo/media-faults")


def test_two_episodes_download_and_a_second_run_fetches_nothing(
    tmp_path: Path, quiet_demo: DemoServerThread
) -> None:
    code = code_of(quiet_demo, SHORT)
    first = download(tmp_path, quiet_demo, code, "1-2")
    assert first.returncode == 0, first.stderr
    assert "2 of 2 downloaded" in first.stdout
    files = sorted((tmp_path / "Videos").glob("*/*.mp4"))
    assert [file.name.split(" — ")[1] for file in files] == ["01 [1080p].mp4", "02 [1080p].mp4"]
    for file in files:
        shown = probe(file)
        assert float(shown["format"]["duration"]) > 20  # type: ignore[index]
        assert {"video", "audio"} <= {s["codec_type"] for s in shown["streams"]}  # type: ignore[attr-defined]
    assert [(e, s) for e, s, _ in rows(tmp_path)] == [(1.0, "done"), (2.0, "done")]
    fetched = segment_requests(quiet_demo)
    assert fetched > 0
    again = download(tmp_path, quiet_demo, code, "1-2")
    assert again.returncode == 0, again.stderr
    assert segment_requests(quiet_demo) == fetched  # nothing fetched again
    assert sorted((tmp_path / "Videos").glob("*/*.mp4")) == files


def plays_in_libmpv(path: Path) -> float:
    """Opens the file in libmpv as the player does (no window, no sound) and decodes into it;
    the duration libmpv reports."""
    import locale

    import mpv

    locale.setlocale(locale.LC_NUMERIC, "C")
    player = mpv.MPV(vo="null", ao="null", ytdl=False, input_default_bindings=False)
    try:
        player.play(str(path))
        player.wait_for_property("time-pos", lambda at: at is not None and at > 1.0, timeout=30)
        return float(player.duration)
    finally:
        player.terminate()


def test_a_whole_season_downloads_and_every_file_plays(
    tmp_path: Path, quiet_demo: DemoServerThread
) -> None:
    title = quiet_demo.server.catalog.titles[SEASON]
    result = download(tmp_path, quiet_demo, title.code)  # no episodes named: all released
    assert result.returncode == 0, result.stderr
    files = sorted((tmp_path / "Videos").glob("*/*.mp4"))
    assert len(files) == len(title.episodes) == 3
    for file in files:  # the demo's episodes are 30 s long, as its API says
        duration = float(probe(file)["format"]["duration"])  # type: ignore[index]
        assert duration == pytest.approx(30, abs=0.5)
        assert plays_in_libmpv(file) == pytest.approx(duration, abs=0.5)


def test_arguments_it_cannot_follow_exit_2(tmp_path: Path, quiet_demo: DemoServerThread) -> None:
    code = code_of(quiet_demo, SHORT)
    bad = download(tmp_path, quiet_demo, code, "1-x")
    assert bad.returncode == 2 and "1-x" in bad.stderr
    missing = download(tmp_path, quiet_demo, code, "2,40-41")
    assert missing.returncode == 2 and "40-41" in missing.stderr
    unknown = download(tmp_path, quiet_demo, "no-such-title")
    assert unknown.returncode == 2
    assert segment_requests(quiet_demo) == 0 and not (tmp_path / "Videos").exists()


def test_ctrl_c_pauses_and_the_same_command_goes_on(
    tmp_path: Path, quiet_demo: DemoServerThread
) -> None:
    code = code_of(quiet_demo, LONG)
    fault = {"pattern": "*.ts", "delay": 0.15}  # slow enough to be stopped half-way
    httpx.post(f"{origin(quiet_demo)}/demo/media-faults", json=fault).raise_for_status()
    app = App(tmp_path, "--lang", "en", "--api-base", quiet_demo.api_base(), "download", code,
              "1", "--to", str(tmp_path / "Videos"))  # fmt: skip
    app.wait_for("Episode 1: 25%")
    app.process.send_signal(signal.SIGINT)
    assert app.process.wait(30) == 130, app.log
    app.stop()  # the output read to the end
    assert "Run the same command again" in app.log
    assert not [bad for bad in BAD_AT_EXIT if bad in app.log], app.log
    [(episode, state, path)] = rows(tmp_path)
    assert (episode, state) == (1.0, "paused") and not Path(path).exists()
    parts = list((tmp_path / "Videos" / ".parts").glob("*/*.ts"))
    assert len(parts) >= 12  # a quarter of 48 segments, kept
    before = segment_requests(quiet_demo)
    httpx.delete(f"{origin(quiet_demo)}/demo/media-faults")
    again = download(tmp_path, quiet_demo, code, "1")
    assert again.returncode == 0, again.stderr
    assert segment_requests(quiet_demo) - before <= 48 - len(parts)  # only what was missing
    assert rows(tmp_path)[0][1] == "done" and Path(rows(tmp_path)[0][2]).is_file()


def test_two_processes_on_one_episode_fetch_it_once(
    tmp_path: Path, quiet_demo: DemoServerThread
) -> None:
    code = code_of(quiet_demo, LONG)
    fault = {"pattern": "*.ts", "delay": 0.4}  # long enough for the second to find it taken
    httpx.post(f"{origin(quiet_demo)}/demo/media-faults", json=fault).raise_for_status()
    args = ("--lang", "en", "--api-base", quiet_demo.api_base(), "download", code, "1",
            "--to", str(tmp_path / "Videos"))  # fmt: skip
    first = App(tmp_path, *args)
    first.wait_for("Episode 1: 25%")
    second = App(tmp_path, *args, patches={"app.services.downloads.BUSY_RETRY_S": 0.3})
    second.wait_for("Episode 1: waiting")  # the first holds the episode's lock
    assert first.process.wait(60) == 0, first.log
    assert second.process.wait(60) == 0, second.log
    assert "1 of 1 downloaded" in first.log and "1 of 1 downloaded" in second.log
    assert segment_requests(quiet_demo) == 48  # each segment once, by the first
    assert len(list((tmp_path / "Videos").glob("*/*.mp4"))) == 1
    assert first.stop() == 0 and second.stop() == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs: less than one episode of the long video (2.5 MB)."""
    point = tmp_path / "small"
    point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(point)],
                             capture_output=True, text=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_full_disk_fails_the_episode_stops_the_queue_and_a_bigger_one_goes_on(
    tmp_path: Path, quiet_demo: DemoServerThread, small_disk: Path
) -> None:
    code = code_of(quiet_demo, LONG)
    args = ("--lang", "en", "--api-base", quiet_demo.api_base(), "download", code, "1-2",
            "--to", str(small_disk))  # fmt: skip
    full = subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, text=True,
                          env=environment(tmp_path), capture_output=True, timeout=120)  # fmt: skip
    assert full.returncode == 1, full.stdout + full.stderr
    assert "Episode 1: not downloaded: not enough free space" in full.stderr
    assert "Episode 2: not downloaded (the queue stopped)" in full.stderr
    assert [(e, s) for e, s, _ in rows(tmp_path)] == [(1.0, "failed"), (2.0, "queued")]
    subprocess.run(["mount", "-o", "remount,size=16m", str(small_disk)], check=True)
    room = subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, text=True,
                          env=environment(tmp_path), capture_output=True, timeout=120)  # fmt: skip
    assert room.returncode == 0, room.stdout + room.stderr
    assert len(list(small_disk.glob("*/*.mp4"))) == 2
