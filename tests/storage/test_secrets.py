"""Where the sign-in token lives: the file fallback, what never shows the token, and (once) a
real Secret Service (gnome-keyring on a private session bus)."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing, suppress
from pathlib import Path
from typing import Any

import keyring.core
import pytest
import secretstorage
from jeepney import DBus
from jeepney.io.blocking import open_dbus_connection
from keyring.backend import KeyringBackend, get_all_keyring
from keyring.backends import fail, null
from keyring.errors import PasswordDeleteError

from app.core.account import TokenPlace, TokenStoreError, UnsafeTokenFile
from app.storage import token_file
from app.storage.secrets import FILE_NAME, SERVICE, TokenStore, origin_of

LIVE = "https://anilibria.top"
DEMO = "http://127.0.0.1:8765"
SECRETS_NAME = "org.freedesktop.secrets"
TOKEN = "tok-3f9a1c77e0b24d51a8c6"  # distinctive, so a search for it finds nothing else


class MemoryKeyring(KeyringBackend):
    """A keyring that works, in memory. Below the Secret Service's priority (5), so it never wins
    a real detection in this process."""

    priority = 0.5  # type: ignore[assignment]

    def __init__(self, *, failing: bool = False) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.failing = failing

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.failing:
            raise RuntimeError(f"D-Bus said no to {password}")
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("none")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def file_store(data_dir: Path) -> TokenStore:
    return TokenStore(data_dir, backend=fail.Keyring())


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()], ids=["fail", "null"])
def test_no_keyring_means_the_file(data_dir: Path, backend: KeyringBackend) -> None:
    store = TokenStore(data_dir, backend=backend)
    assert store.where is TokenPlace.FILE
    store.save(LIVE, TOKEN)
    assert store.load(LIVE) == TOKEN
    assert (data_dir / FILE_NAME).is_file()


def test_tokens_are_kept_per_origin(file_store: TokenStore) -> None:
    file_store.save(LIVE + "/api/v1/", TOKEN)
    file_store.save(DEMO, "demo-token")
    assert file_store.load(LIVE) == TOKEN  # the API base and its origin are one key
    assert file_store.load(DEMO) == "demo-token"
    assert file_store.load("https://anilibria.top:8443") is None
    assert origin_of("HTTPS://AniLibria.top/api") == LIVE
    with pytest.raises(ValueError, match="origin"):
        file_store.load("anilibria.top")


def test_the_file_is_private_from_its_creation(
    file_store: TokenStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, int, int]] = []
    real_open = os.open

    def spy_open(path: Any, flags: int, mode: int = 0o777, **kwargs: Any) -> int:
        opened.append((str(path), flags, mode))
        return real_open(path, flags, mode, **kwargs)

    def no_chmod(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the token file must be born private, not chmod-ed afterwards")

    monkeypatch.setattr(token_file.os, "open", spy_open)
    for name in ("chmod", "fchmod", "lchmod"):
        monkeypatch.setattr(token_file.os, name, no_chmod, raising=False)
    monkeypatch.setattr(Path, "chmod", no_chmod)
    old_umask = os.umask(0)  # the mode must not rely on the umask to take bits away
    try:
        file_store.save(LIVE, TOKEN)
    finally:
        os.umask(old_umask)

    created = [(path, mode) for path, flags, mode in opened if flags & os.O_CREAT]
    assert len(created) == 1
    path, mode = created[0]
    assert mode == 0o600
    assert path != str(file_store.file_path)  # written beside, then renamed over
    flags = next(flags for p, flags, _ in opened if p == path)
    assert flags & os.O_EXCL
    assert _mode(file_store.file_path) == 0o600


def test_a_save_replaces_the_file_whole_or_not_at_all(
    file_store: TokenStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_store.save(LIVE, TOKEN)
    inode = file_store.file_path.stat().st_ino

    def crash(*args: Any) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(token_file.os, "replace", crash)
    with pytest.raises(OSError, match="disk gone"):
        file_store.save(LIVE, "newer-token")
    monkeypatch.undo()

    assert file_store.load(LIVE) == TOKEN  # the old file, untouched
    assert sorted(p.name for p in file_store.file_path.parent.iterdir()) == [FILE_NAME]
    file_store.save(LIVE, "newer-token")
    assert file_store.load(LIVE) == "newer-token"
    assert file_store.file_path.stat().st_ino != inode  # a new file renamed in, not rewritten


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660, 0o644])
def test_a_file_others_can_read_is_refused(file_store: TokenStore, mode: int) -> None:
    file_store.save(LIVE, TOKEN)
    file_store.file_path.chmod(mode)
    for action in (
        lambda: file_store.load(LIVE),
        lambda: file_store.save(DEMO, "other"),
        lambda: file_store.delete(LIVE),
    ):
        with pytest.raises(UnsafeTokenFile) as caught:
            action()
        message = str(caught.value)
        assert "other users" in message and "chmod 600" in message
        assert str(file_store.file_path) in message and TOKEN not in message
    assert _mode(file_store.file_path) == mode  # refused, not silently "fixed"
    file_store.file_path.chmod(0o600)
    assert file_store.load(LIVE) == TOKEN


def test_a_symlink_in_the_files_place_is_refused(file_store: TokenStore, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(f'{{"{LIVE}": "{TOKEN}"}}')
    elsewhere.chmod(0o600)
    file_store.file_path.parent.mkdir(parents=True)
    file_store.file_path.symlink_to(elsewhere)
    with pytest.raises(UnsafeTokenFile, match="safely"):
        file_store.load(LIVE)


def test_a_damaged_file_says_so_without_quoting_it(file_store: TokenStore) -> None:
    file_store.file_path.parent.mkdir(parents=True)
    fd = os.open(file_store.file_path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, f'{{"{LIVE}": "{TOKEN}"'.encode())  # cut short
    os.close(fd)
    with pytest.raises(TokenStoreError, match="damaged") as caught:
        file_store.load(LIVE)
    assert TOKEN not in str(caught.value)


def test_delete(file_store: TokenStore) -> None:
    file_store.delete(LIVE)  # nothing saved: nothing to do
    file_store.save(LIVE, TOKEN)
    file_store.save(DEMO, "demo-token")
    file_store.delete(LIVE)
    assert file_store.load(LIVE) is None
    assert file_store.load(DEMO) == "demo-token"
    file_store.delete(DEMO)
    assert not file_store.file_path.exists()  # the last token gone: no file left behind


def test_a_token_filed_without_a_keyring_moves_into_one(data_dir: Path) -> None:
    TokenStore(data_dir, backend=fail.Keyring()).save(LIVE, TOKEN)
    TokenStore(data_dir, backend=fail.Keyring()).save(DEMO, "demo-token")
    ring = MemoryKeyring()
    store = TokenStore(data_dir, backend=ring)  # a keyring now: e.g. the desktop session came up
    assert store.load(LIVE) == TOKEN
    assert ring.items == {(SERVICE, LIVE): TOKEN}
    assert store.load(LIVE) == TOKEN and TOKEN not in store.file_path.read_text()
    store.delete(DEMO)  # a sign-out also forgets what the file still held
    assert not store.file_path.exists()


def test_the_token_is_in_no_file_but_the_private_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    for name, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    store = TokenStore(home / ".local/share/libria", backend=fail.Keyring())
    store.save(LIVE, TOKEN)
    assert store.load(LIVE) == TOKEN
    holding = [
        path
        for path in tmp_path.rglob("*")
        if path.is_file() and TOKEN.encode() in path.read_bytes()
    ]
    assert holding == [store.file_path]
    assert _mode(store.file_path) == 0o600


def test_the_token_shows_in_no_log_repr_or_error(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    in_file = TokenStore(data_dir / "file", backend=fail.Keyring())
    in_memory = MemoryKeyring()
    in_keyring = TokenStore(data_dir / "ring", backend=in_memory)
    for store in (in_file, in_keyring):
        store.save(LIVE, TOKEN)
        assert store.load(LIVE) == TOKEN
        assert TOKEN not in repr(store) and TOKEN not in str(store)
    assert in_keyring.where is TokenPlace.KEYRING and not (data_dir / "ring").exists()
    assert "keyring" in repr(in_keyring) and "file" in repr(in_file)

    in_memory.failing = True
    with pytest.raises(TokenStoreError) as caught:
        in_keyring.save(LIVE, TOKEN)
    error = caught.value
    assert "RuntimeError" in str(error) and TOKEN not in str(error) and TOKEN not in repr(error)
    assert error.__cause__ is None and error.__context__ is None  # nothing chained holds it

    in_keyring.delete(LIVE)
    in_keyring.delete(LIVE)  # nothing saved: not an error
    assert in_memory.items == {}
    for record in caplog.records:
        assert TOKEN not in record.getMessage() and TOKEN not in repr(record.args)


@pytest.fixture
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A home under tmp_path, set before the bus starts: whatever the bus might start (D-Bus
    activation) keeps its files there too, never in the machine's home."""
    home, runtime = tmp_path / "home", tmp_path / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    variables = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local/share"),  # the keyring files
        "XDG_CONFIG_HOME": str(home / ".config"),  # keyring's own config: none
        "XDG_RUNTIME_DIR": str(runtime),  # the daemon's control socket
    }
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return variables


