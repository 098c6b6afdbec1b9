"""The accessibility tree as a screen reader reads it: QAccessible interfaces from a window down,
each with its role, name, description and whether it takes the focus; and what is wrong there."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QWidget

Text = QAccessible.Text
Role = QAccessible.Role
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
LATIN_WORD = re.compile("[a-z]{2,}", re.IGNORECASE)
# Words that stay as they are in Russian: names of things, not the app's words.
NOT_TRANSLATED = ("YouTube", "Libria", "AniLibria", "mp4", "OK", "Ctrl", "Alt", "Esc", "Backspace")


@dataclass(frozen=True)
class Node:
    path: str  # the classes (and object names) from the window down, to tell where it is
    role: QAccessible.Role
    name: str
    description: str
    focusable: bool
    shown: bool
    own_words: bool  # a widget's name (the app's words), not an item's (a title, a member)

    def __str__(self) -> str:
        return f"{self.path} [{self.role.name}] {self.name!r} ({self.description!r})"


def _label(interface: QAccessibleInterface) -> str:
    thing = interface.object()
    if thing is None:
        return interface.role().name
    name = thing.objectName()
    return type(thing).__name__ + (f"#{name}" if name else "")


def _own_words(interface: QAccessibleInterface, path: str) -> bool:
    """Widgets name themselves in the app's words, labels show data; the rail's rows are ours."""
    if isinstance(interface.object(), QWidget):
        return interface.role() not in (Role.StaticText, Role.EditableText, Role.ComboBox)
    return "#navigation/" in path or interface.role() == Role.MenuItem


def walk(interface: QAccessibleInterface, path: str = "") -> Iterator[Node]:
    here = f"{path}/{_label(interface)}"
    state = interface.state()
    yield Node(
        here, interface.role(), interface.text(Text.Name), interface.text(Text.Description),
        bool(state.focusable), not state.invisible, _own_words(interface, here),
    )  # fmt: skip
    for row in range(interface.childCount()):
        child = interface.child(row)
        if child is not None and child.isValid():
            yield from walk(child, here)


def tree(widget: QWidget) -> list[Node]:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid(), f"no accessible interface for {widget}"
    return list(walk(interface))


def shown_windows() -> list[QWidget]:
    """Every top-level window on screen: the main window, a dialog, a message box, a menu."""
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def focusable_widgets(window: QWidget) -> list[QWidget]:
    """Widgets Tab reaches, also those the tree does not list (a table's cell widgets)."""
    return [
        w for w in window.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]  # fmt: skip


def name_of(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(Text.Name) if interface is not None else ""


def wrong_language(node: Node, language: str, data: tuple[str, ...] = ()) -> bool:
    """An English name with Russian in it, or a Russian one in English: names of things and the
    data a control shows (the account's name on its button) aside."""
    rest = node.name
    for kept in (*NOT_TRANSLATED, *data):
        rest = rest.replace(kept, "")
    if language == "en":
        return bool(CYRILLIC.search(rest))
    return not CYRILLIC.search(rest) and bool(LATIN_WORD.search(rest))


def problems(language: str, data: tuple[str, ...] = ()) -> list[str]:
    """What a screen reader would get wrong in the windows shown now."""
    found: list[str] = []
    for window in shown_windows():
        nodes = tree(window)
        for node in nodes:
            if not (node.focusable and node.shown):
                continue
            if not re.search(r"\w", node.name):  # nothing, or only "×" or "←"
                found.append(f"no name: {node}")
            elif node.own_words and wrong_language(node, language, data):
                found.append(f"not in {language}: {node}")
        for widget in focusable_widgets(window):
            if not re.search(r"\w", name_of(widget)):
                found.append(
                    f"no name: {type(widget).__name__} in {type(widget.parent()).__name__}"
                )
    return found
