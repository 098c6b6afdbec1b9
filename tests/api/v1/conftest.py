"""v1 clients pointed at the demo server's v1 side."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.api.v1.client import V1Client
from app.demo import DemoServer


@pytest.fixture
async def v1(demo: DemoServer) -> AsyncIterator[V1Client]:
    """On the live service's shapes (the demo's default)."""
    async with V1Client(demo.api_base_v1, retry_backoff=0.01) as client:
        yield client


@pytest.fixture(params=["live", "openapi"])
async def v1_any(demo: DemoServer, request: pytest.FixtureRequest) -> AsyncIterator[V1Client]:
    """The same test on the live shapes and on the documented ones."""
    demo.config.v1_shape = request.param
    async with V1Client(demo.api_base_v1, retry_backoff=0.01) as client:
        yield client
