"""Showing announcements: a desktop notification over D-Bus where a server is there, else the
tray's balloon, else a notice inside the window. Actions come back as requests to watch an
episode, open a title, or open the window."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.services.announcer import Announcement, NewEpisode
from app.services.posters import PosterService
from app.services.tasks import TaskRunner
from app.ui import labels

if TYPE_CHECKING:  # dbus-fast loads when notifications start, not with the app
    from app.desktop.notifications import DesktopNotifications

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
WATCH_ACTION = "watch"
DEFAULT_ACTION = "default"  # the spec's id for a click on the notification's body
NAMES_IN_SUMMARY = 4


class Texts(QObject):
    """Plural forms: lupdate recognises numerus only in self.tr(text, "", n) calls."""

    def new_episodes(self, count: int) -> str:
        return self.tr("%n new episode(s)", "", count)

    def and_more(self, count: int) -> str:
        return self.tr("and %n more", "", count)


def item_line(item: NewEpisode) -> str:
    name = labels.name(item.title.names) or f"#{item.title.id}"
    return f"{name} — {labels.episode(item.episode.number).lower()}"


def describe(announcement: Announcement) -> tuple[str, str]:
    """The notification's summary and body (plain text: the sink escapes it if need be)."""
    items = announcement.items
    if len(items) == 1:
        item = items[0]
        name = labels.name(item.title.names) or f"#{item.title.id}"
        body = translate("Notifications", "%1 is out").replace(
            "%1", labels.episode(item.episode.number)
        )
        return name, body
    texts = Texts()
    lines = [item_line(item) for item in reversed(items[-NAMES_IN_SUMMARY:])]
    if len(items) > NAMES_IN_SUMMARY:
        lines.append(texts.and_more(len(items) - NAMES_IN_SUMMARY))
    return texts.new_episodes(len(items)), "\n".join(lines)


class NotificationPresenter(QObject):
    watch_requested = Signal(object)  # NewEpisode
    open_title_requested = Signal(object)  # NewEpisode
    open_window_requested = Signal()
    in_app_requested = Signal(str, object)  # text, Announcement
    tray_message = Signal(str, str)  # summary, body: the tray shows it
    notice_clicked = Signal()  # a plain notice (e.g. downloads finished) was clicked
    in_app_notice = Signal(str)  # a plain notice's text, with neither a desktop server nor a tray

    def __init__(
        self, posters: PosterService, tasks: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._posters = posters
        self._tasks = tasks
        self._desktop: DesktopNotifications | None = None
        self.has_tray = False
        self._lock = asyncio.Lock()  # one notification call at a time: ids come back in order
        self._ids_by_burst: dict[int, int] = {}
        self._by_id: dict[int, Announcement] = {}
        self._notices: set[int] = set()  # ids of plain notices on the desktop
        self.last_shown: Announcement | None = None
        self.last_was_notice = False  # what the tray's balloon showed last

    async def start(self, desktop: DesktopNotifications) -> None:
        """Uses the desktop's notification server when there is one."""
        desktop.on_action = self._action
        desktop.on_closed = self._closed
        if await desktop.connect():
            self._desktop = desktop

    @property
    def uses_desktop(self) -> bool:
        return self._desktop is not None and self._desktop.available

    def show(self, announcement: Announcement) -> None:
        self._tasks.run(self._show(announcement))

    async def _show(self, announcement: Announcement) -> None:
        async with self._lock:
            self.last_shown = announcement
            self.last_was_notice = False
            summary, body = describe(announcement)
            if self.uses_desktop and await self._show_on_desktop(announcement, summary, body):
                return
            if self.has_tray:
                self.tray_message.emit(summary, body)
                return
            self.in_app_requested.emit(f"{summary}: {body}".replace("\n", "; "), announcement)

    async def _show_on_desktop(self, announcement: Announcement, summary: str, body: str) -> bool:
        assert self._desktop is not None
        single = len(announcement.items) == 1
        actions = [(DEFAULT_ACTION, translate("Notifications", "Open"))]
        if single:
            actions.append((WATCH_ACTION, translate("Notifications", "Watch")))
        image = None
        if single:
            image = await self._posters.file(announcement.items[0].title.poster.thumbnail)
        try:
            notification_id = await self._desktop.notify(
                summary,
                body,
                actions=actions,
                image=image,
                replaces=self._ids_by_burst.get(announcement.burst, 0),
            )
        except Exception as error:  # the server went away: fall back for this and later ones
            log.warning("desktop notification failed (%s); falling back", error)
            self._desktop.disconnect()
            return False
        self._ids_by_burst[announcement.burst] = notification_id
        self._by_id[notification_id] = announcement
        return True

    def notice(self, summary: str, body: str) -> None:
        """A plain notice by the same path as announcements: desktop, else tray, else in-app."""
        self._tasks.run(self._notice(summary, body))

    async def _notice(self, summary: str, body: str) -> None:
        async with self._lock:
            self.last_was_notice = True
            if self.uses_desktop:
                assert self._desktop is not None
                actions = [(DEFAULT_ACTION, translate("Notifications", "Open"))]
                try:
                    self._notices.add(await self._desktop.notify(summary, body, actions=actions))
                    return
                except Exception as error:  # as for announcements: fall back from now on
                    log.warning("desktop notification failed (%s); falling back", error)
                    self._desktop.disconnect()
            if self.has_tray:
                self.tray_message.emit(summary, body)
                return
            self.in_app_notice.emit(f"{summary}: {body}" if body else summary)

    def tray_clicked(self) -> None:
        """The tray's balloon was clicked: whatever it showed last."""
        if self.last_was_notice:
            self.notice_clicked.emit()
        elif self.last_shown is not None:
            self.act(self.last_shown)

    def _action(self, notification_id: int, action: str) -> None:
        if notification_id in self._notices:
            self.notice_clicked.emit()
            return
        announcement = self._by_id.get(notification_id)
        if announcement is not None:
            self.act(announcement, action)

    def act(self, announcement: Announcement, action: str = DEFAULT_ACTION) -> None:
        """What a click does: Watch plays; the body opens the title (or the window, for many)."""
        if len(announcement.items) != 1:
            self.open_window_requested.emit()
        elif action == WATCH_ACTION:
            self.watch_requested.emit(announcement.items[0])
        else:
            self.open_title_requested.emit(announcement.items[0])

    def _closed(self, notification_id: int) -> None:
        self._notices.discard(notification_id)
        announcement = self._by_id.pop(notification_id, None)
        if (
            announcement is not None
            and self._ids_by_burst.get(announcement.burst) == notification_id
        ):
            del self._ids_by_burst[announcement.burst]

    def close(self) -> None:
        if self._desktop is not None:
            self._desktop.disconnect()
