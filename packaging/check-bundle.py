"""Starts a built bundle in demo mode on a virtual display and waits until the catalogue's first
page and its posters are in; saves a screenshot next to the bundle. Exit status 0 when it did.

    xvfb-run -a .venv/bin/python packaging/check-bundle.py dist/libria/libria
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    binary = Path(sys.argv[1]).resolve()
    home = Path(tempfile.mkdtemp(prefix="libria-bundle-"))
    env = dict(
        os.environ, XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"), LIBRIA_LOG="INFO", LIBRIA_AUDIO_OUTPUT="null",
    )  # fmt: skip
    if "DISPLAY" not in env:
        print("no DISPLAY: run under xvfb-run", file=sys.stderr)
        return 2
    env.pop("QT_QPA_PLATFORM", None)
    started = time.monotonic()
    process = subprocess.Popen(
        [str(binary), "--demo"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    assert process.stdout is not None
    seen_page = seen_poster = False
    log: list[str] = []
    deadline = started + 60
    os.set_blocking(process.stdout.fileno(), False)
    while time.monotonic() < deadline and not (seen_page and seen_poster):
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                break
            time.sleep(0.05)
            continue
        log.append(line)
        seen_page = seen_page or "getUpdates" in line
        seen_poster = seen_poster or "upload/release/350x500" in line
    elapsed = time.monotonic() - started
    shot = binary.parent / "check-bundle.png"
    time.sleep(1.5)
    subprocess.run(["import", "-window", "root", str(shot)], check=False)
    process.send_signal(signal.SIGTERM)
    try:
        code = process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        code = -9
    rest = process.stdout.read() or ""
    log.append(rest)
    ok = seen_page and seen_poster and code == 0
    print("".join(log)[-3000:])
    print(f"catalogue {'shown' if ok else 'NOT shown'} after {elapsed:.1f} s; exit {code}; "
          f"screenshot {shot}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
