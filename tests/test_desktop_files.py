"""The files a desktop reads: launcher, AppStream metainfo, autostart entry, icons; checked with
the real validators (desktop-file-utils, appstream) and against what the app itself uses."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app import __version__
from app.core.identity import APP_ID
from app.desktop.autostart import entry_text, set_autostart

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: packaging/setup.sh --test installs it")
    return path


def desktop_entry(text: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(text)
    return parser


@pytest.mark.parametrize("name", [f"{APP_ID}.desktop", f"{APP_ID}-autostart.desktop"])
def test_desktop_files_are_valid(name: str) -> None:
    result = subprocess.run(
        [tool("desktop-file-validate"), str(LINUX / name)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_the_launcher_opens_libria_links() -> None:
    entry = desktop_entry((LINUX / f"{APP_ID}.desktop").read_text())["Desktop Entry"]
    assert "x-scheme-handler/libria" in entry["MimeType"].split(";")
    assert entry["Exec"] == "libria %U" and entry["Icon"] == APP_ID


def test_the_metainfo_is_valid_and_current() -> None:
    path = LINUX / f"{APP_ID}.metainfo.xml"
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    root = ET.parse(path).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__


def test_the_autostart_setting_writes_a_valid_entry(tmp_path: Path) -> None:
    path = tmp_path / "autostart" / f"{APP_ID}.desktop"
    set_autostart(True, path)
    result = subprocess.run(
        [tool("desktop-file-validate"), str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    written = desktop_entry(path.read_text())["Desktop Entry"]
    shipped = desktop_entry((LINUX / f"{APP_ID}-autostart.desktop").read_text())["Desktop Entry"]
    assert written["Exec"].endswith("--minimized")
    assert {k: v for k, v in written.items() if k != "Exec"} == {
        k: v for k, v in shipped.items() if k != "Exec"
    }
    set_autostart(False, path)
    assert not path.exists()


def test_exec_lines_quote_odd_paths() -> None:
    entry = desktop_entry(entry_text(["/opt/my apps/$HOME/libria"]))["Desktop Entry"]
    assert entry["Exec"] == '"/opt/my apps/\\$HOME/libria" --minimized'


@pytest.mark.parametrize("size", [16, 22, 24, 32, 48, 64, 128, 256, 512])
def test_icons_exist_at_every_size(size: int) -> None:
    image = QImage(str(ROOT / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
                       / f"{APP_ID}.png"))  # fmt: skip
    assert not image.isNull() and image.width() == size and image.height() == size
