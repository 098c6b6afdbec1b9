"""Moving a library to another machine: favourites and progress as one JSON document.

Import merges: favourites are added (never removed); for each episode the newer record wins,
and an episode watched on either side stays watched. Nothing newer is ever overwritten.
"""

from __future__ import annotations

import json
import math
import time
from typing import Any

from app.core import Names, Title
from app.core.transfer import ImportFormatError, ImportSummary
from app.storage.library import LibraryStore, Progress

FORMAT = "libria-library"
VERSION = 1


def export_document(store: LibraryStore) -> dict[str, Any]:
    favourites = store.favourite_list()
    titles = store.titles([f.title_id for f in favourites])
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": time.time(),
        "favourites": [
            {
                "id": f.title_id,
                "code": f.code,
                "added": f.added,
                "name": titles[f.title_id].names.main if f.title_id in titles else "",
            }
            for f in favourites
        ],
        "progress": [
            {
                "title_id": p.title_id,
                "episode": p.episode,
                "position": p.position,
                "duration": p.duration,
                "watched": p.watched,
                "updated": p.updated,
            }
            for p in store.all_progress()
        ],
    }


def export_json(store: LibraryStore) -> str:
    return json.dumps(export_document(store), ensure_ascii=False, indent=1)


def import_json(store: LibraryStore, text: str) -> ImportSummary:
    try:
        document = json.loads(text)
    except ValueError as error:
        raise ImportFormatError(f"not JSON: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFormatError("not a Libria library export")
    if not isinstance(document.get("version"), int) or document["version"] > VERSION:
        raise ImportFormatError("made by a newer Libria; update this one first")
    favourites = [_favourite(entry) for entry in _list(document, "favourites")]
    progress = [_progress(entry) for entry in _list(document, "progress")]
    return merge(store, favourites, progress)


def merge(
    store: LibraryStore, favourites: list[tuple[Title, float]], progress: list[Progress]
) -> ImportSummary:
    added = updated = kept = 0
    have = store.favourite_ids()
    ours = {(p.title_id, p.episode): p for p in store.all_progress()}
    with store.db.transaction() as sql:
        for title, when in favourites:
            if title.id in have:
                continue
            have.add(title.id)
            added += 1
            sql.execute(
                "INSERT INTO favourites (title_id, code, added) VALUES (?, ?, ?)",
                (title.id, title.code, when),
            )
            store.put_title_in(sql, title, keep_richer=True)  # the same transaction
        for theirs in progress:
            mine = ours.get((theirs.title_id, theirs.episode))
            newer = theirs if mine is None or theirs.updated > mine.updated else mine
            watched = theirs.watched or (mine is not None and mine.watched)
            if mine is not None and newer is mine and watched == mine.watched:
                kept += 1
                continue
            updated += 1
            sql.execute(
                "INSERT OR REPLACE INTO progress (title_id, episode, position, duration, "
                "watched, updated) VALUES (?, ?, ?, ?, ?, ?)",
                (newer.title_id, newer.episode, newer.position, newer.duration, int(watched),
                 newer.updated),
            )  # fmt: skip
    return ImportSummary(added, updated, kept)


def _list(document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = document.get(key, [])
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise ImportFormatError(f"'{key}' is not a list of records")
    return value


def _number(entry: dict[str, Any], key: str, default: float | None = None) -> float:
    value = entry.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ImportFormatError(f"'{key}' must be a number in {json.dumps(entry)[:120]}")
    if value < 0:
        raise ImportFormatError(f"'{key}' must not be negative in {json.dumps(entry)[:120]}")
    return float(value)


def _text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key, "")
    return value[:500] if isinstance(value, str) else ""


def _favourite(entry: dict[str, Any]) -> tuple[Title, float]:
    title_id = int(_number(entry, "id"))
    # Only the name travels, for the page to show until the details are fetched again: a URL
    # from a file is never used.
    title = Title(id=title_id, code=_text(entry, "code"), names=Names(ru=_text(entry, "name")))
    return title, _number(entry, "added", 0.0)


def _progress(entry: dict[str, Any]) -> Progress:
    return Progress(
        title_id=int(_number(entry, "title_id")),
        episode=_number(entry, "episode"),
        position=_number(entry, "position", 0.0),
        duration=_number(entry, "duration", 0.0),
        watched=entry.get("watched") is True,
        updated=_number(entry, "updated", 0.0),
    )
