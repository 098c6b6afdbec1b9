"""A process that saves progress and favourites through the library service as fast as it can,
printing each record only after its transaction committed. The crash test kills it mid-write."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from app.core import Title
from app.services.library import LibraryService


async def main(path: Path, start: int) -> None:
    library = LibraryService(path)
    await library.start()
    print("ready", flush=True)
    n = start
    while True:
        n += 1
        await library.record(n % 97, float(n), float(n), 1000.0)
        print(f"progress {n % 97} {n}", flush=True)
        await library.set_favourite(Title(id=n, code=f"t{n}"), True)
        print(f"favourite {n}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2])))
