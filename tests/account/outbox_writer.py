"""A process that stars titles and moves them between lists through the real library and outbox
as fast as it can. Before each change it prints `intent KIND ID VALUE`, after its transaction
committed `done`; the crash test kills it at random moments."""

from __future__ import annotations

import asyncio
import random
import sys
from pathlib import Path

from app.core import Title
from app.core.account import Collection
from app.services.library import LibraryService

RELEASES = range(9000, 9030)  # titles the demo's catalogue has


async def main(path: Path, account: str, seed: int) -> None:
    library = LibraryService(path)
    await library.start()
    rng = random.Random(seed)
    print("ready", flush=True)
    while True:
        release = rng.choice(RELEASES)
        if rng.random() < 0.5:
            on = rng.random() < 0.6
            print(f"intent favourite {release} {'add' if on else 'remove'}", flush=True)
            await library.set_favourite(Title(id=release, code=f"t{release}"), on, account)
        else:
            value = rng.choice([*(c.value for c in Collection), ""])
            print(f"intent list {release} {value or '-'}", flush=True)
            await library.outbox(lambda o, r=release, v=value: o.set_collection(account, r, v))
        print("done", flush=True)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])))
