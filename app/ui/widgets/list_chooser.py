"""Choosing which of the account's lists a title is in: a menu of the five lists (the current one
checked) and "Remove from lists"; the title page shows it on a button, cards in their context
menu."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app.core import Title
from app.core.account import Collection
from app.services.lists import ListsSource
from app.ui import labels


class ListMenu(QMenu):
    """The five lists, checkable, and a way out of them; `show_current` marks where a title is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        group = QActionGroup(self)  # one list at a time, as the account keeps them
        self.collection_actions: dict[Collection, QAction] = {}
        for collection in Collection:
            action = QAction(self)
            action.setCheckable(True)
            group.addAction(action)
            self.addAction(action)
            self.collection_actions[collection] = action
        self.addSeparator()
        self.remove_action = QAction(self)
        self.addAction(self.remove_action)
        self.retranslate()

    def retranslate(self) -> None:
        for collection, action in self.collection_actions.items():
            action.setText(labels.collection(collection))
        self.remove_action.setText(self.tr("Remove from lists"))

    def collection_of(self, action: QAction) -> Collection | None:
        """The list an action of this menu stands for (None: out of every list)."""
        found = (c for c, a in self.collection_actions.items() if a is action)
        return next(found, None)

    def show_current(self, current: Collection | None) -> None:
        for collection, action in self.collection_actions.items():
            action.setChecked(collection is current)
        self.remove_action.setEnabled(current is not None)


def choose_list(lists: ListsSource, title: Title, parent: QWidget, at: QPoint) -> ListMenu:
    """A card's context menu: the title goes to the list picked (the menu deletes itself)."""
    menu = ListMenu(parent)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.show_current(lists.collection_of(title.id))
    menu.triggered.connect(lambda action: lists.set_collection(title, menu.collection_of(action)))
    menu.popup(at)
    return menu


class ListChooser(QToolButton):
    """The title page's button: the current list's name, a menu to change it; hidden without
    lists (signed out, or an API without accounts)."""

    chosen = Signal(object)  # Collection | None, after the title was put there

    def __init__(self, lists: ListsSource | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listChooser")
        self._lists = lists
        self.title: Title | None = None
        self.list_menu = ListMenu(self)
        self.list_menu.triggered.connect(self._triggered)
        self.setMenu(self.list_menu)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it; Space opens the menu
        if lists is not None:
            lists.changed.connect(self.refresh)
        self.refresh()

    def show_title(self, title: Title) -> None:
        self.title = title
        self.refresh()

    def current(self) -> Collection | None:
        if self._lists is None or self.title is None:
            return None
        return self._lists.collection_of(self.title.id)

    def refresh(self) -> None:
        available = self._lists is not None and self._lists.available
        self.setVisible(available and self.title is not None)
        current = self.current()
        self.list_menu.show_current(current)
        text = labels.collection(current) if current is not None else self.tr("Add to a list")
        self.setText(text)
        self.setToolTip(self.tr("Which of your lists the title is in"))

    def _triggered(self, action: QAction) -> None:
        if self._lists is not None and self.title is not None:
            collection = self.list_menu.collection_of(action)
            self._lists.set_collection(self.title, collection)
            self.chosen.emit(collection)
        self.refresh()  # an unchanged choice still shows the right check

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.list_menu.retranslate()
            self.refresh()
        super().changeEvent(event)
