"""The mpv core made ahead for a session's first play (app.player.core_ahead): taken once, by a
play with the same audio output; ended when unwanted. A fake core stands in for mpv's here; the
real one is made ahead in every cold `libria play` (tests/ui/test_cold_play_process.py)."""

from __future__ import annotations

import threading
import time

import pytest

from app.player import core, core_ahead
from tests.core_ahead_state import fresh_core_ahead


class FakeCore:
    def __init__(self, audio_output: str) -> None:
        self.audio_output = audio_output
        self.ended = False

    def terminate(self) -> None:
        self.ended = True


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[FakeCore]:
    """A fresh process's state (it is process-wide), with fake cores, the made ones listed."""
    cores: list[FakeCore] = []

    def new_core(audio_output: str) -> FakeCore:
        cores.append(FakeCore(audio_output))
        return cores[-1]

    fresh_core_ahead(monkeypatch)
    monkeypatch.setattr(core, "new_core", new_core)
    return cores


def test_the_first_play_takes_the_core_made_ahead(made: list[FakeCore]) -> None:
    core_ahead.make("pulse")
    assert core_ahead.take("pulse") is made[0]
    assert core_ahead.take("pulse") is None  # a later player makes its own
    core_ahead.make("pulse")
    assert len(made) == 1 and not made[0].ended  # none made ahead after the first play


def test_a_core_for_another_audio_output_is_ended_not_used(made: list[FakeCore]) -> None:
    core_ahead.make("pulse")
    assert core_ahead.take("null") is None  # the setting changed since: a new core is made
    assert made[0].ended


def test_a_core_never_taken_is_ended_at_shutdown(made: list[FakeCore]) -> None:
    core_ahead.make("pulse")
    core_ahead.discard()
    assert made[0].ended
    core_ahead.make("pulse")
    assert len(made) == 1  # nothing is made ahead once the app ends


def test_a_play_waits_for_the_core_being_made(
    made: list[FakeCore], monkeypatch: pytest.MonkeyPatch
) -> None:
    inside, go_on = threading.Event(), threading.Event()
    fake = core.new_core

    def slow_new_core(audio_output: str) -> object:
        inside.set()
        go_on.wait(10)
        return fake(audio_output)

    monkeypatch.setattr(core, "new_core", slow_new_core)
    worker = threading.Thread(target=core_ahead.make, args=("pulse",))
    worker.start()
    assert inside.wait(10)
    taken: list[object] = []
    play = threading.Thread(target=lambda: taken.append(core_ahead.take("pulse")))
    play.start()
    go_on.set()
    play.join(10)
    worker.join(10)
    assert taken == [made[0]]  # the one being made, not a second core beside it


class SlowEndCore(FakeCore):
    def terminate(self) -> None:
        time.sleep(0.2)  # mpv's own end takes a while: the shutdown must not go on meanwhile
        super().terminate()


class SignallingEvent(threading.Event):
    """`_made`: tells the worker to finish its core once someone waits for it."""

    def __init__(self, waited: threading.Event) -> None:
        super().__init__()
        self._waited = waited

    def wait(self, timeout: float | None = None) -> bool:
        self._waited.set()
        return super().wait(timeout)


def test_the_shutdown_waits_until_a_core_being_made_has_ended(
    made: list[FakeCore], monkeypatch: pytest.MonkeyPatch
) -> None:
    inside, discard_waits = threading.Event(), threading.Event()

    def slow_new_core(audio_output: str) -> SlowEndCore:
        inside.set()
        discard_waits.wait(10)  # mpv finishes its start while the app ends
        made.append(SlowEndCore(audio_output))
        return made[-1]

    monkeypatch.setattr(core, "new_core", slow_new_core)
    made_flag = SignallingEvent(discard_waits)
    made_flag.set()
    monkeypatch.setattr(core_ahead, "_made", made_flag)
    worker = threading.Thread(target=core_ahead.make, args=("pulse",))
    worker.start()
    assert inside.wait(10)
    core_ahead.discard()
    assert made and made[0].ended  # it returned once the worker had ended the core
    worker.join(10)
    assert core_ahead.take("pulse") is None


def test_a_core_that_cannot_be_made_leaves_the_play_to_make_one(
    made: list[FakeCore], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(audio_output: str) -> object:
        raise OSError("libmpv is missing")

    monkeypatch.setattr(core, "new_core", broken)
    core_ahead.make("pulse")
    assert core_ahead.take("pulse") is None
