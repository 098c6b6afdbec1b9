"""Killing the app with SIGKILL while it saves never loses a committed row nor the database."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.storage.database import open_database
from app.storage.library import LibraryStore

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50


def test_sigkill_mid_write_keeps_every_committed_row(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    committed_progress: dict[tuple[int, float], float] = {}
    committed_favourites: set[int] = set()
    rng = random.Random(7)
    for run in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.storage.crash_writer", str(path), str(run * 100_000)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.15))  # somewhere in the middle of the writes
        writer.send_signal(signal.SIGKILL)
        output, _ = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL
        for line in output.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == "progress":  # a torn last line is not a commit
                committed_progress[(int(parts[1]), float(parts[2]))] = float(parts[2])
            elif len(parts) == 2 and parts[0] == "favourite":
                committed_favourites.add(int(parts[1]))
        opened = open_database(path)
        assert opened.moved_aside is None, f"run {run}: the database did not open"
        store = LibraryStore(opened.database)
        try:
            missing = [
                key for key, position in committed_progress.items()
                if (saved := store.get(*key)) is None or saved.position != position
            ]  # fmt: skip
            assert not missing, f"run {run}: lost progress {missing[:5]}"
            assert committed_favourites <= store.favourite_ids(), f"run {run}: lost favourites"
        finally:
            opened.database.close()
    assert len(committed_progress) > KILLS  # the writer really was writing when killed
