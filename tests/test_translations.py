"""Every interface string has a Russian translation, and the shipped .qm matches the .ts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
TOOLS = Path(sys.executable).parent


def _ui_sources() -> list[str]:
    skip = ("app/demo/", "app/api/", "app/core/")
    return sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "app").rglob("*.py")
        if not str(path.relative_to(ROOT)).startswith(skip)
    )


@pytest.mark.parametrize("language", ["ru", "en"])  # English: its plural forms only
def test_every_string_is_translated(tmp_path: Path, language: str) -> None:
    ts = tmp_path / f"libria_{language}.ts"
    shutil.copy(I18N / ts.name, ts)
    only = ["-pluralonly"] if language == "en" else []
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), *_ui_sources(), "-ts", str(ts), "-no-obsolete",
         "-locations", "none", "-source-language", "en", "-target-language", language, *only],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    untranslated = [
        message.findtext("source")
        for message in ET.parse(ts).iter("message")
        if message.find("translation") is not None
        and message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert untranslated == [], "run packaging/update-translations.sh and translate these"


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path, language: str) -> None:
    qm = tmp_path / f"libria_{language}.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(I18N / f"libria_{language}.ts"), "-qm", str(qm)],
        check=True, capture_output=True,
    )  # fmt: skip
    assert qm.read_bytes() == (I18N / qm.name).read_bytes()
