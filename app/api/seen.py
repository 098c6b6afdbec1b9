"""Remembering notification hashes, so a duplicate (the server may send one twice) is dropped."""

from __future__ import annotations

from collections import OrderedDict


class SeenHashes:
    """A bounded memory of notification hashes, oldest forgotten first."""

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._seen: OrderedDict[str, None] = OrderedDict()

    def add(self, digest: str) -> bool:
        """True when the hash is new."""
        if digest in self._seen:
            self._seen.move_to_end(digest)
            return False
        self._seen[digest] = None
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return True
