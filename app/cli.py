"""Command-line arguments of `libria`."""

from __future__ import annotations

import argparse
from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    api_base: str | None
    demo: bool
    minimized: bool
    language: str | None
    startup_probe: bool = False
    play_code: str | None = None
    play_episode: float | None = None


def parse(argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(
        prog="libria", description="Browse and watch the AniLibria anime catalogue."
    )
    parser.add_argument("--api-base", metavar="URL", help="AniLibria v2 API address")
    parser.add_argument(
        "--demo", action="store_true", help="run against the built-in demo server (offline)"
    )
    parser.add_argument("--minimized", action="store_true", help="start in the system tray")
    parser.add_argument("--lang", choices=("ru", "en"), help="interface language for this run")
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser("play", help="open a title and play an episode")
    play.add_argument("code", help="the title's code, e.g. nanatsu-no-taizai")
    play.add_argument("episode", nargs="?", type=float, default=None)
    args = parser.parse_args(argv)
    return Options(
        api_base=args.api_base,
        demo=args.demo,
        minimized=args.minimized,
        language=args.lang,
        startup_probe=args.startup_probe,
        play_code=getattr(args, "code", None),
        play_episode=getattr(args, "episode", None),
    )
