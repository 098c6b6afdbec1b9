"""'Start with the system, minimized to the tray': an XDG autostart entry in the user's config.

The entry is packaging/linux/tv.libria.Libria-autostart.desktop with the Exec line pointing at
the way this Libria was started (a venv's script, a bundle's binary), so it works whether or not
`libria` is on the PATH.
"""

from __future__ import annotations

import logging
import os
import shlex
import shutil
import sys
from pathlib import Path

from app.core.identity import APP_ID

log = logging.getLogger(__name__)

ENTRY = """[Desktop Entry]
Type=Application
Version=1.4
Name=Libria
Comment=Announces new anime episodes from the tray
Comment[ru]=Сообщает о новых сериях из трея
Icon=tv.libria.Libria
Exec={exec}
Terminal=false
NoDisplay=true
X-GNOME-Autostart-enabled=true
"""


def autostart_path() -> Path:
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home) / "autostart" / f"{APP_ID}.desktop"


def launch_command() -> list[str]:
    """How to start this same Libria again."""
    if getattr(sys, "frozen", False):  # a bundle: its own binary
        return [sys.executable]
    script = shutil.which("libria")
    if script and Path(script).resolve().parent == Path(sys.executable).resolve().parent:
        return [script]
    return [sys.executable, "-m", "app"]


def _exec_line(command: list[str]) -> str:
    # The desktop entry spec's quoting: double quotes, with ", `, $ and \\ escaped inside.
    def quote(arg: str) -> str:
        if arg and all(c.isalnum() or c in "-_./=:+" for c in arg):
            return arg
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        return f'"{escaped}"'

    return " ".join(quote(arg) for arg in command)


def entry_text(command: list[str] | None = None) -> str:
    return ENTRY.format(exec=_exec_line([*(command or launch_command()), "--minimized"]))


def _write_entry(target: Path, data: bytes) -> None:
    # Beside the target, then renamed over it: a session starting meanwhile reads the old entry or
    # the new one, never half. Not storage's write_atomically: desktop imports only core, and core
    # does no I/O; four lines repeated cost less than tying one adapter to another.
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".part")
    temporary.write_bytes(data)
    temporary.replace(target)


def set_autostart(enabled: bool, path: Path | None = None) -> None:
    """Writes or removes the entry (runs off the UI thread: it touches the disk)."""
    target = path or autostart_path()
    if enabled:
        _write_entry(target, entry_text().encode())
        log.info("autostart entry written: %s (%s)", target, shlex.join(launch_command()))
    else:
        target.unlink(missing_ok=True)
