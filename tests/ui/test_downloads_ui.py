"""Downloads in the window, over an in-memory queue (tests/ui/fake_downloads.py): the page's rows
in every state and both languages, progress in the rows and the rail, the page's actions, the
the batch's notification, the tray's
tooltip and the settings' rows. The demo server (v2) supplies the titles."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core import Title
from app.core.download import DownloadItem, DownloadState
from app.core.settings import OPTIONS
from app.services.context import AppServices
from app.services.state import LoadState
from app.ui.announcements import Announcements
from app.ui.downloads.model import Column
from app.ui.i18n import install_language
from app.ui.main_window import MainWindow
from app.ui.pages import downloads_page
from app.ui.pages.downloads_page import Act, DownloadsPage
from app.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import close_window, until
from tests.ui.downloads_window import (  # noqa: F401 (fixtures)
    MB,
    action,
    api_kind,
    badge,
    downloads,
    english,
    episode_text,
    still,
    submenu,
    texts,
    window,
)
from tests.ui.fake_downloads import DOWNLOAD_OPTIONS, FakeDownloads


def one_of_each(downloads: FakeDownloads, title: Title) -> dict[DownloadState, DownloadItem]:
    """Episodes 1-5 of the title: queued, downloading (45 %), paused, failed, done."""
    made = {
        DownloadState.QUEUED: downloads.make(title, 1),
        DownloadState.DOWNLOADING: downloads.make(title, 2, DownloadState.DOWNLOADING),
        DownloadState.PAUSED: downloads.make(title, 3, DownloadState.PAUSED, size=40 * MB),
        DownloadState.FAILED: downloads.make(
            title, 4, DownloadState.FAILED, reason="no space left on the disk"
        ),
        DownloadState.DONE: downloads.make(title, 5, DownloadState.DONE, size=312 * MB),
    }
    for item in made.values():
        downloads.put(item)
    downloads.report(made[DownloadState.DOWNLOADING].id, 0.45)
    return made


def cell(page: DownloadsPage, item: DownloadItem, column: Column) -> str:
    row = page.model.row_of(item.id)
    assert row is not None, f"no row for {item}"
    return str(page.model.index(row, column).data())


def rail_text(window: MainWindow) -> str:
    return window.rail.item("downloads").text()


async def open_page(window: MainWindow) -> DownloadsPage:
    window.show_page("downloads")
    return window.page_for("downloads", DownloadsPage)


async def test_the_page_shows_every_state_in_russian_and_english(
    window: MainWindow, services: AppServices, downloads: FakeDownloads
) -> None:
    page = await open_page(window)
    assert page.state.state is LoadState.EMPTY
    assert page.state.title_label.text() == "Здесь появятся скачанные серии"
    title = await services.catalog.title(id=9005)
    made = one_of_each(downloads, title)
    assert page.state.currentWidget() is page.table
    assert [item.episode for item in page.model.items()] == [1, 2, 3, 4, 5]
    states = [cell(page, made[s], Column.STATE) for s in DownloadState]
    assert states == ["В очереди", "Загружается", "Пауза", "Ошибка: no space left on the disk",
                      "Готово"]  # fmt: skip
    downloading, done = made[DownloadState.DOWNLOADING], made[DownloadState.DONE]
    assert cell(page, downloading, Column.PROGRESS) == "45 %"
    assert cell(page, downloading, Column.SIZE) == "135 МБ из 300 МБ"
    assert cell(page, downloading, Column.SPEED) == "2.4 МБ/с"
    assert cell(page, downloading, Column.LEFT) == "1 мин"  # 165 MB at 2.4 MB/s
    assert cell(page, done, Column.SIZE) == "312 МБ"
    assert cell(page, done, Column.PROGRESS) == "100 %"
    assert cell(page, made[DownloadState.PAUSED], Column.SPEED) == ""
    assert cell(page, done, Column.NAME) == title.names.ru
    await until(lambda: rail_text(window) == "Загрузки 15 %")  # 45 % of one of three active
    install_language("en")
    try:
        await until(lambda: page.heading.text() == "Downloads")  # the page's retranslation
        states = [cell(page, made[s], Column.STATE) for s in DownloadState]
        assert states == ["Queued", "Downloading", "Paused", "Failed: no space left on the disk",
                          "Done"]  # fmt: skip
        assert cell(page, downloading, Column.SIZE) == "135 MB of 300 MB"
        assert page.model.headerData(Column.LEFT, Qt.Orientation.Horizontal) == "Time left"
        assert page.acts[Act.DELETE].text() == "Delete file"
        assert rail_text(window) == "Downloads 15 %"
    finally:
        install_language("ru")


async def test_the_page_reads_the_rows_again_while_it_is_shown(
    window: MainWindow, downloads: FakeDownloads, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(downloads_page, "REFRESH_MS", 20)
    assert downloads.refreshes == 0  # nothing read while the page was never shown
    page = await open_page(window)
    assert downloads.refreshes == 1  # at once: another process may have changed them
    await until(lambda: downloads.refreshes >= 3)  # and every so often while shown
    window.show_page("updates")
    assert not page.isVisible() and not page.refresh_timer.isActive()  # not while hidden
    shown = downloads.refreshes
    downloads.finish_batch()  # this window's queue ran dry: once more, shown or not
    assert downloads.refreshes == shown + 1
    window.show_page("downloads")
    assert downloads.refreshes == shown + 2


async def test_progress_moves_the_row_the_rail_and_the_done_state(
    window: MainWindow, services: AppServices, downloads: FakeDownloads
) -> None:
    assert rail_text(window) == "Загрузки"
    page = await open_page(window)
    title = await services.catalog.title(id=9005)
    first = downloads.put(downloads.make(title, 1, DownloadState.DOWNLOADING))
    second = downloads.put(downloads.make(title, 2))
    downloads.report(first.id, 0.5)
    assert cell(page, first, Column.PROGRESS) == "50 %"
    await until(lambda: rail_text(window) == "Загрузки 25 %")  # half of one of two
    downloads.report(first.id, 0.9)
    assert cell(page, first, Column.PROGRESS) == "90 %"
    await until(lambda: rail_text(window) == "Загрузки 45 %")
    downloads.set_state(first.id, DownloadState.DONE, size=300 * MB)
    assert cell(page, first, Column.STATE) == "Готово"
    assert cell(page, first, Column.SPEED) == ""
    await until(lambda: rail_text(window) == "Загрузки 50 %")  # one of two done
    downloads.set_state(second.id, DownloadState.DONE, size=300 * MB)
    await until(lambda: rail_text(window) == "Загрузки")  # nothing active: just the name


async def test_the_page_acts_on_the_selected_rows(
    window: MainWindow, services: AppServices, downloads: FakeDownloads,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    page = await open_page(window)
    made = one_of_each(downloads, await services.catalog.title(id=9005))
    downloading, failed = made[DownloadState.DOWNLOADING], made[DownloadState.FAILED]
    page.select(downloading.id)
    enabled = {act for act, action in page.acts.items() if action.isEnabled()}
    assert enabled == {Act.PAUSE, Act.CANCEL, Act.DELETE, Act.FOLDER}
    menu = page.context_menu()
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "Пауза", "Отменить загрузку", "Удалить файл", "Открыть папку",
    ]  # fmt: skip
    page.acts[Act.PAUSE].trigger()
    assert downloads.calls[-1] == ("pause", downloading.id)
    assert cell(page, downloading, Column.STATE) == "Пауза"
    assert page.acts[Act.RESUME].isEnabled() and not page.acts[Act.PAUSE].isEnabled()
    page.acts[Act.RESUME].trigger()
    assert downloads.calls[-1] == ("resume", downloading.id)
    page.select(failed.id)
    page.acts[Act.RETRY].trigger()
    assert downloads.calls[-1] == ("retry", failed.id)
    assert cell(page, failed, Column.STATE) == "В очереди"
    page.select(made[DownloadState.QUEUED].id, failed.id)
    page.acts[Act.CANCEL].trigger()
    assert downloads.calls[-2:] == [
        ("cancel", made[DownloadState.QUEUED].id),
        ("cancel", failed.id),
    ]
    assert page.model.row_of(failed.id) is None
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page.select(made[DownloadState.DONE].id)
    page.acts[Act.FOLDER].trigger()
    assert opened == [QUrl.fromLocalFile(str(downloads.folder_of(made[DownloadState.DONE].id)))]


async def test_deleting_asks_first_from_the_button_and_the_delete_key(
    window: MainWindow, services: AppServices, downloads: FakeDownloads
) -> None:
    page = await open_page(window)
    made = one_of_each(downloads, await services.catalog.title(id=9005))
    done = made[DownloadState.DONE]
    page.select(done.id)
    page.acts[Act.DELETE].trigger()
    question = page.question
    assert question is not None and question.isVisible()
    assert question.text() == f"Удалить файл «{done.title_name}», серия 5?"
    question.button(QMessageBox.StandardButton.Cancel).click()
    await until(lambda: not question.isVisible())
    assert ("delete", done.id) not in downloads.calls
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    question = page.question
    assert question is not None and question.isVisible()
    delete = next(b for b in question.buttons() if b.text() == "Удалить")
    delete.click()
    await until(lambda: page.model.row_of(done.id) is None)
    assert downloads.calls[-1] == ("delete", done.id)
    paused, queued = made[DownloadState.PAUSED], made[DownloadState.QUEUED]
    page.select(paused.id, queued.id)
    page.delete_selected()
    assert page.question is not None
    assert page.question.text() == "Удалить файлы выбранных серий (2)?"


async def test_enter_and_play_start_a_done_episode_as_the_title_page_does(
    services: AppServices, downloads: FakeDownloads, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[int, float]] = []
    monkeypatch.setattr(services.playback, "resume", lambda tid, n: asked.append((tid, n)))
    main = MainWindow(services, downloads=downloads)  # the page's kit takes the patched resume
    main.show()
    try:
        page = await open_page(main)
        made = one_of_each(downloads, await services.catalog.title(id=9005))
        page.select(made[DownloadState.QUEUED].id)
        QTest.keyClick(page.table, Qt.Key.Key_Return)
        assert asked == []  # not on disk yet
        assert not page.acts[Act.PLAY].isEnabled()
        page.select(made[DownloadState.DONE].id)
        QTest.keyClick(page.table, Qt.Key.Key_Return)
        assert asked == [(9005, 5.0)]
        page.acts[Act.PLAY].trigger()
        assert asked == [(9005, 5.0), (9005, 5.0)]
    finally:
        await close_window(main)


class FakeDesktop:
    """The notification server's side of DesktopNotifications: it records what is shown."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.on_action = None
        self.on_closed = None
        self.available = True

    async def connect(self) -> bool:
        return True

    async def notify(self, summary: str, body: str, **_kwargs: object) -> int:
        self.shown.append((summary, body))
        return len(self.shown)

    def disconnect(self) -> None:
        self.available = False


