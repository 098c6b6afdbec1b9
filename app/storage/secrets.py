"""Where the viewer's AniLibria sign-in token lives: the system keyring (Secret Service on Linux,
Keychain on macOS, Credential Manager on Windows), or a private file when there is no usable one.

Never in settings.ini, a log line, an exception's text or a repr. Tokens are keyed by the API's
origin, so the demo's token and the live service's never mix.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import closing, suppress
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # keyring loads when a token is first asked for, not at start-up (~60 ms)
    from keyring.backend import KeyringBackend
    from keyring.backends import SecretService

from app.core.account import TokenPlace, TokenStoreError
from app.core.api_base import account_origin as origin_of
from app.storage.token_file import TokenFile

log = logging.getLogger(__name__)

SERVICE = "tv.libria.Libria"  # the keyring item's service; its user name is the API's origin
FILE_NAME = "account-tokens.json"

_T = TypeVar("_T")


class TokenStore:
    """Loads, saves and deletes the sign-in token of one API origin.

    Every method (and `where`, the first time) may block: the keyring is a D-Bus round trip to a
    daemon that can be slow or hung, and the file is disk I/O. Callers on the UI loop run them
    with `asyncio.to_thread`. The class is synchronous and thread-safe: one lock serialises all
    calls, so two threads never interleave a file rewrite or the first keyring probe.
    """

    def __init__(self, data_dir: Path, *, backend: KeyringBackend | None = None) -> None:
        """`backend` replaces the one keyring detects (for tests); the choice between it and the
        file is made on first use, not here, so building the store never blocks."""
        self._file = TokenFile(data_dir / FILE_NAME)
        self._given = backend
        self._backend: KeyringBackend | None = None
        self._place: TokenPlace | None = None
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        place = self._place.value if self._place else "undecided"
        return f"TokenStore(where={place}, file={str(self._file.path)!r})"

    @property
    def where(self) -> TokenPlace:
        """The keyring when one is usable without asking the viewer anything, else the file."""
        with self._lock:
            if self._place is None:
                self._backend = usable_keyring(self._given)
                self._place = TokenPlace.KEYRING if self._backend else TokenPlace.FILE
                log.info("sign-in tokens are kept in the %s", self._place.value)
            return self._place

    @property
    def file_path(self) -> Path:
        """The file used when there is no keyring (for Settings to name)."""
        return self._file.path

    def load(self, account_key: str) -> str | None:
        """The token saved for this API origin, or None. Raises TokenStoreError (UnsafeTokenFile
        for a file others can read, which is then not used)."""
        key = origin_of(account_key)
        with self._lock:
            if self.where is TokenPlace.FILE:
                return self._file.read(key)
            token = self._in_keyring("read", lambda ring: ring.get_password(SERVICE, key))
            return token if token is not None else self._move_from_file(key)

    def save(self, account_key: str, token: str) -> None:
        """Keeps the token for this API origin, replacing any earlier one."""
        key = origin_of(account_key)
        if not token or token != token.strip():
            raise ValueError("a sign-in token must be non-empty, without surrounding spaces")
        with self._lock:
            if self.where is TokenPlace.FILE:
                self._file.write(key, token)
            else:
                self._in_keyring("save", lambda ring: ring.set_password(SERVICE, key, token), token)

    def delete(self, account_key: str) -> None:
        """Forgets this origin's token; nothing saved is not an error."""
        key = origin_of(account_key)
        with self._lock:
            if self.where is TokenPlace.FILE:
                self._file.remove(key)
            else:
                self._in_keyring("delete", lambda ring: _delete_quietly(ring, key))
                self._move_from_file(key, keep=False)

    def _move_from_file(self, key: str, *, keep: bool = True) -> str | None:
        """A token the file got while there was no keyring goes into the keyring (or, with
        `keep=False`, away): left in the file it would outlive a sign-out."""
        if not self._file.path.exists():  # the usual case: one stat, no read
            return None
        try:
            token = self._file.read(key)
            if token is not None and keep:
                self._in_keyring("save", lambda ring: ring.set_password(SERVICE, key, token), token)
            self._file.remove(key)
        except TokenStoreError as error:  # the keyring works: an unusable file only gets a word
            log.warning("left the token file as it is: %s", error)
            return None
        return token if keep else None

    def _in_keyring(self, action: str, call: Callable[[KeyringBackend], _T], token: str = "") -> _T:
        assert self._backend is not None
        try:
            return call(self._backend)
        except Exception as error:
            # The keyring's own errors could, in principle, echo what they were given: keep the
            # class and a scrubbed message, and raise outside this block so that no chained
            # exception carries the original along.
            text = str(error).replace(token, "***") if token else str(error)
            failure = f"the system keyring could not {action} the token: {type(error).__name__}"
            failure += f": {text}" if text else ""
        raise TokenStoreError(failure)


def _delete_quietly(ring: KeyringBackend, key: str) -> None:
    from keyring.errors import PasswordDeleteError

    with suppress(PasswordDeleteError):  # nothing saved: already as asked
        ring.delete_password(SERVICE, key)


def usable_keyring(given: KeyringBackend | None = None) -> KeyringBackend | None:
    """The keyring backend to keep tokens in, or None when there is no usable one: keyring's
    fail/null backends, a Secret Service that is absent, or a collection that is locked and would
    need a password prompt (a background save must never pop one up)."""
    import keyring
    from keyring.backends import SecretService, chainer, fail, null

    try:
        backend: KeyringBackend | None = given or keyring.get_keyring()
        if isinstance(backend, chainer.ChainerBackend):  # it writes to its first: check that one
            chained = backend.backends
            backend = chained[0] if chained else None
        if backend is None or isinstance(backend, fail.Keyring | null.Keyring):
            return None
        if backend.priority <= 0:
            return None
        if isinstance(backend, SecretService.Keyring) and not _secret_service_open(backend):
            return None
    except Exception as error:  # a keyring that breaks while being asked is no keyring
        log.warning("no usable keyring (%s: %s)", type(error).__name__, error)
        return None
    return backend


def _secret_service_open(backend: SecretService.Keyring) -> bool:
    """Whether the collection the backend writes to is unlocked, or unlocks without a prompt
    (gnome-keyring does so when the login password is cached)."""
    import secretstorage
    from secretstorage.collection import DEFAULT_COLLECTION
    from secretstorage.defines import SS_PATH
    from secretstorage.util import SERVICE_IFACE, DBusAddressWrapper

    with closing(secretstorage.dbus_init()) as connection:
        # Collection() only looks; get_default_collection() would create one, with a prompt.
        preferred = getattr(backend, "preferred_collection", None)
        try:
            collection = secretstorage.Collection(connection, preferred or DEFAULT_COLLECTION)
        except secretstorage.ItemNotFoundException:
            log.info("the keyring has no default collection: using the file")
            return False
        if not collection.is_locked():
            return True
        service = DBusAddressWrapper(SS_PATH, SERVICE_IFACE, connection)
        _unlocked, prompt = service.call("Unlock", "ao", [collection.collection_path])
        if prompt != "/":  # "/" means no prompt was needed
            DBusAddressWrapper(prompt, "org.freedesktop.Secret.Prompt", connection).call(
                "Dismiss", ""
            )
            log.info("the keyring's collection is locked and needs a prompt: using the file")
            return False
        return not collection.is_locked()
