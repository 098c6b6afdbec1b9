"""Stream and download URLs are built only from checked parts."""

from __future__ import annotations

import pytest

from app.core.stream_urls import (
    UnsafeStreamError,
    check_host,
    check_path,
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
