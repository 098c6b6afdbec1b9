"""The real app read over AT-SPI, as Orca reads it: `libria --demo` on the X display with Qt's
accessibility bridge on, AT-SPI's own bus on a private session bus, the tree walked over D-Bus."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest

from tests.app_process import App
from tests.desktop.atspi import Node, Reader, accessibility_bus
from tests.desktop.conftest import desktop_env

T = TypeVar("T")
# The app's words in Russian, its default: the rail's pages, the start page's heading.
RAIL = ("Новые серии", "Избранное", "История", "Загрузки", "Лента", "Поиск", "Расписание")
ROWS = "Разделы"  # the rail's list
START = "Новые серии"  # the start page's grid


async def eventually(read: Callable[[], Awaitable[T | None]], what: str, within: float = 30) -> T:
    """What `read` finds once it finds it (the app answers on its own time)."""
    deadline = time.monotonic() + within
    while (found := await read()) is None:
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.2)
    return found


def one(nodes: list[Node], role: str, name: str) -> Node | None:
    return next((n for n in nodes if n.role == role and n.name == name), None)


async def test_the_window_reads_over_atspi_with_names(tmp_path: Path, session_bus: str) -> None:
    with accessibility_bus(session_bus, tmp_path):
        # Qt's AT-SPI bridge is on whether or not a screen reader asked for it.
        env = {**desktop_env(session_bus), "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
        app = App(tmp_path, "--demo", env=env)
        try:
            app.posters_cached(tmp_path)  # the first page is in, its posters load
            reader = await Reader.connect(session_bus)
            try:
                await read_the_window(reader)
            finally:
                reader.close()
        finally:
            assert app.stop() == 0, app.log


async def read_the_window(reader: Reader) -> None:
    async def libria() -> str | None:
        return next((bus for bus, name in await reader.applications() if name == "Libria"), None)

    bus = await eventually(libria, "Libria on the accessibility bus")

    async def start_page() -> list[Node] | None:
        nodes = await reader.tree(bus)
        grid = one(nodes, "list", START)
        cards = [n for n in nodes if n.parent_name == START and n.role == "list item"]
        return nodes if grid is not None and len(cards) >= 5 else None

    nodes = await eventually(start_page, "the start page's cards")
    rail = one(nodes, "list", ROWS)
    assert rail is not None, "the rail's list is named"
    items = [n for n in nodes if n.parent_name == ROWS and n.role == "list item"]
    assert set(RAIL) <= {n.name for n in items if n.reachable}
    cards = [n for n in nodes if n.parent_name == START and n.role == "list item" and n.reachable]
    assert cards and all(n.name for n in cards)
    assert all(re.search(r"сери[йия]", n.description) for n in cards), [
        (n.name, n.description) for n in cards
    ]  # "12 серий, Онгоинг": the episodes and the status after the title
    unnamed = [f"{n.role} in {n.parent_name!r}" for n in nodes if n.reachable and not n.name]
    assert not unnamed, unnamed
    # The search page, chosen as a screen reader chooses a list's item: its field is named.
    await reader.select(rail, [n.name for n in items].index("Поиск"))

    async def search_field() -> Node | None:
        return next(
            (
                n
                for n in await reader.tree(bus)
                if n.name == "Поиск" and n.role in ("text", "entry")
            ),
            None,
        )

    field = await eventually(search_field, "the search field")
    assert field.reachable and "опечатки" in field.description  # the placeholder describes it
