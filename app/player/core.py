"""The mpv core Libria plays with: its options in one place, whichever thread makes it (the UI
thread at a session's first play, or a worker ahead of it: app.player.core_ahead)."""

from __future__ import annotations

from typing import Any


def core_options(audio_output: str) -> dict[str, Any]:
    return {
        "vo": "libmpv",  # frames go to our render context, never to a window of mpv's
        "ytdl": False,
        "input_default_bindings": False,
        "input_vo_keyboard": False,
        "osc": False,
        "keep_open": "yes",  # stay on the last frame at the end: we decide what comes next
        "hwdec": "no",
        "cache": "yes",
        "demuxer_max_bytes": "64MiB",
        "network_timeout": 15,
        "audio_client_name": "libria",
        "ao": audio_output,  # the "audio_output" setting ("null" on machines without sound)
    }


def new_core(audio_output: str) -> Any:
    """A new, initialised mpv core (python-mpv's MPV). libmpv parses numbers with the C locale:
    the app sets LC_NUMERIC so once its QApplication exists (app.bootstrap), python-mpv's import
    does it too, and the player sets it again on the UI thread (app.player.backend)."""
    import mpv

    return mpv.MPV(**core_options(audio_output))