@pytest.fixture
def secret_service(
    private_home: dict[str, str], session_bus: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, str]]:
    """gnome-keyring's Secret Service on the test's own session bus, its login collection
    created and unlocked with a password on stdin (no prompt), its files in the private home.
    Returns the environment that reaches it (for secret-tool)."""
    daemon = shutil.which("gnome-keyring-daemon")
    if daemon is None:
        pytest.fail("gnome-keyring-daemon is missing: install 'gnome-keyring' (packaging/setup.sh)")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    process = subprocess.Popen(
        [daemon, "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None
    process.stdin.write(b"test-keyring-password")  # --unlock reads it up to end of input
    process.stdin.close()
    try:
        _wait_for_unlocked_collection(process)
        yield dict(os.environ)
    finally:
        process.terminate()
        process.wait(10)


def _wait_for_unlocked_collection(process: subprocess.Popen[bytes]) -> None:
    """Asks the bus who owns the name before talking to the service: a call to an unowned name
    would have the bus start a second keyring daemon of its own (activation)."""
    deadline = time.monotonic() + 15
    with open_dbus_connection() as bus:
        while time.monotonic() < deadline:
            assert process.poll() is None, f"gnome-keyring-daemon exited ({process.returncode})"
            (owned,) = bus.send_and_get_reply(DBus().NameHasOwner(SECRETS_NAME)).body
            if owned:
                break
            time.sleep(0.05)
        else:
            pytest.fail("gnome-keyring-daemon did not take its name on the bus")
    with closing(secretstorage.dbus_init()) as connection:
        assert not secretstorage.Collection(connection).is_locked()


def _forget_detected_backends() -> None:
    with suppress(KeyError):  # nothing cached yet
        get_all_keyring.reset()


@pytest.fixture
def fresh_keyring_detection(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """keyring caches the backends it found for the life of the process: let it look again now
    that there is a Secret Service, and again afterwards."""
    _forget_detected_backends()
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    yield
    _forget_detected_backends()


def _secret_tool(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("secret-tool")
    if tool is None:
        pytest.fail("secret-tool is missing: install 'libsecret-tools' (packaging/setup.sh)")
    return subprocess.run(
        [tool, *arguments], env=environment, capture_output=True, text=True, timeout=20
    )


def test_a_real_secret_service_keeps_the_token(
    secret_service: dict[str, str], data_dir: Path, fresh_keyring_detection: None
) -> None:
    store = TokenStore(data_dir)  # the backend keyring itself detects
    assert store.where is TokenPlace.KEYRING
    store.save(LIVE + "/api/v1", TOKEN)
    store.save(DEMO, "demo-token")

    # Looked up beside the app, by the Secret Service's own client: the item is there.
    found = _secret_tool(secret_service, "lookup", "service", SERVICE, "username", LIVE)
    assert found.returncode == 0 and found.stdout == TOKEN
    assert store.load(LIVE) == TOKEN and store.load(DEMO) == "demo-token"
    assert not data_dir.exists()  # nothing went to the file

    store.delete(LIVE)
    gone = _secret_tool(secret_service, "lookup", "service", SERVICE, "username", LIVE)
    assert gone.returncode != 0 and gone.stdout == ""
    assert store.load(LIVE) is None and store.load(DEMO) == "demo-token"
    store.delete(LIVE)  # nothing saved: not an error

    # Locked, the collection would need a password prompt: a new store uses the file instead.
    with closing(secretstorage.dbus_init()) as connection:
        secretstorage.Collection(connection).lock()
    locked = TokenStore(data_dir)
    assert locked.where is TokenPlace.FILE
    locked.save(LIVE, TOKEN)
    assert _mode(locked.file_path) == 0o600
