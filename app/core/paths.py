"""Where Libria's files live: shipped resources, user data, cache, config."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "libria"
_DIRS = PlatformDirs(APP_NAME, appauthor=False)


def resources_dir() -> Path:
    """The `resources/` folder: $LIBRIA_RESOURCES, a frozen bundle's copy, the source tree's, or
    the copy an installed wheel put under the prefix's share/libria/."""
    override = os.environ.get("LIBRIA_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    source = Path(__file__).resolve().parents[2] / "resources"
    if source.is_dir():
        return source
    return Path(sys.prefix) / "share" / "libria" / "resources"


def data_dir() -> Path:
    return Path(_DIRS.user_data_dir)


def cache_dir() -> Path:
    return Path(_DIRS.user_cache_dir)


def config_dir() -> Path:
    return Path(_DIRS.user_config_dir)


def videos_dir() -> Path:
    """The user's videos folder (XDG's on Linux); read only when downloads first need it."""
    return Path(_DIRS.user_videos_dir)
