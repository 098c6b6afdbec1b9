"""The bundle's entry point: the same `libria` as the console script."""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
