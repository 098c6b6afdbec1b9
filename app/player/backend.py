"""libmpv behind a QObject: commands in, one immutable state out.

mpv calls its observers on its own thread; they only emit a queued signal, so the state is
reduced and published on the GUI thread. The position is polled a few times a second instead of
being observed, which would wake the UI on every frame.
"""

from __future__ import annotations

import contextlib
import locale
import logging
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.core.settings import OPTIONS
from app.player.core import new_core
from app.player.preload_gate import PreloadGate
from app.player.state import OBSERVED, PlayerState, reduce

if TYPE_CHECKING:
    from app.player.video_widget import VideoWidget

log = logging.getLogger(__name__)


class MpvPlayer(QObject):
    state_changed = Signal(object)  # PlayerState
    file_loaded = Signal()
    failed = Signal(str)
    _mpv_property = Signal(str, object)  # from mpv's thread, queued to ours
    _mpv_event = Signal(str, object)

    def __init__(
        self,
        audio_output: str = OPTIONS["audio_output"].default,
        parent: QObject | None = None,
        core: Any | None = None,
    ) -> None:
        """`core`: an mpv core made ahead for `audio_output` (app.player.core_ahead), else one
        is made now."""
        super().__init__(parent)
        import mpv  # libmpv is loaded when a player is first needed, not at start-up

        locale.setlocale(locale.LC_NUMERIC, "C")  # libmpv parses numbers with the C locale
        self.mpv = core if core is not None else new_core(audio_output)
        self._events = mpv.MpvEventID
        self._decoder = mpv.lazy_decoder
        self.state = PlayerState()
        self._mpv_property.connect(self._apply, Qt.ConnectionType.QueuedConnection)
        self._mpv_event.connect(self._event, Qt.ConnectionType.QueuedConnection)
        # Files wait for the view's render context (without it mpv would play them with no
        # picture, or not at all): a window started in the tray plays once it is opened.
        self._gate = PreloadGate(mpv.backend, self.mpv._event_handle)
        for name in OBSERVED:
            self.mpv.observe_property(name, self._observer)
        self.mpv.register_event_callback(self._on_event)
        self._poll = QTimer(self)
        self._poll.setInterval(250)
        self._poll.timeout.connect(self._poll_position)
        self._poll.start()
        self._closed = False
        self._view: VideoWidget | None = None

    # ----- called on mpv's thread -----

    def _observer(self, name: str, value: Any) -> None:
        self._emit(self._mpv_property, name, value)

    def _emit(self, signal: Any, *args: Any) -> None:
        # Our QObject may be gone while mpv still reports: then there is nobody to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)

    def _on_event(self, event: Any) -> None:
        kind = event.event_id.value
        if kind == self._events.HOOK:
            self._gate.hook(event.data.id)
        elif kind == self._events.FILE_LOADED:
            self._emit(self._mpv_event, "FILE_LOADED", None)
        elif kind == self._events.END_FILE:
            try:
                details = event.as_dict(decoder=self._decoder)
            except Exception:  # a detail we cannot read must not cost us the event
                details = {}
            self._emit(self._mpv_event, "END_FILE", details)

    # ----- GUI thread -----

    def _apply(self, name: str, value: Any) -> None:
        state = reduce(self.state, name, value)
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    def _event(self, name: str, detail: Any) -> None:
        if name == "FILE_LOADED":
            self._apply("file-loaded", True)
            self.file_loaded.emit()
        elif name == "END_FILE":
            reason = detail.get("reason") if isinstance(detail, dict) else None
            if reason == "error":
                error = detail.get("file_error") or detail.get("error") or "unknown error"
                self.failed.emit(f"mpv could not play the stream ({error})")

    def view_ready(self, ready: bool) -> None:
        """The view's render context was made (a held file starts now) or freed."""
        if ready:
            self._gate.open()
        else:
            self._gate.close()

    def _poll_position(self) -> None:
        if self._closed or not self.state.loaded:
            return
        try:
            position = self.mpv.time_pos
        except Exception:  # the property is unavailable between files
            return
        self._apply("time-pos", position)

    # ----- commands -----

    def load(self, url: str, start: float = 0.0) -> None:
        """Opens a stream URL the caller has checked (see app.core.stream_urls)."""
        self.state = PlayerState(volume=self.state.volume, muted=self.state.muted)
        self.state_changed.emit(self.state)
        options = {"start": f"{start:.3f}"} if start > 0 else {}
        self.mpv.loadfile(url, "replace", **options)
        self.mpv.pause = False

    def toggle_pause(self) -> None:
        self.mpv.pause = not self.mpv.pause

    def set_paused(self, paused: bool) -> None:
        self.mpv.pause = paused

    def seek(self, seconds: float) -> None:
        if self.state.loaded:
            self.mpv.seek(seconds, "relative+exact")

    def seek_to(self, seconds: float) -> None:
        if self.state.loaded:
            self.mpv.seek(max(0.0, seconds), "absolute+exact")

    def set_volume(self, volume: float) -> None:
        self.mpv.volume = max(0.0, min(130.0, volume))

    def toggle_mute(self) -> None:
        self.mpv.mute = not self.mpv.mute

    def stop(self) -> None:
        self.mpv.command("stop")

    def create_view(self) -> QWidget:
        """The OpenGL surface mpv renders into (one per player)."""
        from app.player.video_widget import VideoWidget

        if self._view is None or not shiboken6.isValid(self._view):  # a window may have gone
            self._view = VideoWidget(self)
        return self._view

    def terminate(self) -> None:
        """Ends mpv, after freeing the view's render context (the other order crashes)."""
        if self._closed:
            return
        self._closed = True
        self._poll.stop()
        self._gate.end()  # nothing may wait on a view while mpv ends, now or later
        if self._view is not None and shiboken6.isValid(self._view):
            self._view.shutdown()
        elif self._view is not None:  # its window went first: its GL context went with it
            log.warning("the video view was destroyed before the player was shut down")
        self.mpv.terminate()
