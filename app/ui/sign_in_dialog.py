"""Signing in to the AniLibria account: by a code confirmed on another device (the default, as TV
apps do), or by login and password. Not modal: the window stays usable while a code waits."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.account import AccountError, SignInCode, SignInRefused
from app.services.account import AccountService
from app.services.tasks import TaskRunner
from app.ui import accessible

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class SignInDialog(QDialog):
    def __init__(self, account: AccountService, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self._account = account
        self._tasks = tasks
        self._code: SignInCode | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(self._code_tab(), "")
        self.tabs.addTab(self._password_tab(), "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._show_time_left)
        self.retranslate()
        self.new_code()

    def _code_tab(self) -> QWidget:
        tab = QWidget()
        self.code_label = QLabel("…")
        self.code_label.setObjectName("signInCode")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.code_label.font()
        font.setPointSizeF(font.pointSizeF() * 3.5)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_hint = QLabel()
        self.code_hint.setWordWrap(True)
        self.code_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.time_left = QLabel()
        self.time_left.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.new_code_button = QPushButton()
        self.new_code_button.clicked.connect(self.new_code)
        self.new_code_button.hide()
        column = QVBoxLayout(tab)
        for widget in (self.code_label, self.code_hint, self.time_left, self.new_code_button):
            column.addWidget(widget)
        return tab

    def _password_tab(self) -> QWidget:
        tab = QWidget()
        self.login_field = QLineEdit()
        self.password_field = QLineEdit()
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.sign_in_button = QPushButton()
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.sign_in_with_password)
        self.password_field.returnPressed.connect(self.sign_in_with_password)
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.login_label, self.password_label = QLabel(), QLabel()
        self.login_label.setBuddy(self.login_field)
        self.password_label.setBuddy(self.password_field)
        for label, field in ((self.login_label, self.login_field),
                             (self.password_label, self.password_field)):  # fmt: skip
            field.ensurePolished()  # the theme's padding counts in its height
            label.setMinimumHeight(field.sizeHint().height())  # the words level with the field
        form = QFormLayout(tab)
        form.addRow(self.login_label, self.login_field)
        form.addRow(self.password_label, self.password_field)
        form.addRow(self.sign_in_button)
        form.addRow(self.message)
        return tab

    def retranslate(self) -> None:
        self.setWindowTitle(translate("SignInDialog", "Sign in to AniLibria"))
        self.tabs.setTabText(0, translate("SignInDialog", "By code"))
        self.tabs.setTabText(1, translate("SignInDialog", "Login and password"))
        accessible.name(self.tabs, translate("SignInDialog", "How to sign in"))
        self.code_label.setAccessibleDescription(translate("SignInDialog", "The code to confirm"))
        hint = translate(
            "SignInDialog", "Confirm this code on anilibria.top or in the AniLibria app."
        )
        self.code_hint.setText(hint)
        self.new_code_button.setText(translate("SignInDialog", "New code"))
        self.sign_in_button.setText(translate("SignInDialog", "Sign in"))
        self.login_label.setText(translate("SignInDialog", "Login"))
        self.password_label.setText(translate("SignInDialog", "Password"))

    # ----- by code -----

    def new_code(self) -> None:
        self.new_code_button.hide()
        self.code_label.setText("…")
        self.code_label.setAccessibleName(translate("SignInDialog", "Waiting for a code"))
        self._tasks.run(self._by_code(), name="sign-in-code")

    async def _by_code(self) -> None:
        try:
            self._code = await self._account.request_code()
            self.code_label.setText(f"{self._code.code}")
            self.code_label.setAccessibleName("")  # the code itself, as shown
            self._show_time_left()
            self._ticker.start()
            await self._account.wait_for_confirmation(self._code)
        except SignInRefused:
            self._code_failed(translate("SignInDialog", "it expired before it was confirmed"))
            return
        except AccountError as error:
            self._code_failed(str(error))
            return
        except Exception as error:  # offline, a server error: said, and a new code offered
            self._code_failed(type(error).__name__)
            return
        self._ticker.stop()
        self.accept()

    def _code_failed(self, reason: str) -> None:
        self._ticker.stop()
        self.time_left.setText(translate("SignInDialog", "The code is no longer valid: %1")
                               .replace("%1", reason))  # fmt: skip
        self.new_code_button.show()

    def _show_time_left(self) -> None:
        if self._code is None:
            return
        left = max(0, int(self._code.expires_at - time.time()))
        text = translate("SignInDialog", "Valid for %1 more").replace(
            "%1", f"{left // 60}:{left % 60:02d}")  # fmt: skip
        self.time_left.setText(text)

    # ----- by password -----

    def sign_in_with_password(self) -> None:
        login, password = self.login_field.text().strip(), self.password_field.text()
        if not login or not password:
            self.message.setText(translate("SignInDialog", "Enter the login and the password."))
            return
        self.sign_in_button.setEnabled(False)
        self.message.clear()
        self._tasks.run(self._by_password(login, password), name="sign-in-password")

    async def _by_password(self, login: str, password: str) -> None:
        try:
            await self._account.sign_in(login, password)
        except SignInRefused:
            self.message.setText(translate("SignInDialog", "Wrong login or password."))
            return
        except AccountError as error:
            self.message.setText(str(error))
            return
        except Exception as error:  # offline, a server error
            self.message.setText(translate("SignInDialog", "The server cannot be reached (%1).")
                                 .replace("%1", type(error).__name__))  # fmt: skip
            return
        finally:
            self.sign_in_button.setEnabled(True)
            self.password_field.clear()  # not kept in a widget longer than needed
        self.accept()

    def done(self, result: int) -> None:
        self._ticker.stop()
        self._tasks.cancel("sign-in-code")  # a closed dialog stops asking about its code
        super().done(result)
