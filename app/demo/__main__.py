"""`python -m app.demo --port N` serves the demo; `python -m app.demo push --port N [--id ID]`
announces a new episode on a running one (`--count 500`: a burst of them)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import sys
import urllib.request

from app.demo.server import DemoConfig, DemoServer
from app.demo.v1_wire import LIVE, SHAPES


def _serve(args: argparse.Namespace) -> int:
    config = DemoConfig(
        host=args.host,
        port=args.port,
        seed=args.seed,
        title_count=args.titles,
        auto_episode_interval=args.auto_episodes or None,
        v1_shape=args.v1_shape,
    )

    async def run() -> None:
        server = DemoServer(config)
        await server.start()
        print(f"Libria demo server: v2 {server.api_base()} (WebSocket {server.own_host}/v2/ws/)")
        print(f"                    v1 {server.api_base_v1}")
        try:
            await asyncio.Event().wait()
        finally:
            await server.stop()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())
    return 0


def _push(args: argparse.Namespace) -> int:
    query = f"?id={args.id}" if args.id else ""
    url = f"http://{args.host}:{args.port}/demo/episode{query}"
    request = urllib.request.Request(url, method="POST")
    if args.count > 1:  # a burst: that many titles' next episodes at once
        body = json.dumps({"count": args.count}).encode()
        url = f"http://{args.host}:{args.port}/demo/burst"
        request = urllib.request.Request(url, data=body, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        print(json.dumps(json.load(response), ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--host", default="127.0.0.1")
    where.add_argument("--port", type=int, default=8765)
    serving = argparse.ArgumentParser(add_help=False)
    serving.add_argument("--seed", type=int, default=2025)
    serving.add_argument("--titles", type=int, default=240, help="catalogue size")
    serving.add_argument("--auto-episodes", type=float, default=0.0, metavar="SECONDS")
    serving.add_argument(
        "--v1-shape",
        choices=SHAPES,
        default=LIVE,
        help="v1 answers as the live service sends them (default) or as its OpenAPI documents",
    )
    parser = argparse.ArgumentParser(
        prog="python -m app.demo", description=__doc__, parents=[where, serving]
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("serve", parents=[where, serving], help="run the server (the default)")
    push = sub.add_parser("push", parents=[where], help="announce a new episode")
    push.add_argument("--id", type=int, default=None, help="title id (default: a random ongoing)")
    push.add_argument("--count", type=int, default=1, help="episodes of that many titles at once")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    return _push(args) if args.command == "push" else _serve(args)


if __name__ == "__main__":
    sys.exit(main())
