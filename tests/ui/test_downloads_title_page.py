"""The title page's downloads: a season or an episode in a quality, the chosen episode's button,
and an episode on disk marked, with its file deleted from the menu."""

from __future__ import annotations

import pytest

from app.core import Quality
from app.core.download import DownloadState
from app.services.context import AppServices
from app.ui.main_window import MainWindow
from tests.ui.conftest import until
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
from tests.ui.fake_downloads import FakeDownloads


async def test_the_title_page_downloads_a_season_or_an_episode_in_a_quality(
    window: MainWindow, services: AppServices, downloads: FakeDownloads
) -> None:
    title = await services.catalog.title(id=9005)
    window.open_title(title)
    actions = window.title_page.view.episode_actions
    await until(lambda: actions.download_button.isVisible())
    assert actions.download_button.text() == "Скачать сезон"
    assert not actions.delete_button.isVisible()
    menu = actions.menu_for(0)
    assert menu is not None
    assert texts(menu) == ["Смотреть", "Скачать", "Скачать в качестве"]
    qualities = submenu(menu, "Скачать в качестве")
    assert texts(qualities) == ["1080p", "720p", "480p"]
    action(qualities, "720p").trigger()
    await until(lambda: downloads.calls)
    assert downloads.calls[-1] == ("add", title.id, [1.0], Quality.HD)
    await until(lambda: badge(window, 1) == "в очереди")
    assert window.statusBar().currentMessage() == "В загрузки добавлена 1 серия"
    action(actions.menu_for(1), "Скачать").trigger()
    await until(lambda: len(downloads.calls) == 2)
    assert downloads.calls[-1] == ("add", title.id, [2.0], None)  # the setting's quality
    actions.download_button.click()
    await until(lambda: len(downloads.calls) == 3)
    assert downloads.calls[-1] == ("add", title.id, None, None)  # every released episode
    await until(lambda: actions.delete_button.isVisible())
    assert window.statusBar().currentMessage() == "В загрузки добавлено 6 серий"
    actions.download_button.click()  # nothing new to queue: said so
    await until(lambda: window.statusBar().currentMessage() == "Уже скачано или в очереди")


async def test_the_chosen_episode_downloads_from_its_button(
    window: MainWindow, services: AppServices, downloads: FakeDownloads
) -> None:
    title = await services.catalog.title(id=9005)
    window.open_title(title)
    actions = window.title_page.view.episode_actions
    episodes = actions.episodes
    await until(lambda: actions.episode_button.isVisible())
    assert actions.episode_button.text() == "Скачать серию"
    assert not actions.episode_button.isEnabled()  # nothing chosen yet
    episodes.setCurrentRow(2)  # as arrows or a click choose it
    assert actions.episode_button.isEnabled()
    actions.episode_button.click()
    await until(lambda: downloads.calls)
    assert downloads.calls[-1] == ("add", title.id, [3.0], None)
    # On its way now: the button has nothing left to do for it.
    await until(lambda: not actions.episode_button.isEnabled())


async def test_an_episode_on_disk_is_marked_and_its_file_can_be_deleted(
    window: MainWindow, services: AppServices, downloads: FakeDownloads
) -> None:
    title = await services.catalog.title(id=9005)
    on_disk = downloads.put(downloads.make(title, 1, DownloadState.DONE, size=300 * MB))
    coming = downloads.put(downloads.make(title, 2, DownloadState.DOWNLOADING))
    window.open_title(title)
    actions = window.title_page.view.episode_actions
    await until(lambda: badge(window, 1) == "на диске")
    episodes = window.title_page.view.episodes
    assert episode_text(window, 0) == "Серия 1"  # the badge is on the still, not in the text
    assert episodes.item(0).toolTip().startswith("на диске")
    badged = still(window, 0)
    assert badge(window, 3) == ""
    assert badge(window, 2) == "загрузка"
    downloads.report(coming.id, 0.3)
    assert badge(window, 2) == "30 %"
    progress = episodes.badge(2.0)
    assert progress is not None and progress.fraction == pytest.approx(0.3)
    assert actions.delete_button.isVisible() and actions.delete_button.text() == "Удалить скачанное"
    menu = actions.menu_for(0)
    assert texts(menu) == ["Смотреть", "Удалить файл", "Открыть папку", "Удалить скачанное"]
    assert texts(actions.menu_for(1)) == [
        "Смотреть", "Приостановить загрузку", "Отменить загрузку", "Удалить скачанное",
    ]  # fmt: skip
    action(menu, "Удалить файл").trigger()
    question = actions.question
    assert question is not None and question.text() == "Удалить файл серии 1?"
    next(b for b in question.buttons() if b.text() == "Удалить").click()
    await until(lambda: badge(window, 1) == "")
    assert still(window, 0) != badged  # the still without its badge
    assert downloads.calls[-1] == ("delete", on_disk.id)
    actions.delete_button.click()
    question = actions.question
    assert question is not None and title.names.ru in question.text()
    next(b for b in question.buttons() if b.text() == "Удалить").click()
    await until(lambda: not actions.delete_button.isVisible())
    assert downloads.calls[-1] == ("delete_title", title.id)
    assert badge(window, 2) == ""
