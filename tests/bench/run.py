"""Runs every benchmark in this folder (bench_*.py, each with `run() -> list[Figure]`) and prints
one table of figures and ratios. Usage: python tests/bench/run.py [name-substring ...]"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.bench.common import Figure  # noqa: E402


def _rows(figures: list[Figure]) -> list[list[str]]:
    rows = [["benchmark", "value", "baseline", "baseline value", "ratio", "goal"]]
    for f in figures:
        rows.append(
            [
                f.name,
                f"{f.value:.2f} {f.unit}",
                f.baseline_name or "-",
                f"{f.baseline:.2f} {f.unit}" if f.baseline is not None else "-",
                f"{f.ratio:.2f}x" if f.ratio is not None else "-",
                f.goal or "-",
            ]
        )
    return rows


def main(filters: list[str]) -> int:
    figures: list[Figure] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if filters and not any(f in path.stem for f in filters):
            continue
        module = importlib.import_module(f"tests.bench.{path.stem}")
        print(f"running {path.stem} ...", file=sys.stderr, flush=True)
        figures.extend(module.run())
    rows = _rows(figures)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * width for width in widths))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