async def test_a_finished_batch_is_notified_and_the_tray_shows_progress(
    window: MainWindow, services: AppServices, downloads: FakeDownloads
) -> None:
    from app.ui.tray import Tray, tray_icon

    tray = Tray(tray_icon())
    announcements = Announcements(services, window, tray)
    desktop = FakeDesktop()
    await announcements.presenter.start(desktop)  # type: ignore[arg-type]
    assert tray.icon.toolTip() == "Libria"
    title = await services.catalog.title(id=9005)
    items = [downloads.put(downloads.make(title, n)) for n in (1, 2, 3)]
    downloads.set_state(items[0].id, DownloadState.DONE)
    downloads.report(items[1].id, 0.5)
    await until(lambda: tray.icon.toolTip() == "Libria\nЗагрузки: 1 из 3, 50 %")
    downloads.batch_done = 10
    downloads.finish_batch(failed=2)
    await until(lambda: desktop.shown)
    assert desktop.shown == [("Загрузка завершена: 10 серий", "с ошибкой: 2")]
    assert desktop.on_action is not None
    desktop.on_action(1, "default")  # a click on it opens the downloads
    assert window.stack.currentWidget() is window.page_for("downloads", DownloadsPage)
    services.settings.set("notifications", False)
    downloads.batch_done = 1
    downloads.finish_batch()
    downloads.batch_done = 1
    services.settings.set("notifications", True)
    downloads.finish_batch()
    await until(lambda: len(desktop.shown) == 2)  # only the one told with notifications on
    assert desktop.shown[1] == ("Загрузка завершена: 1 серия", "")
    announcements.close()


