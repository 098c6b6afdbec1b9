"""The kept record follows the start page while the app runs: a favourite's star on the first
screen and a title the refresh brings to the top reach the record a moment later."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.core import Title
from app.demo import DemoServerThread
from app.ui.first_paint import FILE_NAME, freshness
from app.ui.first_paint.freshness import KeptFresh
from app.ui.i18n import install_language
from app.ui.main_window import MainWindow
from tests.qt_loop import until
from tests.ui.conftest import close_window
from tests.ui.kept_session import services_for, shown_with_posters_on_disk


def _first_card(record: Path) -> dict[str, Any]:
    try:
        face: dict[str, Any] = json.loads(record.read_text(encoding="utf-8"))["cards"][0]["face"]
    except (OSError, ValueError):  # not written yet
        return {}
    return face


async def test_the_record_follows_the_first_screen(
    demo_thread: DemoServerThread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(freshness, "REWRITE_AFTER_MS", 100)
    install_language("ru")
    services = services_for(demo_thread, tmp_path)
    await services.start()
    window = MainWindow(services)  # at the size it is made with: only that is kept
    window.show()
    record = tmp_path / "cache" / FILE_NAME
    try:
        page = await shown_with_posters_on_disk(window, tmp_path / "cache")
        KeptFresh(window, tmp_path / "cache")
        first = page.model.item(0)
        assert isinstance(first, Title)
        await until(lambda: _first_card(record).get("name") == first.names.ru)
        assert _first_card(record)["favourite"] is False

        window.favourites.set(first, True)
        await until(lambda: _first_card(record).get("favourite") is True, message="no star kept")

        shown = {item.id for item in page.model.items()}
        titles = demo_thread.server.catalog.titles.values()
        newer = next(t for t in titles if t.status == 1 and t.id not in shown)
        demo_thread.call(demo_thread.server.push_episode(newer.id))
        services.catalog.updates.refresh()
        await until(
            lambda: isinstance(page.model.item(0), Title) and page.model.item(0).id == newer.id
        )
        fresh = page.model.item(0)
        assert isinstance(fresh, Title)

        def new_first_kept() -> bool:  # once its poster is on disk too
            return _first_card(record).get("name") == fresh.names.ru

        await until(new_first_kept, within=20, message="the refreshed page was not kept")
    finally:
        await close_window(window)
        await services.shutdown()
