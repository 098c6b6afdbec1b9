"""The hold on a file's start until the video view exists: what is held goes on when the view
comes or mpv ends, and a hook that arrives while mpv is ending is never held (the core would
wait on it for ever, and the app's exit with it)."""

from __future__ import annotations

from typing import Any

from app.player.preload_gate import PreloadGate


class FakeLibmpv:
    """libmpv's two hook calls, recording which hooks were let go on."""

    def __init__(self, add_result: int = 0) -> None:
        self.continued: list[int] = []
        self.added: list[bytes] = []

        def add(handle: Any, userdata: int, name: bytes, priority: int) -> int:
            self.added.append(name)
            return add_result

        def proceed(handle: Any, hook_id: int) -> int:
            self.continued.append(hook_id)
            return 0

        self.mpv_hook_add, self.mpv_hook_continue = add, proceed


def test_a_file_waits_for_the_view_and_goes_on_when_it_comes() -> None:
    library = FakeLibmpv()
    gate = PreloadGate(library, handle=object())
    assert library.added == [b"on_preloaded"]
    gate.hook(1)
    gate.hook(2)
    assert library.continued == []
    gate.open()
    assert library.continued == [1, 2]
    gate.hook(3)  # the view is there: at once
    assert library.continued == [1, 2, 3]


def test_a_closed_view_holds_the_next_file_again() -> None:
    library = FakeLibmpv()
    gate = PreloadGate(library, handle=object())
    gate.open()
    gate.close()
    gate.hook(4)
    assert library.continued == []


def test_ending_lets_held_files_go_and_never_holds_a_later_one() -> None:
    library = FakeLibmpv()
    gate = PreloadGate(library, handle=object())
    gate.hook(1)
    gate.end()
    assert library.continued == [1]
    gate.close()  # the view frees its render context as the player ends
    gate.hook(2)  # arrived from mpv's event thread after the end began
    assert library.continued == [1, 2]


def test_an_old_libmpv_without_hooks_holds_nothing() -> None:
    library = FakeLibmpv(add_result=-1)
    gate = PreloadGate(library, handle=object())
    gate.hook(7)
    assert library.continued == [7]
