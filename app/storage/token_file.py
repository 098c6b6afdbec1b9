"""Sign-in tokens in a file only the viewer can read, for machines without a usable keyring.

The file is JSON, {origin: token}. It is born private: a new file is created with mode 0600 by
`os.open` (never written first and chmod-ed after, which would leave a moment when others could
read it), filled, flushed, and renamed over the old one, so a crash leaves the old file or the new
one. A file that others could read is refused, not used: its token may already be known.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from pathlib import Path

from app.core.account import TokenStoreError, UnsafeTokenFile

PRIVATE_MODE = 0o600
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows; there the mode bits mean nothing
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_CHECK_MODE = os.name == "posix"


class TokenFile:
    """Reads and rewrites the whole (small) file; TokenStore's lock serialises the calls."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __repr__(self) -> str:
        return f"TokenFile({str(self.path)!r})"

    def read(self, key: str) -> str | None:
        return self._load().get(key)

    def write(self, key: str, token: str) -> None:
        tokens = self._load()
        tokens[key] = token
        self._store(tokens)

    def remove(self, key: str) -> None:
        tokens = self._load()
        if tokens.pop(key, None) is not None:
            self._store(tokens)

    def _load(self) -> dict[str, str]:
        try:
            fd = os.open(self.path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
        except FileNotFoundError:
            return {}
        except OSError as error:  # ELOOP: a symlink put in its place
            raise UnsafeTokenFile(
                f"the token file {self.path} could not be opened safely ({error.strerror}); "
                "it is not used"
            ) from None
        with os.fdopen(fd, "rb") as file:
            self._check_private(os.fstat(file.fileno()))
            data = file.read()
        return self._parse(data)

    def _check_private(self, info: os.stat_result) -> None:
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeTokenFile(f"the token file {self.path} is not a regular file; not used")
        if not _CHECK_MODE:
            return
        if info.st_uid != os.getuid():
            raise UnsafeTokenFile(
                f"the token file {self.path} belongs to another user; it is not used. "
                "Delete it and sign in again."
            )
        if info.st_mode & 0o077:
            raise UnsafeTokenFile(
                f"the token file {self.path} can be read by other users "
                f"(mode {stat.S_IMODE(info.st_mode):04o}), so it is not used. Delete it and sign "
                f"in again, or make it private with: chmod 600 '{self.path}'"
            )

    def _parse(self, data: bytes) -> dict[str, str]:
        try:
            raw = json.loads(data)
        except ValueError:  # the message quotes no part of the file
            raise TokenStoreError(f"the token file {self.path} is damaged") from None
        if not isinstance(raw, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in raw.items()
        ):
            raise TokenStoreError(f"the token file {self.path} is damaged")
        return raw

    def _store(self, tokens: dict[str, str]) -> None:
        if not tokens:
            self.path.unlink(missing_ok=True)
            _sync_folder(self.path.parent)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A fresh name each time: O_EXCL never opens a file someone else prepared.
        part = self.path.with_name(f".{self.path.name}.{secrets.token_hex(8)}.part")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
        fd = os.open(part, flags, PRIVATE_MODE)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(json.dumps(tokens).encode())
                file.flush()
                os.fsync(file.fileno())
            os.replace(part, self.path)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        _sync_folder(self.path.parent)


def _sync_folder(folder: Path) -> None:
    """Makes the rename itself durable; folders cannot be opened for that on Windows."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | _CLOEXEC)
    except FileNotFoundError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
