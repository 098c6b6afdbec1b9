"""Command-line arguments of `libria` (also what a second launch hands to the running one)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from app.core.deep_link import (
    BadLinkError,
    DeepLink,
    check_code,
    check_episode,
    is_link,
    parse_link,
)
from app.core.settings import OPTIONS, Option


class UsageError(ValueError):
    """Arguments that cannot be followed; the message is for the user."""


@dataclass(frozen=True)
class AccountCommand:
    """`libria account ...`: handled in a process of its own, window running or not."""

    action: str  # "login", "status", "logout", "sync"
    password: bool = False  # login by login and password instead of a code
    login: str = ""
    # After login: add this machine's favourites to the account (True), keep them apart (False),
    # or ask (None: in a terminal; otherwise the window asks).
    merge: bool | None = None


@dataclass(frozen=True)
class DownloadCommand:
    """`libria download CODE [EPISODES]`: handled in a process of its own (app.download_cli)."""

    code: str
    episodes: str | None = None  # "1-3,5" as typed (checked against the title later)
    quality: str | None = None  # "1080", "720" or "480"
    to: str | None = None  # the download folder for this run


@dataclass(frozen=True)
class Options:
    demo: bool = False
    minimized: bool = False
    startup_probe: bool = False
    probe_stays: bool = False  # the probe reports the paint and the kept page's swap, no quit
    link: DeepLink | None = None  # what to open: `play CODE [EP]`, `title CODE`, libria://...
    # (option key, value) for each settings flag given (--api-base, --lang, ...; the schema names
    # them): values for this run only, applied as overrides on the settings store.
    overrides: tuple[tuple[str, str], ...] = ()
    account: AccountCommand | None = None
    download: DownloadCommand | None = None

    def flag_value(self, key: str) -> str | None:
        return dict(self.overrides).get(key)

    @property
    def api_base(self) -> str | None:
        return self.flag_value("api_base")

    @property
    def api_kind(self) -> str | None:  # "auto", "v1", "v2"
        return self.flag_value("api_kind")

    @property
    def language(self) -> str | None:
        return self.flag_value("language")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _flagged() -> list[Option]:
    return [option for option in OPTIONS.values() if option.flag]


def _add_setting_flags(parser: argparse.ArgumentParser) -> None:
    """A flag for every option the schema gives one: adding such an option is the only edit."""
    for option in _flagged():
        env = f"; ${option.env} too" if option.env else ""
        parser.add_argument(
            option.flag,
            dest=option.key,
            # Values stay text here; the settings store checks and converts them.
            choices=tuple(str(choice) for choice in option.choices) or None,
            metavar=option.metavar or None,
            help=f"{option.description} (for this run{env})",
        )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="libria", description="Browse and watch the AniLibria anime catalogue.")
    _add_setting_flags(parser)
    parser.add_argument(
        "--demo", action="store_true", help="run against the built-in demo server (offline)"
    )
    parser.add_argument("--minimized", action="store_true", help="start in the system tray")
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--startup-probe-stays", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser("play", help="open a title and play an episode")
    play.add_argument("code", help="the title's code, e.g. nanatsu-no-taizai")
    play.add_argument("episode", nargs="?", default=None)
    title = sub.add_parser("title", help="open a title's page")
    title.add_argument("code")
    _add_account_commands(sub)
    _add_download_command(sub)
    return parser


def _add_download_command(sub: argparse._SubParsersAction[_Parser]) -> None:
    download = sub.add_parser(
        "download", help="download episodes to watch offline (again: resumes what is left)"
    )
    download.add_argument("code", help="the title's code, e.g. nanatsu-no-taizai")
    download.add_argument(
        "episodes",
        nargs="?",
        default=None,
        help="which ones, e.g. 1-3,5 (default: every released episode)",
    )
    download.add_argument(
        "--quality",
        choices=("1080", "720", "480"),
        help="default: the download quality setting, else the playback one",
    )
    download.add_argument("--to", metavar="DIR", help="the folder (default: the download folder)")


def _add_account_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    account = sub.add_parser("account", help="your AniLibria account (the v1 API)")
    actions = account.add_subparsers(dest="account_action", required=True)
    login = actions.add_parser(
        "login", help="sign in: by a code confirmed on anilibria.top or in the app (default)"
    )
    login.add_argument(
        "--password", action="store_true",
        help="sign in with login and password (the password is asked, or read from stdin)",
    )  # fmt: skip
    login.add_argument("--login", default="", help="the account's login, with --password")
    favourites = login.add_mutually_exclusive_group()
    favourites.add_argument(
        "--add-favourites", dest="merge", action="store_const", const=True,
        help="add this computer's favourites to the account without asking",
    )  # fmt: skip
    favourites.add_argument(
        "--keep-favourites-apart", dest="merge", action="store_const", const=False,
        help="keep this computer's favourites out of the account without asking (they come "
        "back at sign-out); without either flag a terminal is asked, otherwise the window asks",
    )  # fmt: skip
    actions.add_parser("status", help="who is signed in (exit 1: nobody)")
    actions.add_parser("logout", help="sign out and forget the sign-in here")
    actions.add_parser(
        "sync", help="send the changes made here, fetch the account's (exit 1: failed)"
    )


def parse(argv: list[str]) -> Options:
    """Raises UsageError (bad arguments) or BadLinkError (a libria:// link it will not open)."""
    links = [arg for arg in argv if is_link(arg)]
    if len(links) > 1:
        raise UsageError("one libria:// link at a time")
    rest = [arg for arg in argv if not is_link(arg)]
    args = _parser().parse_args(rest)
    link = parse_link(links[0]) if links else None
    if args.command == "play":
        episode = check_episode(args.episode) if args.episode is not None else None
        link = DeepLink("play", check_code(args.code), episode)
    elif args.command == "title":
        link = DeepLink("title", check_code(args.code))
    given = ((o.key, getattr(args, o.key)) for o in _flagged())
    account = None
    if args.command == "account":
        if args.account_action == "login" and args.password and not args.login:
            raise UsageError("--password needs --login NAME")
        password = bool(getattr(args, "password", False))
        account = AccountCommand(
            args.account_action, password, getattr(args, "login", ""), getattr(args, "merge", None)
        )
    return Options(
        account=account,
        demo=args.demo,
        minimized=args.minimized,
        startup_probe=args.startup_probe or args.startup_probe_stays,
        probe_stays=args.startup_probe_stays,
        link=link,
        overrides=tuple((key, value) for key, value in given if value is not None),
        download=_download(args),
    )


def _download(args: argparse.Namespace) -> DownloadCommand | None:
    if args.command != "download":
        return None
    return DownloadCommand(check_code(args.code), args.episodes, args.quality, args.to)


__all__ = ["BadLinkError", "DownloadCommand", "Options", "UsageError", "parse"]
