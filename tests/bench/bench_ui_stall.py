"""The worst event-loop stall on the UI thread, and the peak memory, over one session of the app
in this process (offscreen Qt, the API in another process): the catalogue grid loads 1,000
titles, the user scrolls through every screen of them with their posters, then the server's
WebSocket pushes a burst of 500 new episodes (the grid, the tray's menu and a desktop
notification on a private session bus follow them). See tests/bench/stall_session.py."""

from __future__ import annotations

import os
import resource
import sys

from tests.bench.common import Figure, demo_process
from tests.bench.idle_floor import IdleFloor, measure_idle
from tests.bench.stall_meter import StallMeter, stall_ms
from tests.bench.stall_session import Session, run_session

__all__ = ["StallMeter", "run"]

TITLES = 1030  # some are hidden titles the lists leave out: over 1,000 load
BURST = int(os.environ.get("LIBRIA_BENCH_BURST", "500"))
SLOW_S = 0.017  # a tick this late means a frame (16 ms) was missed


def _peak_rss_mib() -> float:
    """The process's peak resident set (VmHWM; ru_maxrss is the same figure, in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _session() -> tuple[Session, StallMeter, IdleFloor]:
    from PySide6.QtWidgets import QApplication

    from app.launch_parts import prepare_process
    from app.ui.event_loop import EventLoop
    from tests.bench.stall_desktop import notification_desktop

    if QApplication.instance() is None:  # as the app's own start does, before its QApplication
        prepare_process()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with demo_process(titles=TITLES) as origin, notification_desktop() as server:
        loop = EventLoop(app)
        try:
            session, meter = loop.run_until_complete(run_session(origin, TITLES, BURST, server))
            return session, meter, measure_idle(meter.ticks[-1] - meter.ticks[0])
        finally:
            loop.close()


def _stall_figures(name: str, gaps: list[float]) -> list[Figure]:
    gaps = sorted(gaps)
    over = sum(gap > SLOW_S for gap in gaps)
    return [
        Figure(f"worst UI stall ({name})", stall_ms(gaps[-1]), "ms", goal="<= 16 ms"),
        Figure("99th percentile UI stall", stall_ms(gaps[int(len(gaps) * 0.99)]), "ms"),
        Figure(f"ticks over 16 ms (of {len(gaps)})", over, "ticks"),
    ]


def run() -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    session, meter, idle = _session()
    peak = _peak_rss_mib()
    label = (
        f"{session.titles} titles loaded, {session.painted} cards painted with posters, "
        f"a burst of {session.burst} updates"
    )
    figures = _stall_figures(label, meter.gaps)
    figures.append(Figure(
        f"  floor: an idle Qt process's worst tick as long, after it, same 1 ms timer "
        f"({idle.over} ticks over 16 ms of {idle.ticks})", idle.worst_ms, "ms"))  # fmt: skip
    for phase, gaps in meter.phases().items():
        worst = stall_ms(max(gaps, default=0.0))
        over = sum(gap > SLOW_S for gap in gaps)
        figures.append(Figure(f"  {phase}: worst UI stall ({over} ticks over 16 ms)", worst, "ms"))
    for phase, (gap, cpu, queued) in meter.worst(less_queued=True).items():
        figures.append(Figure(
            f"  {phase}: the same less waits for a core (others' load; of it "
            f"{cpu * 1000:.0f} ms on a core, {(gap - cpu - queued) * 1000:.0f} ms blocked)",
            stall_ms(gap - queued), "ms"))  # fmt: skip
    for phase, cpu in meter.phases_cpu().items():
        figures.append(Figure(f"  {phase}: the UI thread's time on a core", cpu * 1000, "ms"))
    steps = ", ".join(f"{phase} {mib:.0f}" for phase, mib in session.rss.items())
    figures += [
        Figure(f"peak RSS of the app process (MiB as phases began: {steps})", peak, "MiB",
               goal="<= 200 MiB"),
        Figure(f"burst: titles leading the grid afterwards (of {session.burst})",
               session.in_grid, "titles"),
        Figure(f"burst: desktop notifications shown (last: {session.notifications[-1]!r})",
               len(session.notifications), "calls"),
    ]  # fmt: skip
    return figures
