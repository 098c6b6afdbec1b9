"""The question after an account's first sync here: add this computer's favourites to it?

A message box opened with `open()` (not `exec()`: a nested loop inside the asyncio loop is a
trap). "Add" and "Don't add" are answers, recorded for the account; closing the box (Esc, the
window's close button) is none, and the question comes again at the next sign-in or start."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QPushButton, QWidget

from app.core.account import AccountError
from app.services.account import AccountService
from app.services.sync import SyncService
from app.services.tasks import TaskRunner

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class MergeQuestion(QObject):
    def __init__(
        self, sync: SyncService, account: AccountService, tasks: TaskRunner, window: QWidget
    ) -> None:
        super().__init__(window)
        self._sync = sync
        self._tasks = tasks
        self._window = window
        self.box: QMessageBox | None = None
        self.add_button: QPushButton | None = None
        self.keep_button: QPushButton | None = None
        self._waiting = 0  # asked while the window was in the tray: asked once it shows
        sync.merge_question.connect(self.ask)
        account.changed.connect(self._dismiss)  # signed out, or in again: this one is moot

    def ask(self, count: int) -> None:
        self._dismiss()
        if not self._window.isVisible():  # no box popping up from the tray
            if not self._waiting:
                self._window.installEventFilter(self)
            self._waiting = count
            return
        box = QMessageBox(self._window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("MergeQuestion", "Favourites"))
        box.setText(self.question_text(count))
        box.setInformativeText(
            translate(
                "MergeQuestion",
                "If not, they stay on this computer and come back when you sign out.",
            )
        )
        self.add_button = box.addButton(
            translate("MergeQuestion", "Add"), QMessageBox.ButtonRole.AcceptRole
        )
        self.keep_button = box.addButton(
            translate("MergeQuestion", "Don't add"), QMessageBox.ButtonRole.ActionRole
        )
        # Esc and closing "click" the escape button: a hidden one, so neither counts as "no".
        unanswered = box.addButton(QMessageBox.StandardButton.Cancel)
        unanswered.hide()
        box.setEscapeButton(unanswered)
        box.setDefaultButton(self.keep_button)  # Enter keeps them apart, as in the shell
        box.finished.connect(lambda _result: self._answered(box.clickedButton()))
        box.destroyed.connect(lambda: self._forget(box))
        self.box = box
        box.open()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Show and self._waiting:
            self._window.removeEventFilter(self)
            count, self._waiting = self._waiting, 0
            QTimer.singleShot(0, lambda: self.ask(count))  # once the window is up
        return False

    def question_text(self, count: int) -> str:
        # self.tr, not translate(): lupdate recognises plural forms only there
        return self.tr("Add this computer's favourites (%n) to the account?", "", count)

    def _answered(self, button: QAbstractButton | None) -> None:
        if button is None or button not in (self.add_button, self.keep_button):
            log.info("the favourites question was closed unanswered: asked again next time")
            return
        self._tasks.run(self._settle(button is self.add_button), name="merge-answer")

    async def _settle(self, merge: bool) -> None:
        try:
            await self._sync.settle_merge(merge)
        except AccountError:  # signed out before the answer: asked at the next sign-in
            log.info("the favourites answer came after signing out: not kept")

    def _dismiss(self) -> None:
        if self._waiting:
            self._window.removeEventFilter(self)
            self._waiting = 0
        if self.box is not None:
            box, self.box = self.box, None
            box.finished.disconnect()
            box.close()

    def _forget(self, box: QMessageBox) -> None:
        if self.box is box:
            self.box = None
