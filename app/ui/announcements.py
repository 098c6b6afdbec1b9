"""Connects live updates to what the user sees: views refresh, announcements become notifications
(desktop, tray or in-app), and clicks on them play or open what they announce."""

from __future__ import annotations

from app.core.identity import APP_ID, APP_NAME
from app.core.paths import resources_dir
from app.services.announcer import Announcement, NewEpisode
from app.services.context import AppServices
from app.ui.appearance import Appearance
from app.ui.downloads.notices import DownloadNotices
from app.ui.main_window import MainWindow
from app.ui.notifications import NotificationPresenter
from app.ui.tray import Tray
from app.ui.tray_notice import warn_without_tray


class Announcements:
    def __init__(self, services: AppServices, window: MainWindow, tray: Tray | None) -> None:
        self.services = services
        self.window = window
        self.tray = tray
        self.presenter = NotificationPresenter(services.posters, services.tasks, window)
        self.presenter.has_tray = tray is not None
        self._last_in_app: Announcement | None = None
        self.appearance = Appearance(services.settings, window)  # the setting, before the show

        announcer = services.announcer
        announcer.announced.connect(self.presenter.show)
        self.presenter.watch_requested.connect(self.watch)
        self.presenter.open_title_requested.connect(self.open_title)
        self.presenter.open_window_requested.connect(self.open_window)
        self.presenter.in_app_requested.connect(self._in_app)
        self.presenter.in_app_notice.connect(self._in_app_notice)
        self.presenter.notice_clicked.connect(self.open_downloads)
        window.banners.news_clicked.connect(self._in_app_clicked)
        services.settings.on_change("notifications", self._notifications_changed)
        if tray is not None:
            self.presenter.tray_message.connect(tray.show_message)
            tray.message_clicked.connect(self.presenter.tray_clicked)
            tray.watch_requested.connect(self.watch)
            tray.pause_toggled.connect(
                lambda paused: services.settings.set("notifications", not paused)
            )
            tray.set_paused(not services.settings.get("notifications"))
            announcer.recent_changed.connect(lambda: tray.show_episodes(announcer.recent))
        else:
            warn_without_tray(window, services.settings)  # unless the window has said so

        self.download_notices = None
        if window.downloads is not None:
            self.download_notices = DownloadNotices(
                window.downloads, window.download_status, services.settings, self.presenter, tray,
                parent=window,
            )  # fmt: skip

    async def start(self) -> None:
        from app.desktop.notifications import DesktopNotifications  # dbus-fast loads here

        icon = str(resources_dir() / "icons" / "libria.svg")
        # The desktop's wishes for the look: beside the notifications, never in their way.
        self.services.tasks.run(self.appearance.start(), name="appearance")
        await self.presenter.start(DesktopNotifications(APP_NAME, APP_ID, icon))
        self.services.start_listening()

    def watch(self, item: NewEpisode) -> None:
        """ "Смотреть": the session plays it (the window shows the player when asked to play)."""
        self.window.bring_to_front()
        self.services.playback.resume(item.title.id, item.episode.number)

    def open_title(self, item: NewEpisode) -> None:
        self.window.bring_to_front()
        self.window.open_title(item.title)

    def open_window(self) -> None:
        self.window.bring_to_front()
        self.window.show_page("updates")

    def open_downloads(self) -> None:
        self.window.bring_to_front()
        self.window.show_page("downloads")

    def _in_app(self, text: str, announcement: Announcement) -> None:
        self._last_in_app = announcement
        self.window.banners.show_news(text, can_watch=len(announcement.items) == 1)

    def _in_app_notice(self, text: str) -> None:
        self._last_in_app = None  # the banner's button opens the downloads now
        self.window.banners.show_news(text, can_watch=False)

    def _in_app_clicked(self) -> None:
        if self._last_in_app is not None:
            self.presenter.act(self._last_in_app, "watch")
        else:
            self.open_downloads()

    def _notifications_changed(self, on: object) -> None:
        if self.tray is not None:
            self.tray.set_paused(not on)

    def close(self) -> None:
        self.appearance.close()
        self.presenter.close()
