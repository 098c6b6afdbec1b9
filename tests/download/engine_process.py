"""Runs the download engine in a process of its own, for a test to kill:
`python -m tests.download.engine_process URL HOST TARGET WORK_DIR`. Each progress report is a
JSON line on stdout; "done <size>" at the end."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sys
from pathlib import Path

import httpx

from app.core.download import FetchProgress
from app.download.engine import EpisodeSource, download_episode


def _report(progress: FetchProgress) -> None:
    print(json.dumps(dataclasses.asdict(progress)), flush=True)


async def main(url: str, host: str, target: str, work_dir: str) -> None:
    source = EpisodeSource((url,), frozenset({host}))
    async with httpx.AsyncClient() as client:
        size = await download_episode(source, Path(target), Path(work_dir), client, _report)
    print(f"done {size}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
