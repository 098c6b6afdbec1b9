"""What importing a library file tells the view: how it went, or why the file was refused.

Here rather than in storage, which produces them, because the view shows them and ui does not
import storage.
"""

from __future__ import annotations

from dataclasses import dataclass


class ImportFormatError(ValueError):
    """The file is not a Libria library export; the message says why."""


@dataclass(frozen=True)
class ImportSummary:
    favourites_added: int
    progress_updated: int
    progress_kept: int  # records the file had but ours were newer
