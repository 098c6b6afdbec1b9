"""Per-episode watch progress in a small JSON file, written atomically.

Reads and writes are plain functions; callers run them off the UI thread.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger(__name__)
WATCHED_SHARE = 0.9  # past 90 % an episode counts as watched


@dataclass(frozen=True)
class Progress:
    position: float = 0.0
    duration: float = 0.0
    watched: bool = False
    updated: float = 0.0


def _key(title_id: int, episode: float) -> str:
    return f"{title_id}:{episode:g}"


class ProgressStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._data: dict[str, Progress] = {}
        self._loaded = False

    def load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            self._loaded = True
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                return
            except (OSError, ValueError) as error:
                log.warning("progress file unreadable (%s); starting afresh", error)
                return
            if isinstance(raw, dict):
                for key, value in raw.items():
                    if isinstance(value, dict):
                        try:
                            self._data[key] = Progress(**value)
                        except TypeError:
                            continue

    def get(self, title_id: int, episode: float) -> Progress | None:
        self.load()
        return self._data.get(_key(title_id, episode))

    def watched(self, title_id: int) -> set[float]:
        self.load()
        prefix = f"{title_id}:"
        return {
            float(key[len(prefix):]) for key, value in self._data.items()
            if key.startswith(prefix) and value.watched
        }  # fmt: skip

    def record(self, title_id: int, episode: float, position: float, duration: float) -> Progress:
        """Saves a position; an episode past 90 % is marked watched (and stays so)."""
        self.load()
        key = _key(title_id, episode)
        previous = self._data.get(key)
        watched = (duration > 0 and position >= duration * WATCHED_SHARE) or bool(
            previous and previous.watched
        )
        progress = Progress(position, duration, watched, time.time())
        with self._lock:  # one writer at a time: a later save never loses to an earlier one
            self._data[key] = progress
            self._write({k: asdict(v) for k, v in self._data.items()})
        return progress

    def _write(self, snapshot: dict[str, dict[str, object]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_text(json.dumps(snapshot), encoding="utf-8")
        os.replace(temporary, self.path)
