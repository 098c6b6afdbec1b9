"""`libria account ...` as a viewer types it: a real process against the demo's v1 side, with the
demo's users, codes confirmed "as the phone would", and the sign-in kept where only the user can
read it (no Secret Service on these machines' buses: the file the store falls back to)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app.demo import DemoServerThread
from tests.app_process import ROOT, environment

# keyring's "fail" backend: no keyring here, so the store's own file is what is checked.
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def account(home: Path, demo: DemoServerThread, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--api-base", demo.api_base_v1, "account", *args],
        cwd=ROOT, env=environment(home, NO_KEYRING), text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def finish(process: subprocess.Popen[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = process.communicate(stdin, timeout=60)
    return process.returncode, out, err


def confirm_as_the_phone(demo: DemoServerThread, code: str, login: str = "demo") -> None:
    origin = demo.api_base_v1.split("/api/v1")[0]
    response = httpx.post(f"{origin}/demo/otp-confirm", params={"code": code, "login": login})
    response.raise_for_status()


def read_code(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        found = re.search(r"(\d{4,})", line)
        if found:
            return found.group(1)
    raise AssertionError("no code was printed")


def files_under(home: Path) -> list[Path]:
    return [path for path in home.rglob("*") if path.is_file()]


def test_sign_in_by_code_status_and_sign_out(tmp_path: Path, demo_thread: DemoServerThread) -> None:
    login = account(tmp_path, demo_thread, "login")
    confirm_as_the_phone(demo_thread, read_code(login))
    code, out, err = finish(login)
    assert code == 0, err
    assert "Демо" in out  # the demo user's nickname
    status, shown, _ = finish(account(tmp_path, demo_thread, "status"))
    assert status == 0 and "Демо" in shown
    assert finish(account(tmp_path, demo_thread, "logout"))[0] == 0
    status, out, _ = finish(account(tmp_path, demo_thread, "status"))
    assert status == 1  # nobody now


def test_sign_in_by_password_keeps_the_token_only_in_the_private_file(
    tmp_path: Path, demo_thread: DemoServerThread
) -> None:
    code, out, err = finish(account(tmp_path, demo_thread, "login", "--password", "--login",
                                    "demo"), stdin="demo\n")  # fmt: skip
    assert code == 0, err
    kept = [path for path in files_under(tmp_path) if path.stat().st_mode & 0o077 == 0
            and "token" in path.name.lower()]  # fmt: skip
    assert kept, [str(p) for p in files_under(tmp_path)]
    token = kept[0].read_text().strip()
    assert len(token) >= 16
    for path in files_under(tmp_path):
        if path not in kept:
            assert token.encode() not in path.read_bytes(), f"the token leaked into {path}"
    assert token not in out + err
    assert finish(account(tmp_path, demo_thread, "status"))[0] == 0


def test_a_wrong_password_is_refused(tmp_path: Path, demo_thread: DemoServerThread) -> None:
    code, out, err = finish(account(tmp_path, demo_thread, "login", "--password", "--login",
                                    "demo"), stdin="not the password\n")  # fmt: skip
    assert code == 1
    assert "not the password" not in out + err
    assert finish(account(tmp_path, demo_thread, "status"))[0] == 1


@pytest.mark.parametrize("args", [["login", "--password"], ["frobnicate"]])
def test_unusable_arguments_exit_2(
    tmp_path: Path, demo_thread: DemoServerThread, args: list[str]
) -> None:
    assert finish(account(tmp_path, demo_thread, *args))[0] == 2
