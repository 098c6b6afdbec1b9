"""Where downloaded episodes live, and the checks before a file is played or removed.

Files go to `<download dir>/<title folder>/<episode file>`. An episode's parts (segments, the
engine's lock) go to `<download dir>/.parts/<title id>-<episode>-<quality>/`, not the cache dir:
on the same disk as the file, the free-space check counts the right disk and the finished file
is renamed into place, never copied; and a cache cleaner cannot throw away hours of a resumable
download. A path read back from the database is only played or removed when it lies inside the
download dir (symlinks resolved) and is what it should be (a regular file, a parts folder).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from pathlib import Path

from app.core import Episode, Quality, Title
from app.core.download import AlreadyDownloading, DownloadItem, RefusedSource
from app.core.paths import videos_dir
from app.services.settings import SettingsStore
from app.services.streams import pick_quality
from app.storage.downloads import NewDownload

log = logging.getLogger(__name__)
PARTS = ".parts"
QUALITIES = frozenset(quality.value for quality in Quality)


def within(root: Path, path: Path) -> Path | None:
    """`path` with symlinks resolved, when it is absolute and lies strictly inside `root`
    (resolved too), both as written and as resolved; None otherwise."""
    if not path.is_absolute() or ".." in path.parts:
        return None
    try:
        real_root = root.resolve()
        real = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop, an unreadable folder
        return None
    lexical = Path(os.path.normpath(path))
    for candidate, base in ((real, real_root), (lexical, Path(os.path.normpath(root)))):
        if candidate == base or not candidate.is_relative_to(base):
            return None
    return real


class DownloadFiles:
    """Paths under the download dir (the setting, else "Libria" in the videos folder)."""

    def __init__(self, settings: SettingsStore) -> None:
        self._settings = settings
        self._default: Path | None = None

    def root(self) -> Path:
        chosen = str(self._settings.get("download_dir"))
        return Path(chosen) if chosen else self.default_root()

    def default_root(self) -> Path:
        """ "Libria" in the videos folder; platformdirs reads the XDG file for it, so the
        service asks for it once on a worker thread before anything else needs it."""
        if self._default is None:
            self._default = videos_dir() / "Libria"
        return self._default

    @staticmethod
    def target(root: Path, title_name: str, title_id: int, label: str, quality: str) -> Path:
        """The final file of an episode; RefusedSource when the name would leave the dir.
        Blocking (the path is resolved): run it on a worker thread."""
        from app.download.names import episode_file, inside, title_folder

        folder = title_folder(title_name, title_id)
        return inside(root, folder, episode_file(title_name, label, quality))

    def work_dir(self, item: DownloadItem) -> Path:
        if item.quality not in QUALITIES:  # a doctored row must not name another folder
            raise RefusedSource(f"refused quality {item.quality!r}")
        return self.root() / PARTS / f"{item.title_id}-{item.episode:g}-{item.quality}"

    def folder_of(self, item: DownloadItem | None) -> Path:
        """The folder of the item's file (the download dir when the row names no usable one)."""
        root = self.root()
        if item is None or within(root, Path(item.path).parent) is None:
            return root
        return Path(item.path).parent

    def playable(self, item: DownloadItem) -> Path | None:
        """The item's file, when it is a regular file inside the download dir."""
        real = within(self.root(), Path(item.path))
        return real if real is not None and real.is_file() else None

    def remove(self, item: DownloadItem) -> None:
        """Blocking (run it on a worker thread): the item's file, if it is inside the download
        dir, and its parts; a file elsewhere is left alone, whatever the row says."""
        file = Path(item.path)
        if within(self.root(), file) is None:
            log.warning("not removing %s: it is outside the download folder", file)
        else:
            for path in (file, file.with_name(file.name + ".part")):
                if path.is_file() or path.is_symlink():
                    path.unlink(missing_ok=True)
        try:
            parts = self.work_dir(item)
        except RefusedSource:
            return
        if parts.is_dir() and not parts.is_symlink():
            _remove_parts(parts)

    def remove_all(self, items: list[DownloadItem]) -> None:
        """Blocking: the items' files and parts, then their titles' folders once empty."""
        for item in items:
            self.remove(item)
        for item in items:
            self.remove_folder_if_empty(item)

    def remove_folder_if_empty(self, item: DownloadItem) -> None:
        """Blocking: the title's folder, once its last file is gone."""
        folder = Path(item.path).parent
        if within(self.root(), folder) is not None and not folder.is_symlink():
            # Not empty (the viewer keeps other files there), or gone: left as it is.
            with contextlib.suppress(OSError):
                folder.rmdir()


def _remove_parts(parts: Path) -> None:
    """An episode's parts, unless another process is fetching them right now (its lock)."""
    from app.download.lock import episode_lock

    try:
        with episode_lock(parts):
            shutil.rmtree(parts, ignore_errors=True)
    except AlreadyDownloading:
        log.info("parts of %s kept: another process is downloading them", parts.name)
    except OSError as error:  # the lock cannot be made there: the parts stay
        log.warning("parts of %s not removed: %s", parts.name, error)


def new_row(root: Path, title: Title, episode: Episode, wanted: Quality) -> NewDownload:
    """The row that queues an episode: its quality (the wanted one, else the best it has) and
    its file. Blocking (the file's place is resolved on disk)."""
    quality = (pick_quality(episode, wanted) or wanted).value
    name = title.names.main
    path = DownloadFiles.target(root, name, title.id, episode.label, quality)
    return NewDownload(title.id, title.code, name, episode.number, episode.label, quality,
                       str(path))  # fmt: skip
