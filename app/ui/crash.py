"""Errors that reach the top: logged with their traceback and shown, never fatal."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import traceback
from collections.abc import Iterator
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("libria.crash")
_open_boxes: list[QMessageBox] = []


def show_error(summary: str, details: str) -> None:
    if not isinstance(QApplication.instance(), QApplication) or len(_open_boxes) >= 3:
        return
    box = QMessageBox(QMessageBox.Icon.Warning, "Libria", summary)
    box.setInformativeText(
        QCoreApplication.translate("Crash", "Libria keeps running. The details are in the log.")
    )
    box.setDetailedText(details)
    box.finished.connect(lambda *_: _open_boxes.remove(box))
    _open_boxes.append(box)
    box.open()  # non-modal for the event loop: no nested exec()


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        QCoreApplication.quit()
        return
    details = "".join(traceback.format_exception(kind, error, tb))
    log.error("unhandled error\n%s", details)
    show_error(QCoreApplication.translate("Crash", "Something went wrong: %1").replace(
        "%1", str(error) or kind.__name__), details)  # fmt: skip


def _loop_exception(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    error = context.get("exception")
    if isinstance(error, BaseException):
        _excepthook(type(error), error, error.__traceback__)
    else:
        log.error("event loop: %s", context.get("message"))


@contextlib.contextmanager
def reported() -> Iterator[None]:
    """Runs a block whose errors must be shown, not propagated (e.g. work inside a Qt event
    handler that Python code triggered, which would otherwise unwind through the caller)."""
    try:
        yield
    except Exception as error:
        _excepthook(type(error), error, error.__traceback__)


def install(loop: asyncio.AbstractEventLoop | None = None) -> None:
    sys.excepthook = _excepthook
    if loop is not None:
        loop.set_exception_handler(_loop_exception)
