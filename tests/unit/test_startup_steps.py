"""The start-up step runner: steps in order, shutdowns in reverse, a failing one not the last."""

from __future__ import annotations

import asyncio

from app.startup import LoopStep, Startup, Step


def test_steps_run_in_order_and_shut_down_in_reverse() -> None:
    done: list[str] = []
    startup = Startup()

    def step(name: str) -> Step:
        def run() -> None:
            done.append(f"start {name}")
            startup.on_shutdown(name, lambda: done.append(f"stop {name}"))

        return Step(name, run)

    startup.run([step("loop"), step("services"), step("window")])
    assert startup.shutdown()
    assert done == [
        "start loop", "start services", "start window",
        "stop window", "stop services", "stop loop",
    ]  # fmt: skip
    assert startup.shutdown(), "each shutdown runs once"
    assert len(done) == 6


def test_a_failing_shutdown_is_reported_and_the_rest_still_run() -> None:
    stopped: list[str] = []
    startup = Startup()

    def fail() -> None:
        raise RuntimeError("will not close")

    startup.on_shutdown("services", lambda: stopped.append("services"))
    startup.on_shutdown("tray", fail)
    startup.on_shutdown("window", lambda: stopped.append("window"))
    assert not startup.shutdown()  # the exit code says so
    assert stopped == ["window", "services"]


def test_loop_steps_are_awaited_in_order() -> None:
    done: list[str] = []

    def step(name: str) -> LoopStep:
        async def run() -> None:
            await asyncio.sleep(0)
            done.append(name)

        return LoopStep(name, run)

    asyncio.run(Startup().run_in_loop([step("services start"), step("first page")]))
    assert done == ["services start", "first page"]


def test_turning_steps_let_the_loop_run_between_them() -> None:
    done: list[str] = []

    async def main() -> None:
        async def answer() -> None:  # e.g. the first page's request, under way
            done.append("answer heard")

        task = asyncio.get_running_loop().create_task(answer())
        steps = [Step(name, lambda name=name: done.append(name)) for name in ("window", "show")]
        await Startup().run_turning(steps)
        await task

    asyncio.run(main())
    assert done == ["window", "answer heard", "show"]
