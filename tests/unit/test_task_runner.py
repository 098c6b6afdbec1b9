"""Background tasks end with the services: none runs after the runner's shutdown, not even one
asked for by a part still closing (the API's last address change, heard after the tasks ended,
started a task that ran once the library had closed)."""

from __future__ import annotations

import asyncio

from app.services.tasks import TaskRunner


async def test_no_task_runs_once_the_runner_has_shut_down() -> None:
    tasks = TaskRunner()
    ran: list[str] = []

    async def note(what: str) -> None:
        ran.append(what)

    await asyncio.wait_for(tasks.run(note("before")), 5)
    await tasks.shutdown()
    late = tasks.run(note("after"), name="late")
    await asyncio.gather(late, return_exceptions=True)
    assert late.cancelled()
    assert ran == ["before"]


async def test_a_task_under_way_is_cancelled_and_awaited_by_the_shutdown() -> None:
    tasks = TaskRunner()
    started, ended = asyncio.Event(), asyncio.Event()

    async def long_job() -> None:
        started.set()
        try:
            await asyncio.Event().wait()
        finally:
            ended.set()

    tasks.run(long_job(), name="job")
    await asyncio.wait_for(started.wait(), 5)
    await tasks.shutdown()
    assert ended.is_set()  # its clean-up ran before the shutdown returned
