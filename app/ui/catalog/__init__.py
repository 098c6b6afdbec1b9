"""The catalogue's card grid.

Qt's raster engine hands every fill or image blend of 96 lines or more to its GUI thread pool
and waits for it: a card's poster, the grid's background, the scroll bar. With two cores the pool
has one thread, so the UI thread only waits while that thread is woken and scheduled: on a busy
machine 5-20 ms of a scroll's worst stall (tests/bench/bench_ui_stall.py). For shapes of a card's
size the hand-off costs more than the fill, so the pool is turned off. Qt reads the variable once,
at its first big fill; this package is imported before anything is painted (the warm start's
first page paints with its card painter). The composition root would be the better home for it.
"""

import os

os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
