"""A cold play's API modules, loaded ahead (while libmpv loads) only when the library surely does
not keep the title: a kept title plays without them, so its play must not wait for them. Each
case in a fresh interpreter, as a start is."""

from __future__ import annotations

import subprocess
import sys

import pytest

_START = """
import sys
from types import SimpleNamespace

from app.api.backend import ApiKind
from app.core.deep_link import DeepLink
from app.launch_parts import api_ahead

kept, kind = sys.argv[1] == "kept", {"v1": ApiKind.V1, "v2": ApiKind.V2, "auto": None}[sys.argv[2]]
library = SimpleNamespace(may_keep_title=lambda code: kept)
services = SimpleNamespace(library=library, api=SimpleNamespace(expected_kind=lambda: kind))
link = DeepLink(sys.argv[3], "some-title", 1.0)
modules = ("httpx", "httpcore", "app.api.v1.backend", "app.api.v2.backend")
before = {name for name in modules if name in sys.modules}
api_ahead(link, services)
print(" ".join(name for name in modules if name in sys.modules and name not in before))
"""


def _loaded_ahead(library: str, kind: str, action: str = "play") -> str:
    done = subprocess.run(
        [sys.executable, "-c", _START, library, kind, action],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("kind", "loaded"),
    [
        ("v2", "httpx httpcore app.api.v2.backend"),
        ("v1", "httpx httpcore app.api.v1.backend"),
        ("auto", "httpx httpcore"),  # the automatic choice's probes name the backend later
    ],
)
def test_a_play_of_a_title_the_library_does_not_keep_loads_the_api_ahead(
    kind: str, loaded: str
) -> None:
    assert _loaded_ahead("not kept", kind) == loaded


def test_a_kept_title_s_play_and_a_title_link_load_nothing_ahead() -> None:
    assert _loaded_ahead("kept", "v2") == ""
    assert _loaded_ahead("not kept", "v2", action="title") == ""
