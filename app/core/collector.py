"""Python's cyclic garbage collector during start-up.

Start-up allocates some 100,000 objects (modules, classes, Qt's wrappers, the first page's
titles) that live as long as the app. With the usual threshold (a young collection every 700
allocations) the collector ran ~120 times in a cold start, 50-90 ms in all, and found almost
nothing. Until start-up is over it runs only every START_UP_THRESHOLD allocations (not at all in
a usual start); then everything start-up made is frozen, left out of every later collection
since it lives as long as the app, and the usual thresholds come back (`settle`)."""

from __future__ import annotations

import gc

START_UP_THRESHOLD = 100_000
_usual: tuple[int, int, int] | None = None  # the thresholds before start-up, to put back


def defer_during_start_up() -> None:
    """As the process starts, before the app's modules load."""
    global _usual
    if _usual is None:
        _usual = gc.get_threshold()
        gc.set_threshold(START_UP_THRESHOLD, _usual[1], _usual[2])


def settle() -> None:
    """Start-up is over (the first page is shown). A full collection would walk every object
    there is by then (20-60 ms on the UI thread, at a moment nobody chooses); frozen, they are
    left out of every later one, which walks only what came since. No collection first: that
    would be the same stall, now. Once per process."""
    global _usual
    if not gc.get_freeze_count():
        gc.freeze()
    if _usual is not None:
        gc.set_threshold(*_usual)
        _usual = None
