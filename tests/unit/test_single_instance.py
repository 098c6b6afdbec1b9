"""A later launch hands its arguments to the running Libria, even while that one is still
starting (its kept first page, the steps in the loop): nothing handed over early is lost."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from app.desktop.single_instance import InstanceServer, server_name
from tests.qt_loop import until

_HAND_OVER = (
    "import sys\n"
    "from PySide6.QtCore import QCoreApplication\n"
    "from app.desktop.single_instance import hand_over\n"
    "app = QCoreApplication([])\n"
    "sys.exit(0 if hand_over(sys.argv[1], sys.argv[2:]) else 1)\n"
)


async def _later_launch(name: str, *args: str) -> int:
    """A second process, as `libria <link>` started while Libria runs."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", _HAND_OVER, name, *args, cwd=Path(__file__).parents[2]
    )
    return await asyncio.wait_for(process.wait(), 30)


async def test_what_is_handed_over_before_anyone_follows_is_kept(tmp_path: Path) -> None:
    server = InstanceServer(server_name(tmp_path))
    assert server.listen()
    try:
        assert await _later_launch(server.name, "libria://release/early") == 0  # answered
        followed: list[list[str]] = []
        server.deliver_to(followed.append)  # the window can follow links from here on
        assert followed == [["libria://release/early"]]

        assert await _later_launch(server.name, "libria://release/later") == 0
        await until(lambda: len(followed) == 2, message="a later hand-over was not followed")
        assert followed[1] == ["libria://release/later"]
    finally:
        server.close()
