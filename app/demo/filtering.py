"""The v2 `filter` and `remove` parameters: key paths like `names.ru`, `team.voice[0]`,
`player.playlist.24` and `torrents.list[*].torrent_id`."""

from __future__ import annotations

import re
from typing import Any

Token = str | int  # a key, a list index, or "*" for every element
_SEGMENT = re.compile(r"([^.\[\]]*)((?:\[(?:\d+|\*)\])*)")
_INDEX = re.compile(r"\[(\d+|\*)\]")
_MISSING = object()


def parse_path(path: str) -> list[Token]:
    tokens: list[Token] = []
    for segment in path.strip().split("."):
        match = _SEGMENT.fullmatch(segment)
        if not match:
            return []
        key, indexes = match.groups()
        if key:
            tokens.append(key)
        for index in _INDEX.findall(indexes):
            tokens.append("*" if index == "*" else int(index))
    return tokens


def _pick(value: Any, tokens: list[Token]) -> Any:
    if not tokens:
        return value
    head, rest = tokens[0], tokens[1:]
    if head == "*":
        if isinstance(value, list):
            picked = [_pick(item, rest) for item in value]
            return [item for item in picked if item is not _MISSING]
        if isinstance(value, dict):
            picked_map = {k: _pick(v, rest) for k, v in value.items()}
            return {k: v for k, v in picked_map.items() if v is not _MISSING}
        return _MISSING
    if isinstance(head, int):
        if isinstance(value, list) and head < len(value):
            inner = _pick(value[head], rest)
            return _MISSING if inner is _MISSING else [inner]
        return _MISSING
    if isinstance(value, dict) and head in value:
        inner = _pick(value[head], rest)
        return _MISSING if inner is _MISSING else {head: inner}
    if isinstance(value, list) and head.isascii() and head.isdigit() and int(head) < len(value):
        inner = _pick(value[int(head)], rest)
        return _MISSING if inner is _MISSING else [inner]
    return _MISSING


def _merge(left: Any, right: Any) -> Any:
    if isinstance(left, dict) and isinstance(right, dict):
        merged = dict(left)
        for key, value in right.items():
            merged[key] = _merge(merged[key], value) if key in merged else value
        return merged
    if isinstance(left, list) and isinstance(right, list):
        if len(left) == len(right) and all(isinstance(i, dict) for i in left + right):
            return [_merge(a, b) for a, b in zip(left, right, strict=True)]
        return left + right
    return right


def apply_filter(data: Any, paths: list[str]) -> Any:
    """Keeps only what the paths name; unknown paths contribute nothing."""
    result: Any = {}
    for path in paths:
        tokens = parse_path(path)
        if not tokens:
            continue
        picked = _pick(data, tokens)
        if picked is not _MISSING:
            result = _merge(result, picked)
    return result


def _remove(value: Any, tokens: list[Token]) -> None:
    head, rest = tokens[0], tokens[1:]
    if head == "*":
        children = (
            value
            if isinstance(value, list)
            else list(value.values())
            if isinstance(value, dict)
            else []
        )
        if not rest:
            value.clear()
            return
        for child in children:
            _remove(child, rest)
        return
    if isinstance(value, list):
        index = (
            head
            if isinstance(head, int)
            else int(head)
            if head.isascii() and head.isdigit()
            else -1
        )
        if 0 <= index < len(value):
            if rest:
                _remove(value[index], rest)
            else:
                del value[index]
        return
    if isinstance(value, dict) and head in value:
        if rest:
            _remove(value[head], rest)
        else:
            del value[head]


def apply_remove(data: Any, paths: list[str]) -> Any:
    """Deletes what the paths name (in place) and returns the data."""
    for path in paths:
        tokens = parse_path(path)
        if tokens and isinstance(data, dict | list):
            _remove(data, tokens)
    return data
