"""Which API an address speaks, and the automatic choice among the service's own addresses.

The live addresses are on the internet, out of reach here: their answers are simulated with
httpx's MockTransport. (The demo server's two sides are checked in tests/api/test_select.py.)"""

from __future__ import annotations

import httpx
import pytest

from app.api.backend import FEATURES, ApiKind, Feature
from app.api.select import LIVE_BASES, choose, detect, kind_from_url
from app.services.api import ApiService


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://anilibria.top/api/v1", ApiKind.V1),
        ("https://anilibria.top/api/v1/", ApiKind.V1),
        ("https://api.anilibria.tv/v2", ApiKind.V2),
        ("http://127.0.0.1:8080/v2.13", ApiKind.V2),
        ("https://mirror.example.org/anilibria", None),
        ("https://mirror.example.org/", None),
        ("https://mirror.example.org/v2x", None),
    ],
)
def test_kind_from_the_url(url: str, kind: ApiKind | None) -> None:
    assert kind_from_url(url) is kind


def simulated(up: set[str]) -> httpx.MockTransport:
    """Answers the probes of the hosts in `up` (v1 and v2 shapes), refuses every other."""

    def handle(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        if not any(url.startswith(base) for base in up):
            raise httpx.ConnectError("unreachable", request=request)
        if url.endswith("/anime/catalog/references/years") and "/api/v1" in url:
            return httpx.Response(200, json=[2024, 2025])
        if url.endswith("/getYears") and "/v2" in url:
            return httpx.Response(200, json=[2024, 2025])
        return httpx.Response(404, json={"message": "not here"})

    return httpx.MockTransport(handle)


async def test_automatic_choice_takes_the_first_that_answers_v1_first() -> None:
    every = {base for base, _ in LIVE_BASES}
    assert await choose(None, transport=simulated(every)) == (LIVE_BASES[0][0], ApiKind.V1)
    mirror_only = {"https://anilibria.wtf/api/v1"}
    assert await choose(None, transport=simulated(mirror_only)) == (
        "https://anilibria.wtf/api/v1",
        ApiKind.V1,
    )
    v2_only = {"https://api.anilibria.tv/v2"}
    assert await choose(None, transport=simulated(v2_only)) == (
        "https://api.anilibria.tv/v2",
        ApiKind.V2,
    )


async def test_automatic_choice_offline_starts_on_the_current_api() -> None:
    assert await choose(None, transport=simulated(set())) == (LIVE_BASES[0][0], ApiKind.V1)
    assert await choose(None, ApiKind.V2, transport=simulated(set())) == (
        "https://api.anilibria.tv/v2",
        ApiKind.V2,
    )


async def test_an_unhinted_mirror_is_probed() -> None:
    # A mirror whose path says nothing: the probe finds out which API it speaks.
    v1_mirror = "https://mirror.example.org/api/v1"
    transport = simulated({v1_mirror})
    url = "https://mirror.example.org/anilibria"

    def rewrite(request: httpx.Request) -> httpx.Response:
        moved = str(request.url).replace(url, v1_mirror)
        return transport.handle_request(httpx.Request("GET", moved))

    assert await detect(url, httpx.MockTransport(rewrite)) is ApiKind.V1
    assert await detect(url, simulated(set())) is None
    assert await choose(url, transport=simulated(set())) == (url, ApiKind.V2)


async def test_forced_kind_is_kept_and_bad_urls_refused() -> None:
    assert await choose("https://x.example/api/v1", ApiKind.V2) == (
        "https://x.example/api/v1",
        ApiKind.V2,
    )
    with pytest.raises(ValueError, match="http"):
        await choose("javascript:alert(1)")


@pytest.mark.parametrize(
    ("url", "kind", "remembered", "expected"),
    [
        ("https://mirror.example.org/api/v1", ApiKind.AUTO, None, ApiKind.V1),  # from the path
        ("https://mirror.example.org/", ApiKind.V2, None, ApiKind.V2),  # asked for
        (None, ApiKind.AUTO, ("https://anilibria.top/api/v1", ApiKind.V1), ApiKind.V1),
        ("https://mirror.example.org/", ApiKind.AUTO, None, None),  # only a probe can tell
        (None, ApiKind.AUTO, None, None),
    ],
)
def test_what_the_api_can_do_is_known_before_it_opens_where_the_kind_is(
    url: str | None,
    kind: ApiKind,
    remembered: tuple[str, ApiKind] | None,
    expected: ApiKind | None,
) -> None:
    api = ApiService(url, kind, remembered=remembered)
    assert api.expected_kind() is expected and not api.started
    for feature in Feature:  # the rail is built from this before the network is asked
        assert api.has(feature) is (expected is not None and feature in FEATURES[expected])
