"""libmpv's render API drawing into a QOpenGLWidget (works on X11, Wayland and macOS, unlike
embedding a window id)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QOpenGLContext
from PySide6.QtOpenGLWidgets import QOpenGLWidget
from PySide6.QtWidgets import QWidget

from app.player.backend import MpvPlayer


def _get_proc_address(_: Any, name: bytes) -> int:
    context = QOpenGLContext.currentContext()
    if context is None:
        return 0
    address = context.getProcAddress(name)
    return int(address) if address else 0


class VideoWidget(QOpenGLWidget):
    frame_presented = Signal()  # swapped to the screen (platforms that swap)
    frame_rendered = Signal()  # mpv drew a frame into our framebuffer
    _render_requested = Signal()

    def __init__(self, player: MpvPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import mpv

        self._mpv_module = mpv
        self._player = player
        self._context: Any = None
        self._proc_address = mpv.MpvGlGetProcAddressFn(_get_proc_address)
        # mpv asks for redraws on its own thread: a queued signal brings them here.
        self._render_requested.connect(self.update, Qt.ConnectionType.QueuedConnection)
        self.frameSwapped.connect(self.frame_presented)
        self.setMinimumSize(320, 180)

    @property
    def ready(self) -> bool:
        return self._context is not None

    def initializeGL(self) -> None:
        self._context = self._mpv_module.MpvRenderContext(
            self._player.mpv,
            "opengl",
            opengl_init_params={"get_proc_address": self._proc_address},
        )
        self._context.update_cb = self._render_requested.emit
        self._player.view_ready(True)  # a file held for this view starts now

    def paintGL(self) -> None:
        if self._context is None:
            return
        # The framebuffer's size as Qt makes it (rounded, not truncated: at a fractional scale
        # such as 1.25 truncating left its last row and column undrawn).
        size = self.size() * self.devicePixelRatio()
        self._context.render(
            flip_y=True,
            opengl_fbo={
                "w": size.width(),
                "h": size.height(),
                "fbo": self.defaultFramebufferObject(),
            },
        )
        self.frame_rendered.emit()

    def shutdown(self) -> None:
        """Frees the render context (with our GL context current) before mpv is terminated."""
        if self._context is None:
            return
        self._player.view_ready(False)
        self.makeCurrent()
        # Not `update_cb = None` first: python-mpv would drop the old trampoline before mpv
        # learns of the new one, and a redraw request in between jumps into freed memory.
        # free() itself waits until mpv will call no more.
        self._context.free()
        self._context = None
        self.doneCurrent()
