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


class UsageError(ValueError):
    """Arguments that cannot be followed; the message is for the user."""


@dataclass(frozen=True)
class Options:
    api_base: str | None = None
    api_kind: str | None = None  # "auto", "v1", "v2"
    demo: bool = False
    minimized: bool = False
    language: str | None = None
    startup_probe: bool = False
    link: DeepLink | None = None  # what to open: `play CODE [EP]`, `title CODE`, libria://...


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="libria", description="Browse and watch the AniLibria anime catalogue.")
    parser.add_argument(
        "--api-base", metavar="URL", help="AniLibria API address (v1 or v2; default: automatic)"
    )
    parser.add_argument(
        "--api-kind",
        choices=("auto", "v1", "v2"),
        help="which API the address speaks (default: from the URL, else a probe); "
        "with --demo, which side of the demo server to use",
    )
    parser.add_argument(
        "--demo", action="store_true", help="run against the built-in demo server (offline)"
    )
    parser.add_argument("--minimized", action="store_true", help="start in the system tray")
    parser.add_argument("--lang", choices=("ru", "en"), help="interface language for this run")
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser("play", help="open a title and play an episode")
    play.add_argument("code", help="the title's code, e.g. nanatsu-no-taizai")
    play.add_argument("episode", nargs="?", default=None)
    title = sub.add_parser("title", help="open a title's page")
    title.add_argument("code")
    return parser


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
    return Options(
        api_base=args.api_base,
        api_kind=args.api_kind,
        demo=args.demo,
        minimized=args.minimized,
        language=args.lang,
        startup_probe=args.startup_probe,
        link=link,
    )


__all__ = ["BadLinkError", "Options", "UsageError", "parse"]
