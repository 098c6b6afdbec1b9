"""The baseline for the start-up benchmark: the barest PySide6 window; it reports at the end of its
first paint event, as the app's probe does for its first page."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget


class Window(QWidget):
    painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            print("LIBRIA_READY", flush=True)
            QTimer.singleShot(0, app.quit)


app = QApplication(sys.argv[:1])
window = Window()
window.resize(1320, 860)
window.show()
app.exec()
