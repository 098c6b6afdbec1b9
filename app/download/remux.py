"""The segments on disk into one mp4, by ffmpeg without re-encoding.

ffmpeg runs as a subprocess (started and waited for on worker threads) with an argument list (no
shell), in the working folder, reading the segments through its concat protocol
(`concat:00000.ts|00001.ts|...`: MPEG-TS joins byte for byte, so the timestamps run on exactly as
encoded, where the concat demuxer leaves gaps), naming only our own numbered files. It writes a
`.part` beside the target, renamed to the target only when ffmpeg succeeded. A cancel kills it:
no ffmpeg outlives us. The output goes to ffmpeg as a `file:` URL, so no name is ever taken for
another protocol or an option.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
from pathlib import Path

from app.core.download import DiskFull, DownloadFailed
from app.download.workdir import segment_file

STDERR_TAIL = 400  # characters of ffmpeg's complaint kept for the message
_QUIET = ("-nostdin", "-hide_banner", "-loglevel", "error")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise DownloadFailed(f"{name} is not installed: it is needed to save episodes")
    return found


def part_of(target: Path) -> Path:
    return target.with_name(target.name + ".part")


def _spawn(tool: str, args: tuple[str, ...], cwd: Path | None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [_tool(tool), *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


async def _run(tool: str, *args: str, cwd: Path | None = None) -> tuple[int, str]:
    """Runs a tool (looked up on PATH) to its end; killed (and waited for) when this is
    cancelled. Found, started and waited for on worker threads: the PATH walk and the spawn (a
    fork of this large process, and the wait for the child to start) held the UI thread for up
    to ~15 ms."""
    spawning = asyncio.ensure_future(asyncio.to_thread(_spawn, tool, args, cwd))
    try:
        process = await asyncio.shield(spawning)
    except asyncio.CancelledError:
        await asyncio.shield(_kill_once_started(spawning))  # it must not outlive us
        raise
    waiting = asyncio.ensure_future(asyncio.to_thread(process.communicate))
    try:
        out, err = await asyncio.shield(waiting)
    except BaseException:
        process.kill()  # the pipes close, and so `communicate` returns
        await asyncio.gather(asyncio.shield(waiting), return_exceptions=True)
        raise
    text = (out + err).decode("utf-8", "replace")
    return process.returncode or 0, text


async def _kill_once_started(spawning: asyncio.Future[subprocess.Popen[bytes]]) -> None:
    try:
        process = await spawning
    except Exception:  # it never started: nothing to stop
        return
    await asyncio.to_thread(_kill, process)


def _kill(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.communicate()


async def _join(joined: str, partial: Path, work_dir: Path, fix_aac: bool) -> tuple[int, str]:
    # ADTS AAC (as TS carries it) must become raw AAC in mp4: the filter does that, and refuses
    # any other codec (then the join runs again without it).
    bsf = ["-bsf:a", "aac_adtstoasc"] if fix_aac else []
    return await _run(
        "ffmpeg", *_QUIET, "-y", "-i", joined,
        "-map", "0:v?", "-map", "0:a?", "-c", "copy", *bsf,
        "-movflags", "+faststart", "-f", "mp4", f"file:{partial}",
        cwd=work_dir,
    )  # fmt: skip


async def remux(work_dir: Path, count: int, target: Path) -> int:
    """Segments 0..count-1 of `work_dir` into `target` (an mp4); its size in bytes."""
    work_dir, target = await asyncio.to_thread(lambda: (work_dir.absolute(), target.absolute()))
    joined = "concat:" + "|".join(segment_file(work_dir, i).name for i in range(count))
    partial = part_of(target)
    try:
        code, err = await _join(joined, partial, work_dir, fix_aac=True)
        if code != 0 and "aac_adtstoasc" in err:  # the audio is not AAC
            code, err = await _join(joined, partial, work_dir, fix_aac=False)
        if code != 0:
            if "No space left on device" in err:
                raise DiskFull("the disk is full (no space left for the mp4)")
            tail = err.strip()[-STDERR_TAIL:]
            raise DownloadFailed(f"ffmpeg could not join the segments: {tail}")
        await asyncio.to_thread(os.replace, partial, target)
    except BaseException:
        await asyncio.shield(asyncio.to_thread(_discard, partial))
        raise
    return (await asyncio.to_thread(target.stat)).st_size


def _discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
