"""The automatic API choice with real servers standing in for the service's addresses: a closed
port (an address that is down) and the demo's two sides."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from app.api.backend import ApiKind
from app.demo import DemoServerThread
from app.services.context import AppServices, remembered_api
from app.services.settings import SettingsStore
from tests.ui.conftest import until


@pytest.fixture
def dead_base() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/v1"


def make(tmp_path: Path, candidates: list[tuple[str, ApiKind]], answered: str = "") -> AppServices:
    settings = SettingsStore(tmp_path / "config" / "settings.ini")
    settings.set("api_answered", answered)  # what a previous run found
    return AppServices(settings, None, tmp_path / "cache", api_candidates=candidates)


async def test_no_address_takes_the_first_that_answers_and_remembers_it(
    tmp_path: Path, demo_thread: DemoServerThread, dead_base: str
) -> None:
    candidates = [(dead_base, ApiKind.V1), (demo_thread.api_base_v1, ApiKind.V1),
                  (demo_thread.api_base(), ApiKind.V2)]  # fmt: skip
    services = make(tmp_path, candidates)
    await services.start()
    try:
        assert services.api.base_url == demo_thread.api_base_v1
        assert services.api.kind is ApiKind.V1
        assert remembered_api(services.settings) == (demo_thread.api_base_v1, ApiKind.V1)
    finally:
        await services.shutdown()


async def test_a_remembered_answer_starts_at_once_and_a_gone_one_is_left(
    tmp_path: Path, demo_thread: DemoServerThread, dead_base: str
) -> None:
    candidates = [(dead_base, ApiKind.V1), (demo_thread.api_base(), ApiKind.V2)]
    first = make(tmp_path, candidates, answered=f"v1 {dead_base}")  # it answered last time
    changes: list[str] = []
    first.api.client_changed.connect(lambda: changes.append(first.api.base_url))
    await first.start()
    try:
        # It started on the remembered address without probing: had it probed, it would have
        # started on the one that answers, and no change would follow (client_changed is the
        # address changing after the start). In the background that one takes over.
        await until(lambda: first.api.base_url == demo_thread.api_base(), within=15)
        assert changes == [demo_thread.api_base()]
        assert first.api.kind is ApiKind.V2
        assert remembered_api(first.settings) == (demo_thread.api_base(), ApiKind.V2)
    finally:
        await first.shutdown()


async def test_nothing_answers_starts_on_the_first_candidate(
    tmp_path: Path, dead_base: str
) -> None:
    services = make(tmp_path, [(dead_base, ApiKind.V1), ("http://127.0.0.1:9/v2", ApiKind.V2)])
    await services.start()
    try:
        assert services.api.base_url == dead_base and services.api.kind is ApiKind.V1
        assert remembered_api(services.settings) is None
    finally:
        await services.shutdown()


@pytest.mark.parametrize("stored", ["", "v3 https://x.org", "v1 javascript:alert(1)", "v1"])
def test_a_bad_remembered_value_is_ignored(tmp_path: Path, stored: str) -> None:
    settings = SettingsStore(tmp_path / "s.ini")
    settings.set("api_answered", stored)
    assert remembered_api(settings) is None
