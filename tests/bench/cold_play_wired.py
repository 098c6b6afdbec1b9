"""`python -m app` with the cold play wired into start-up as proposed for app/bootstrap.py: a
"link play" loop step right after "library" starts `app.services.playback_link.LinkPlay` and
waits until the stream is loading; the "show" step hands the window to it instead of calling
`open_link`. The cold-play benchmark runs it beside the app as it is, until start-up does that
itself."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.qt_imports import quicker_module_checks

quicker_module_checks()  # before the app's own modules load, as app.__main__ does

from app import bootstrap  # noqa: E402
from app.startup import LoopStep  # noqa: E402

_loop_steps = bootstrap._Launch.loop_steps
_show = bootstrap._Launch._show
_single_instance = bootstrap._Launch._single_instance


def single_instance(launch: Any) -> None:
    _single_instance(launch)  # raises EarlyExit when a running Libria takes the link
    link = launch.options.link
    if link is not None and link.action == "play":
        from app.player.preload import preload_libmpv

        preload_libmpv()  # this process plays: libmpv loads while the rest starts


async def _link_play(launch: Any) -> None:
    launch.link_play = None
    link = launch.options.link
    if link is None or link.action != "play":
        return
    from app.services.playback_link import LinkPlay
    from app.services.playback_titles import PlayableTitles

    services = launch.services
    titles = PlayableTitles(services.library, services.catalog)
    launch.link_play = LinkPlay(
        link, titles, services.playback, services.tasks, open_api=services.start_api
    )
    launch.link_play.start()
    await launch.link_play.loading()  # the window is built while mpv fetches the stream


def loop_steps(launch: Any) -> list[LoopStep]:
    steps = _loop_steps(launch)
    after = next(i for i, step in enumerate(steps) if step.name == "library") + 1
    steps.insert(after, LoopStep("link play", lambda: _link_play(launch)))
    return steps


def show(launch: Any) -> None:
    link_play = getattr(launch, "link_play", None)
    if link_play is None:
        _show(launch)
        return
    options = launch.options
    launch.options = dataclasses.replace(options, link=None)  # the window, without open_link
    try:
        _show(launch)
    finally:
        launch.options = options
    link_play.show_in(launch.window)


bootstrap._Launch._single_instance = single_instance  # type: ignore[method-assign]
bootstrap._Launch.loop_steps = loop_steps  # type: ignore[method-assign]
bootstrap._Launch._show = show  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.exit(bootstrap.run())
