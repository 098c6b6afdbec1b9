"""Shutdown and the kept record: a window that cannot be captured as it is now (maximised,
resized) leaves the record as written, so the next start is warm, unless the start page has
changed since it was written; then an older record would show a page no longer the first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize

from app.core import Title
from app.demo import DemoServerThread
from app.ui.first_paint import FILE_NAME
from app.ui.first_paint.capture import captured
from app.ui.first_paint.freshness import KeptFresh, keep_at_exit
from app.ui.i18n import install_language
from app.ui.main_window import MainWindow
from tests.qt_loop import until
from tests.ui.conftest import close_window
from tests.ui.kept_session import services_for, shown_with_posters_on_disk


async def test_a_resized_window_keeps_the_record_until_the_page_changes(
    demo_thread: DemoServerThread, tmp_path: Path
) -> None:
    install_language("ru")
    services = services_for(demo_thread, tmp_path)
    await services.start()
    window = MainWindow(services)  # at the size it is made with: only that is kept
    window.show()
    cache = tmp_path / "cache"
    record = cache / FILE_NAME
    try:
        page = await shown_with_posters_on_disk(window, cache)
        fresh = KeptFresh(window, cache)
        await until(record.is_file, message="the first page was not kept")
        written = record.read_bytes()

        window.resize(window.size() - QSize(160, 90))  # as a user leaves it (or maximised)
        await until(lambda: captured(window) is None)
        keep_at_exit(window, cache)
        assert record.read_bytes() == written  # the next start is warm

        first = page.model.item(0)
        assert isinstance(first, Title)
        window.favourites.set(first, True)  # a star on the first screen: the record is old
        await until(lambda: fresh.stale, message="the change was not noticed")
        keep_at_exit(window, cache)
        assert not record.exists()
    finally:
        await close_window(window)
        await services.shutdown()
