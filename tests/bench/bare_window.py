"""The baseline for the start-up benchmark: the barest PySide6 window, painted once."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1320, 860)
window.show()


def ready() -> None:
    window.repaint()
    print("LIBRIA_READY", flush=True)
    app.quit()


QTimer.singleShot(0, ready)
app.exec()