async def test_without_desktop_or_tray_a_finished_batch_is_told_in_the_window(
    window: MainWindow, services: AppServices, downloads: FakeDownloads, english: None
) -> None:
    announcements = Announcements(services, window, tray=None)
    downloads.finish_batch(failed=3)
    banner = window.banners.news
    await until(lambda: banner.isVisible())
    assert banner.label.text() == "Download failed: 3 episodes"
    banner.button.click()
    assert window.stack.currentWidget() is window.page_for("downloads", DownloadsPage)
    announcements.close()


@pytest.fixture
def download_options(monkeypatch: pytest.MonkeyPatch) -> None:
    """The downloads' settings, where this tree's schema does not have them yet."""
    for option in DOWNLOAD_OPTIONS:
        if option.key not in OPTIONS:
            monkeypatch.setitem(OPTIONS, option.key, option)


async def test_the_settings_choose_the_folder_quality_and_automatic_downloads(
    window: MainWindow, services: AppServices, download_options: None, tmp_path: Path
) -> None:
    dialog = SettingsDialog(services.settings, window)
    dialog.open()
    fields = dialog.downloads
    assert fields is not None
    assert fields.folder.text() == "" and fields.folder.placeholderText().endswith("Libria")
    assert [fields.quality.itemText(i) for i in range(fields.quality.count())] == [
        "Как при просмотре", "Full HD (1080p)", "HD (720p)", "SD (480p)",
    ]  # fmt: skip
    fields.choose.click()
    chooser = fields.folder_dialog
    assert isinstance(chooser, QFileDialog) and chooser.isVisible()  # open(), not exec()
    chooser.fileSelected.emit(str(tmp_path / "Аниме"))
    chooser.reject()
    assert fields.folder.text() == str(tmp_path / "Аниме")
    fields.quality.setCurrentIndex(fields.quality.findData("hd"))
    fields.auto.setChecked(True)
    dialog.accept()
    assert services.settings.get("download_dir") == str(tmp_path / "Аниме")
    assert services.settings.get("download_quality") == "hd"
    assert services.settings.get("auto_download_favourites") is True
