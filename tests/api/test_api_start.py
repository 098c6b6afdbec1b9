"""The app's one API client: callers that start it at once (a cold `libria play` and the first
page's step) share one opening, against the demo's real API."""

from __future__ import annotations

import asyncio

import pytest

import app.services.api as api_module
from app.api.backend import ApiKind, Backend
from app.demo import DemoServer
from app.services.api import ApiService


async def test_starts_at_once_open_one_client(
    demo: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[Backend] = []
    real = api_module.make_backend

    def counted(url: str, kind: ApiKind) -> Backend:
        made.append(real(url, kind))
        return made[-1]

    monkeypatch.setattr(api_module, "make_backend", counted)
    # The automatic choice, as the app makes it: the start waits for the address to answer.
    api = ApiService(None, candidates=[(demo.api_base(), ApiKind.V2)])
    try:
        await asyncio.gather(api.start(), api.start())
        assert len(made) == 1 and api.backend is made[0]  # one httpx pool, the one kept
        await api.start()  # started: nothing more opens
        assert len(made) == 1
    finally:
        await api.close()


async def test_a_start_that_fails_tells_every_caller() -> None:
    api = ApiService("ftp://127.0.0.1/v2", ApiKind.V2)  # refused before anything opens
    results = await asyncio.wait_for(
        asyncio.gather(api.start(), api.start(), return_exceptions=True), 10
    )  # neither waits for an opening that will not come
    assert all(isinstance(result, ValueError) for result in results) and not api.started
    with pytest.raises(ValueError, match="http"):
        await api.start()  # asked again: tried again, and refused again
