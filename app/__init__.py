"""Libria: a desktop client for the AniLibria anime catalogue."""

import sys

__version__ = "0.4.0"

# httpx imports its own command-line client whenever click, pygments and rich are all installed
# (rich is ours, for `libria download`; click comes with the dev tools): ~50 ms of imports on
# every start for a `main` Libria never calls. Marked absent, httpx keeps its stand-in.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
