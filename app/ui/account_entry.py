"""The rail's account button: "Sign in" (opens the sign-in dialog) or who is signed in (a menu to
sign out); hidden where the API has no accounts (v2). An expired session is said in a banner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from app.services.account import AccountService
from app.services.tasks import TaskRunner
from app.ui.widgets.banner import Banner

if TYPE_CHECKING:
    from app.ui.sign_in_dialog import SignInDialog

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class AccountEntry(QObject):
    def __init__(
        self,
        account: AccountService,
        tasks: TaskRunner,
        button: QPushButton,
        warning: Banner,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._account = account
        self._tasks = tasks
        self._button = button
        self._warning = warning
        self._window = window
        self._menu = QMenu(window)
        self.sign_out_action = QAction(self._menu)
        self.sign_out_action.triggered.connect(self.sign_out)
        self._menu.addAction(self.sign_out_action)
        button.clicked.connect(self._clicked)
        self._offered_in_banner = False
        warning.action.connect(self._banner_clicked)
        self.dialog: SignInDialog | None = None
        account.changed.connect(self.refresh)
        account.expired.connect(self._expired)
        self.refresh()

    def refresh(self) -> None:
        self._button.setVisible(self._account.available)
        profile = self._account.profile
        if profile is None:
            self._button.setText(translate("AccountEntry", "Sign in to AniLibria"))
            self._button.setToolTip("")
        else:
            self._button.setText(profile.shown_name)
            self._button.setToolTip(translate("AccountEntry", "Signed in to AniLibria"))
        self.sign_out_action.setText(translate("AccountEntry", "Sign out"))

    def _clicked(self) -> None:
        if self._account.signed_in:
            self._menu.popup(self._button.mapToGlobal(self._button.rect().topLeft()))
            return
        self.open_sign_in()

    def open_sign_in(self) -> None:
        from app.ui.sign_in_dialog import SignInDialog  # built when asked for, not at start-up

        dialog = SignInDialog(self._account, self._tasks, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # not exec(): a nested loop inside the asyncio loop is a trap
        self.dialog = dialog
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))

    def sign_out(self) -> None:
        self._tasks.run(self._account.sign_out(), name="sign-out")

    def _banner_clicked(self) -> None:
        if self._offered_in_banner:  # the banner also says other things, with other buttons
            self._offered_in_banner = False
            self._warning.hide()
            self.open_sign_in()

    def _expired(self) -> None:
        self._offered_in_banner = True
        self._warning.show_message(
            translate("AccountEntry", "The session expired — sign in again."),
            translate("AccountEntry", "Sign in"),
        )
        self.refresh()
