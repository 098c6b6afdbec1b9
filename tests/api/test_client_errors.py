"""Every error path of the client against the real demo server (and a closed port)."""

from __future__ import annotations

import asyncio
import socket

import pytest

from app.api import (
    AniLibriaClient,
    ApiError,
    MalformedResponseError,
    NetworkError,
    NotFoundError,
    ServerError,
    UnknownParametersError,
)
from app.api.config import DEFAULT_API_BASE, resolve_api_base
from app.demo import DemoServer
from app.demo.server import Fault


async def test_unknown_title_is_not_found(client: AniLibriaClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        await client.get_title(code="no-such-title")
    assert caught.value.code == 404
    assert caught.value.message == 'Title "no-such-title" not found!'
    assert isinstance(caught.value, ApiError)


async def test_unknown_parameter_is_412(client: AniLibriaClient) -> None:
    # getChanges does not document playlist_type: the server names what it refused.
    with pytest.raises(UnknownParametersError) as caught:
        await client._call("getChanges", {"playlist_type": "array", "bogus": 1})
    assert caught.value.code == 412
    assert "bogus" in caught.value.message and "playlist_type" in caught.value.message


async def test_bad_value_is_a_plain_api_error(client: AniLibriaClient) -> None:
    with pytest.raises(ApiError) as caught:
        await client.get_updates(description_type="rich")
    assert caught.value.code == 400 and "description_type" in caught.value.message
    assert not isinstance(caught.value, ServerError | NetworkError)


async def test_500_status_with_another_code_in_the_body(
    demo: DemoServer, client: AniLibriaClient
) -> None:
    demo.faults.append(Fault("getUpdates", status=500, code=503, message="Maintenance", count=3))
    with pytest.raises(ServerError) as caught:
        await client.get_updates()
    assert caught.value.code == 503 and caught.value.message == "Maintenance"
    assert not demo.faults, "the client retried twice before giving up"


async def test_server_errors_are_retried(demo: DemoServer, client: AniLibriaClient) -> None:
    demo.faults.append(Fault("getYears", status=500, count=2))
    assert await client.get_years()
    assert demo.request_count == 3


async def test_client_errors_are_not_retried(demo: DemoServer, client: AniLibriaClient) -> None:
    with pytest.raises(NotFoundError):
        await client.get_title(id=1)
    assert demo.request_count == 1


async def test_non_json_error_page(demo: DemoServer, client: AniLibriaClient) -> None:
    demo.faults.append(Fault("getYears", status=502, malformed=True, count=3))
    with pytest.raises(ServerError) as caught:
        await client.get_years()
    assert caught.value.code == 502 and caught.value.message == "HTTP 502"


async def test_malformed_json_is_a_network_class_error(
    demo: DemoServer, client: AniLibriaClient
) -> None:
    demo.faults.append(Fault("getTitle", malformed=True))
    with pytest.raises(MalformedResponseError) as caught:
        await client.get_title(id=9000)
    assert isinstance(caught.value, NetworkError) and "JSON" in caught.value.message
    assert demo.request_count == 1, "a malformed body is not retried"
    assert (await client.get_title(id=9000)).id == 9000


async def test_wrong_top_level_shape_is_malformed(demo: DemoServer) -> None:
    async with AniLibriaClient(demo.api_base()) as api:
        with pytest.raises(MalformedResponseError):
            api._parser.titles({"id": 1})
        with pytest.raises(MalformedResponseError):
            api._parser.title([1, 2])


async def test_timeout_is_a_network_error(demo: DemoServer) -> None:
    demo.faults.append(Fault("getYears", delay=2.0, count=1))
    async with AniLibriaClient(demo.api_base(), timeout=0.3, retries=0) as api:
        with pytest.raises(NetworkError) as caught:
            await api.get_years()
    assert "in time" in caught.value.message and caught.value.code == 0


async def test_timeout_then_success_with_retry(demo: DemoServer) -> None:
    demo.faults.append(Fault("getYears", delay=2.0, count=1))
    async with AniLibriaClient(demo.api_base(), timeout=0.3, retry_backoff=0.01) as api:
        assert await api.get_years()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_refused_connection_is_a_network_error() -> None:
    base = f"http://127.0.0.1:{_closed_port()}/v2"
    async with AniLibriaClient(base, retries=1, retry_backoff=0.01) as api:
        with pytest.raises(NetworkError) as caught:
            await api.get_updates()
    assert "cannot reach" in caught.value.message


async def test_other_major_version_is_reported(demo: DemoServer, client: AniLibriaClient) -> None:
    demo.faults.append(Fault("getYears", api_version="3.0.1"))
    assert await client.get_years()
    assert client.api_version == "3.0.1" and client.version_mismatch
    await client.get_years()
    assert client.api_version == "2.8.3" and not client.version_mismatch


async def test_the_client_must_be_entered(demo: DemoServer) -> None:
    api = AniLibriaClient(demo.api_base())
    with pytest.raises(RuntimeError, match="async with"):
        await api.get_years()


async def test_closing_twice_is_harmless(demo: DemoServer) -> None:
    api = AniLibriaClient(demo.api_base())
    async with api:
        await api.get_years()
    await api.aclose()


async def test_concurrent_requests_share_one_connection_pool(client: AniLibriaClient) -> None:
    results = await asyncio.gather(*(client.get_title(id=9000 + i) for i in range(20)))
    assert [t.id for t in results] == [9000 + i for i in range(20)]


def test_api_base_comes_from_argument_or_default(monkeypatch: pytest.MonkeyPatch) -> None:
    # $LIBRIA_API_BASE is the settings store's to read (tests/unit/test_settings_sources.py).
    monkeypatch.setenv("LIBRIA_API_BASE", "http://mirror.example:8080/v2/")
    assert resolve_api_base() == DEFAULT_API_BASE
    assert resolve_api_base("http://mirror.example:8080/v2/") == "http://mirror.example:8080/v2"
    assert resolve_api_base("https://other.example/api/v2") == "https://other.example/api/v2"


@pytest.mark.parametrize(
    "bad",
    ["ftp://x/v2", "file:///etc/passwd", "javascript:alert(1)", "http://user:pw@host/v2",
     "http:///v2", "http://host/v2?x=1", "not a url"],
)  # fmt: skip
def test_odd_api_bases_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="API base"):
        AniLibriaClient(bad)


def test_websocket_url_follows_the_base_scheme() -> None:
    assert AniLibriaClient("https://api.example/v2").websocket_url == "wss://api.example/v2/ws/"
    assert AniLibriaClient("http://127.0.0.1:9/v2").websocket_url == "ws://127.0.0.1:9/v2/ws/"
