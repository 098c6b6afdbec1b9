"""Stream and download URLs are built only from checked parts."""

from __future__ import annotations

import pytest

from app.core.stream_urls import (
    UnsafeStreamError,
    allowed_domains,
    check_host,
    check_path,
    check_stream_url,
    complete_node,
    download_url,
    stream_url,
)


@pytest.mark.parametrize(
    "host",
    ["file:///etc/passwd", "evil.com/../x", "de4.libria.fun@evil", "javascript:", "a b", "",
     "host:0", "host:70000", "-bad.example", "bad_.example", "exa mple.org", "http://x",
     "de4.libria.fun\n", "[::1]"],
)  # fmt: skip
def test_hostile_hosts_are_refused(host: str) -> None:
    with pytest.raises(UnsafeStreamError, match="refused"):
        check_host(host)


@pytest.mark.parametrize(
    "path",
    ["/../../etc/passwd", "javascript:alert(1)", "/a\n/b.m3u8", "file:///etc/passwd",
     "//evil.com/x.m3u8", "/a/./b", "/ok/..%2fsecret", "/ok/%2e%2e/x", "relative/path",
     "/a\\b", "/a b", "/x?y=1", ""],
)  # fmt: skip
def test_hostile_paths_are_refused(path: str) -> None:
    with pytest.raises(UnsafeStreamError, match="refused"):
        check_path(path)


def test_good_urls_follow_the_api_scheme() -> None:
    path = "/videos/media/ts/9174/1/1080/8dff7502c9942a518010f073e544ae0b.m3u8"
    assert stream_url("https://api.anilibria.tv/v2", "de4.libria.fun", path) == (
        f"https://de4.libria.fun{path}"
    )
    assert stream_url("http://127.0.0.1:9/v2", "127.0.0.1:8080", "/v/p.m3u8") == (
        "http://127.0.0.1:8080/v/p.m3u8"
    )


def test_caching_nodes_complete_with_the_preferred_domain() -> None:
    assert complete_node("de6", "de4.libria.fun") == "de6.libria.fun"
    assert complete_node("de6", "de4.libria.fun:443") == "de6.libria.fun"
    assert complete_node("cache.example.org", "de4.libria.fun") == "cache.example.org"
    assert complete_node("127.0.0.1:8080", "de4.libria.fun") == "127.0.0.1:8080"
    assert complete_node("de6", "127.0.0.1:8080") is None  # an address has no domain


def test_download_links() -> None:
    url = download_url(
        "https://api.anilibria.tv/v2", "de8.libria.fun",
        "/get/Msnjux-QWNEyj3rOZDKzvw/1591296559/mp4/8500/0001.mp4",
        "?download=Nanatsu_no_Taizai__Kamigami_no_Gekirin-hd.mp4",
    )  # fmt: skip
    assert url.startswith("https://de8.libria.fun/get/") and url.endswith("-hd.mp4")
    with pytest.raises(UnsafeStreamError):
        download_url("https://a/v2", "de8.libria.fun", "/x.mp4", "?download=a\nb")
    with pytest.raises(UnsafeStreamError):
        download_url("https://a/v2", "de8.libria.fun", "/x.mp4", "&evil=1")


LIVE = "https://anilibria.top/api/v1"
LIVE_DOMAINS = allowed_domains(LIVE)


@pytest.mark.parametrize(
    "url",
    [
        "http://cache.libria.fun/videos/media/ts/1/1/720/a.m3u8",  # plain http on the live API
        "https://evil.example/videos/a.m3u8",  # not an allowed host
        "https://libria.fun.evil.example/a.m3u8",  # allowed name as a prefix only
        "https://user:pw@cache.libria.fun/a.m3u8",  # credentials
        "https://cache.libria.fun@evil.example/a.m3u8",
        "https://cache.libria.fun/a.m3u8#frag",
        "https://cache.libria.fun/../etc/passwd",
        "https://cache.libria.fun/a%2e%2e/b.m3u8",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "https://cache.libria.fun:99999/a.m3u8",
        "https://cache.libria.fun/a.m3u8?x=<script>",
        "https://cache.libria.fun/a b.m3u8",
        "ytdl://cache.libria.fun/a.m3u8",
    ],
)
def test_hostile_absolute_stream_urls_are_refused(url: str) -> None:
    with pytest.raises(UnsafeStreamError):
        check_stream_url(url, LIVE, LIVE_DOMAINS)


def test_absolute_stream_urls_on_allowed_hosts_pass() -> None:
    good = "https://cache-rfn.libria.fun/videos/media/ts/9000/1/720/abc.m3u8?expires=1&sig=x"
    assert check_stream_url(good, LIVE, LIVE_DOMAINS) == good
    # The API's own host, and a host the user added, are allowed too.
    assert check_stream_url("https://anilibria.top/v/a.m3u8", LIVE, LIVE_DOMAINS)
    mine = allowed_domains(LIVE, " Streams.Example.org ,")
    assert check_stream_url("https://cdn.streams.example.org/a.m3u8", LIVE, mine)
    # A local server may stream plain http from itself, and only from itself.
    local = "http://127.0.0.1:8080/api/v1"
    assert check_stream_url("http://127.0.0.1:8080/videos/a.m3u8", local, allowed_domains(local))
    with pytest.raises(UnsafeStreamError):
        check_stream_url("http://10.0.0.5/videos/a.m3u8", local, allowed_domains(local))
