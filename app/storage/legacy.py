"""Progress saved by Libria releases before the library database (a JSON file), imported once."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from app.storage.library import LibraryStore

log = logging.getLogger(__name__)


def import_progress_file(store: LibraryStore, path: Path) -> int:
    """Copies the old file's records in (newer ones already in the database win) and renames the
    file so this runs once. Returns how many records were read."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return 0
    except (OSError, ValueError) as error:
        log.warning("old progress file %s unreadable (%s); left as is", path, error)
        return 0
    count = 0
    if isinstance(raw, dict):
        for key, value in raw.items():
            title, _, episode = str(key).partition(":")
            if not isinstance(value, dict):
                continue
            try:
                title_id, number = int(title), float(episode)
                position = float(value.get("position", 0.0))
                duration = float(value.get("duration", 0.0))
                updated = float(value.get("updated", 0.0))
            except (TypeError, ValueError):
                continue
            current = store.get(title_id, number)
            if current is not None and current.updated >= updated:
                continue
            if value.get("watched") is True and duration > 0:
                position = max(position, duration)  # keeps the watched mark
            store.record(title_id, number, position, duration, updated=updated)
            count += 1
    path.replace(path.with_name(path.name + ".imported"))
    log.info("imported %d progress records from %s", count, path)
    return count
