"""The garbage collector waits out start-up, then freezes what it made and runs as usual."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from app.core import collector


@pytest.fixture
def usual_collector() -> Iterator[tuple[int, int, int]]:
    usual, frozen = gc.get_threshold(), gc.get_freeze_count()
    yield usual
    gc.set_threshold(*usual)
    if not frozen:
        gc.unfreeze()
    collector._usual = None


def test_start_up_is_collected_rarely_then_frozen_and_back_to_usual(
    usual_collector: tuple[int, int, int],
) -> None:
    gc.unfreeze()
    collector.defer_during_start_up()
    assert gc.get_threshold() == (collector.START_UP_THRESHOLD, *usual_collector[1:])
    made_at_start = [[] for _ in range(100)]  # lives as long as the app
    collector.settle()
    assert gc.get_threshold() == usual_collector
    assert gc.get_freeze_count() >= len(made_at_start)  # left out of later collections
    collector.settle()  # a second call changes nothing
    assert gc.get_threshold() == usual_collector
