"""A warm start as a user has it: the second start paints the kept first page, posters and all,
before the services, the API client, the event loop or msgspec have even loaded; then the real
page takes its place and the app works as after any start."""

from __future__ import annotations

import subprocess
from pathlib import Path

from app.demo import DemoServerThread
from app.services.settings import SettingsStore
from tests.app_process import BAD_AT_EXIT, ROOT, App, command, environment

HEAVY = ("app.services.context", "httpx", "qasync", "msgspec")
CODE = "kingdom-of-the-night-city-beginning-9000"
# The kept page is left out when its posters take longer than this to decode (a slow disk: the
# normal start is as quick). A loaded test machine can take that long; these tests are about the
# kept page itself, so the bound is one that only a hang reaches.
PATIENT = {"app.ui.first_paint.start.POSTERS_WITHIN_S": 30.0}


def _start(home: Path, api_base: str, patches: dict[str, float] | None = None) -> str:
    """`libria --startup-probe`: its line once the first page is painted with its posters
    (PATIENT for a start that is to show the kept page; a cold start imports nothing first)."""
    done = subprocess.run(
        [*command(patches), "--api-base", api_base, "--startup-probe"],
        cwd=ROOT, env=environment(home), capture_output=True, text=True, timeout=90,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return next(line for line in done.stdout.splitlines() if line.startswith("LIBRIA_READY"))


def _fields(line: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in line.split()[2:])


def test_a_warm_start_paints_the_kept_page_before_the_heavy_code_loads(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    api = demo_thread.api_base()
    cold = _fields(_start(tmp_path, api))
    assert cold["kept"] == "0" and all(name in cold["loaded"] for name in HEAVY)
    assert "app.ui.first_paint.phase" not in cold["loaded"]  # no record: nothing to read one
    assert (tmp_path / "cache" / "libria" / "first_page.json").is_file()
    warm = _fields(_start(tmp_path, api, PATIENT))
    assert warm["kept"] == "1" and warm["rows"] == cold["rows"]
    assert not any(name in warm["loaded"].split(",") for name in HEAVY), warm
    assert "app.ui.first_paint.phase" in warm["loaded"]
    assert int(warm["modules"]) < int(cold["modules"]) // 2


def test_a_broken_record_falls_back_to_the_normal_start(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    api = demo_thread.api_base()
    _start(tmp_path, api)
    record = tmp_path / "cache" / "libria" / "first_page.json"
    record.write_text(record.read_text()[:100])  # cut short
    assert _fields(_start(tmp_path, api))["kept"] == "0"
    for poster in (tmp_path / "cache" / "libria" / "posters").glob("*.img"):
        poster.unlink()  # the record again, but not its posters
    assert _fields(_start(tmp_path, api))["kept"] == "0"


def test_a_warm_start_goes_on_to_the_real_page_and_follows_a_later_launch(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    api = demo_thread.api_base()
    _start(tmp_path, api)  # the last session, which keeps its first page
    app = App(tmp_path, "--api-base", api, "--startup-probe-stays", patches=PATIENT)
    app.wait_for("LIBRIA_READY")
    ready = next(line for line in app.lines if line.startswith("LIBRIA_READY"))
    assert _fields(ready)["kept"] == "1", app.log
    app.wait_for("LIBRIA_REPLACED")  # the real page, built around the kept one, took its place
    later = subprocess.run(
        [*command(None), "play", CODE, "1"],
        cwd=ROOT, env=environment(tmp_path), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert later.returncode == 0, later.stderr  # handed over to the running one
    app.wait_for(f"playing {CODE} episode 1 (fhd) from 127.0.0.1:")
    assert app.stop() == 0, app.log
    for bad in BAD_AT_EXIT:
        assert bad not in app.log, f"{bad!r} in the log:\n{app.log}"


def test_a_warm_start_opens_the_api_once_the_real_page_is_painted(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    """Not after the fallback wait for a paint that was missed (made endless here)."""
    api = demo_thread.api_base()
    _start(tmp_path, api)
    patches = {**PATIENT, "app.ui.first_page.FIRST_PAINT_WAIT_S": 3600.0}
    app = App(tmp_path, "--api-base", api, "--startup-probe-stays", patches=patches)
    app.wait_for("LIBRIA_REPLACED")
    app.wait_for("LIBRIA_API_OPEN", within=30)
    assert app.stop() == 0, app.log


def test_a_chosen_appearance_keeps_the_warm_start(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    # Light where the platform says nothing (dark): the record is made, and read, under it.
    SettingsStore(tmp_path / "config" / "libria" / "settings.ini").set("appearance", "light")
    api = demo_thread.api_base()
    _start(tmp_path, api)
    assert _fields(_start(tmp_path, api, PATIENT))["kept"] == "1"


def test_a_stop_while_the_kept_page_stands_ends_cleanly(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    api = demo_thread.api_base()
    _start(tmp_path, api)
    app = App(tmp_path, "--api-base", api, "--startup-probe-stays", patches=PATIENT)
    app.wait_for("LIBRIA_READY")  # the kept page is painted; the rest is loading
    assert app.stop() == 0, app.log
