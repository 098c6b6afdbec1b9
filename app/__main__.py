"""`libria` and `python -m app`."""

from __future__ import annotations

import sys


def main() -> int:
    from app.bootstrap import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
