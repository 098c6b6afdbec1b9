"""libmpv is loaded ahead with the GIL released: the UI thread keeps running Python meanwhile."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.player.preload import open_without_gil

# dlopen of a FIFO blocks reading its header until someone writes it. The writer here is the
# main thread's Python: it runs only if the loading thread let the GIL go (else: a deadlock,
# ended by the timeout).
LOAD_WHILE_PYTHON_RUNS = textwrap.dedent("""
    import os, sys, threading
    from app.player.preload import open_without_gil
    fifo = sys.argv[1]
    os.mkfifo(fifo)
    result = []
    worker = threading.Thread(target=lambda: result.append(open_without_gil(fifo)))
    worker.start()
    with open(fifo, "wb") as writer:
        writer.write(b"not a shared library")
    worker.join()
    print("refused" if result[0] is None else "loaded")
""")


@pytest.mark.skipif(sys.platform == "win32", reason="no dlopen")
def test_loading_lets_other_threads_run_python(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", LOAD_WHILE_PYTHON_RUNS, str(tmp_path / "lib.so")],
        capture_output=True, text=True, timeout=30, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert done.stdout.strip() == "refused", done.stderr  # it ran, and the garbage was refused


@pytest.mark.skipif(sys.platform == "win32", reason="no dlopen")
def test_libmpv_opened_ahead_is_the_library_python_mpv_gets() -> None:
    name = ctypes.util.find_library("mpv")  # what python-mpv loads outside Windows
    assert name is not None
    handle = open_without_gil(name)
    assert handle is not None
    assert ctypes.CDLL(name)._handle == handle  # already loaded: CDLL returns at once


# A cold play's start: whatever thread it starts during libmpv's load waits for the dynamic
# loader's lock (the new thread's thread-local storage is set up under it), and so does the
# UI thread starting it: the CA bundle's thread is started before the load begins.
PLAY_START = textwrap.dedent("""
    from app import launch_parts
    from app.api import tls
    from app.core.deep_link import parse_link
    from app.player import preload
    seen = []
    def preload_libmpv(audio_output):  # the CA thread has started; the core is asked for
        seen.append((tls._made is not None, audio_output))
    preload.preload_libmpv = preload_libmpv
    launch_parts.preload_player(parse_link("libria://play/some-title/1"), "null")
    print(seen)
""")


def test_a_cold_play_starts_its_threads_before_libmpv_loads() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PLAY_START],
        capture_output=True, text=True, timeout=30, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert done.stdout.strip() == "[(True, 'null')]", done.stderr
