"""Minimal real .torrent files for the demo: bencoded, with a true info-hash."""

from __future__ import annotations

import hashlib

Bencodable = int | bytes | str | list["Bencodable"] | dict[str, "Bencodable"]


def bencode(value: Bencodable) -> bytes:
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, list):
        return b"l" + b"".join(bencode(item) for item in value) + b"e"
    items = sorted(value.items())
    return b"d" + b"".join(bencode(k) + bencode(v) for k, v in items) + b"e"


def make_torrent(
    name: str, files: list[tuple[str, int]], announce: list[str], created: int
) -> tuple[bytes, str]:
    """Returns the .torrent bytes and its hex info-hash. Piece hashes are placeholders."""
    piece_length = 4 * 1024 * 1024
    total = sum(size for _, size in files)
    pieces = b"".join(
        hashlib.sha1(f"{name}:{i}".encode()).digest()
        for i in range(min(64, total // piece_length + 1))
    )
    info: dict[str, Bencodable] = {
        "name": name,
        "piece length": piece_length,
        "pieces": pieces,
        "files": [{"length": size, "path": [path]} for path, size in files],
    }
    encoded_info = bencode(info)
    torrent = bencode(
        {
            "announce": announce[0],
            "announce-list": [[url] for url in announce],
            "creation date": created,
            "created by": "Libria demo",
            "info": info,
        }
    )
    return torrent, hashlib.sha1(encoded_info).hexdigest()
