"""The viewer's AniLibria account as plain data: who is signed in, a one-time sign-in code, the
lists (collections) a title can be in, and where an episode stopped (a timecode)."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct


class Profile(Struct, frozen=True, gc=False):
    id: int
    login: str = ""
    nickname: str = ""
    avatar: str = ""  # absolute URL of the avatar (media origin), or empty

    @property
    def shown_name(self) -> str:
        return self.nickname or self.login or f"#{self.id}"


class SignInCode(Struct, frozen=True, gc=False):
    """A code the viewer confirms on another device (the site or the phone app)."""

    code: int
    device_id: str
    expires_at: float  # seconds since the epoch, the device's clock


class Collection(StrEnum):
    """The five lists a title can be in (one at a time), in the order the service shows them."""

    PLANNED = "PLANNED"
    WATCHING = "WATCHING"
    WATCHED = "WATCHED"
    POSTPONED = "POSTPONED"
    ABANDONED = "ABANDONED"


class Timecode(Struct, frozen=True, gc=False):
    """Where the viewer stopped in one episode, as the account keeps it."""

    release_episode_id: str  # the service's id of the episode (a UUID string)
    time: float  # seconds into the episode
    is_watched: bool = False
    updated_at: float = 0.0  # seconds since the epoch; 0 when the server gave none


class AccountError(Exception):
    """An account request the service refused; the message is for the viewer."""


class SignInRefused(AccountError):
    """Wrong login or password, or a code the service does not know (any more)."""


class CodeNotConfirmed(AccountError):
    """The code exists but nobody confirmed it yet: ask again a little later."""


class SessionExpired(AccountError):
    """The token is no longer accepted (401/403): sign in again; nothing local is lost."""


class NotSignedIn(AccountError):
    """Nobody is signed in: there is no account to sync with."""


class TokenPlace(StrEnum):
    """Where the sign-in token is kept: the system keyring, or a private file when there is none
    (Settings says which)."""

    KEYRING = "keyring"
    FILE = "file"


class TokenStoreError(Exception):
    """The sign-in token could not be read or kept; the message never contains the token."""


class UnsafeTokenFile(TokenStoreError):
    """The token file is readable by others (or not the viewer's own): it is not used."""
