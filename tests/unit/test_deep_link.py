"""libria:// links and the command line: what opens, and what is refused with a reason."""

from __future__ import annotations

import pytest

from app.cli import UsageError, parse
from app.core.deep_link import BadLinkError, DeepLink, parse_link


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("libria://play/nanatsu-no-taizai/3", DeepLink("play", "nanatsu-no-taizai", 3.0)),
        ("libria://play/nanatsu-no-taizai/12.5/", DeepLink("play", "nanatsu-no-taizai", 12.5)),
        ("libria://play/code_1", DeepLink("play", "code_1", None)),
        ("LIBRIA://Title/Kimetsu", DeepLink("title", "Kimetsu")),
    ],
)
def test_links_that_open(url: str, expected: DeepLink) -> None:
    assert parse_link(url) == expected
    assert parse(expected.as_args()).link == expected  # a hand-over says the same thing


@pytest.mark.parametrize(
    "url",
    [
        "libria:play/x/1",  # no //
        "https://play/x/1",
        "libria://delete/x",
        "libria://play/",
        "libria://play/x/1/2",
        "libria://play/x/0",
        "libria://play/x/-1",
        "libria://play/x/1e9",
        "libria://play/../etc/passwd",
        "libria://play/x%2F..%2Fy/1",
        "libria://play/x;rm -rf ~/1",
        "libria://play/x/1?exec=1",
        "libria://play/x/1#frag",
        "libria://user@play/x/1",
        "libria://play:80/x/1",
        "libria://title/" + "a" * 200,
        "libria://title/-starts-with-dash",
        "libria://play/" + "x" * 600,
    ],
)
def test_links_that_are_refused(url: str) -> None:
    with pytest.raises(BadLinkError):
        parse_link(url)


def test_the_command_line_takes_a_link_or_a_command() -> None:
    assert parse(["--demo", "libria://title/abc"]).link == DeepLink("title", "abc")
    assert parse(["play", "abc"]).link == DeepLink("play", "abc", None)
    assert parse(["--minimized"]).link is None
    with pytest.raises(BadLinkError):
        parse(["play", "abc", "one"])
    with pytest.raises(UsageError):
        parse(["libria://title/a", "libria://title/b"])
    with pytest.raises(UsageError):
        parse(["--no-such-option"])
