"""Property tests: generated and mutated payloads never crash the v2 parser.

Only valid models or `ApiError`-family exceptions may come out. Together these tests throw
more than 10,000 payloads at the parser (see `max_examples`).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api import ApiError
from app.api.media import MediaResolver
from app.api.v2.parse import V2Parser
from app.api.v2.websocket import FrameDecoder
from app.demo.catalog import generate
from app.demo.wire import SHAPE_28, SHAPE_213, WireOptions, title_json
from tests.model_check import assert_valid

FIXTURES = Path(__file__).parent.parent / "fixtures" / "v2-websocket"
PARSER = V2Parser(MediaResolver("https://api.example.org"))
_CATALOG = generate(count=30)
# Small titles (few episodes and files) keep each example cheap; the shapes are what matter.
_SMALL = [t for t in _CATALOG.titles.values() if 2 <= len(t.episodes) <= 3]
_CAPTURED_TITLE = json.loads((FIXTURES / "title_update.json").read_text())["title_update"]["title"]
_CAPTURED_TITLE["player"]["playlist"] = dict(
    list(_CAPTURED_TITLE["player"]["playlist"].items())[:3]
)
SEEDS: list[dict[str, Any]] = [
    title_json(_SMALL[0], WireOptions(shape=SHAPE_28, torrent_meta=True)),
    title_json(_SMALL[1], WireOptions(shape=SHAPE_213, playlist_type="array", torrent_meta=True)),
    title_json(_CATALOG.titles[9013], WireOptions(shape=SHAPE_28, description_type="html")),
    _CAPTURED_TITLE,
]

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(
        ["", "0", "12", "1.5", "-1", "1e400", "nan", "/x.jpg", "//h/p", "javascript:x"]
    )
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
# Thousands of payloads each: minutes on a busy two-core machine, more than the suite's default
# per-test timeout allows. The thoroughness is the point; the timeout only catches a hang.
LONG_RUN = pytest.mark.timeout(900)
FUZZ = settings(
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value[:3]):
            found += _paths(child, (*prefix, index))
    return found


_PATHS: dict[int, list[tuple[Any, ...]]] = {}


def _mutate(payload: dict[str, Any], data: st.DataObject) -> Any:
    """Replaces, deletes, nulls or wraps 1-6 places of a copy of `payload`."""
    paths = _PATHS.setdefault(id(payload), _paths(payload))
    mutated: Any = copy.deepcopy(payload)
    for _ in range(data.draw(st.integers(1, 6))):
        path = data.draw(st.sampled_from(paths))
        action = data.draw(st.sampled_from(["replace", "delete", "null", "wrap"]))
        if not path:
            if action == "replace":
                mutated = data.draw(json_values)
            continue
        try:  # an earlier mutation may have removed this place
            parent = mutated
            for key in path[:-1]:
                parent = parent[key]
            key = path[-1]
            parent[key]  # does the place still exist?
        except (KeyError, IndexError, TypeError):
            continue
        if not isinstance(parent, dict | list):  # an earlier mutation put a scalar here
            continue
        if action == "delete" and isinstance(parent, dict):
            del parent[key]
        elif action == "null":
            parent[key] = None
        elif action == "wrap":
            parent[key] = [parent[key]]
        else:
            parent[key] = data.draw(json_values)
    return mutated


def _check_title(raw: Any) -> None:
    try:
        title = PARSER.title(raw)
    except ApiError:
        return
    assert_valid(title)


@LONG_RUN
@FUZZ
@given(st.data())
def test_mutated_titles(data: st.DataObject) -> None:
    _check_title(_mutate(data.draw(st.sampled_from(SEEDS)), data))


@LONG_RUN
@FUZZ
@given(json_values)
def test_arbitrary_json_as_title(raw: Any) -> None:
    _check_title(raw)


@LONG_RUN
@FUZZ
@given(st.data())
def test_mutated_title_lists_and_description_forms(data: st.DataObject) -> None:
    items = [_mutate(data.draw(st.sampled_from(SEEDS)), data) for _ in range(2)]
    form = data.draw(st.sampled_from(["plain", "html", "no_view_order", "bogus"]))
    parser = PARSER.with_description_type(form)
    try:
        titles = parser.titles(items)
    except ApiError:
        return
    for title in titles:
        assert_valid(title)


@LONG_RUN
@settings(max_examples=1500, deadline=None)
@given(json_values, st.sampled_from(["schedule", "youtube_list", "feed", "years", "genres",
                                     "caching_nodes", "team", "seed_stats"]))  # fmt: skip
def test_every_other_method_parser(raw: Any, method: str) -> None:
    try:
        result = getattr(PARSER, method)(raw)
    except ApiError:
        return
    for item in result if isinstance(result, list) else [result]:
        if not isinstance(item, int | str):
            assert_valid(item)


CAPTURED = [
    json.loads((FIXTURES / "title_update.json").read_text()),
    json.loads((FIXTURES / "playlist_update.json").read_text()),
    *json.loads((FIXTURES / "encode.json").read_text())["amogus"],
    {"hash": "h", "title": SEEDS[0]},
    {"id": 9003, "serie": 2, "playlist": SEEDS[0]["player"]["playlist"]},
]


@LONG_RUN
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_websocket_frames(data: st.DataObject) -> None:
    # The stdlib encoder also writes what orjson refuses (NaN, huge integers): good test input.
    frame = json.dumps(_mutate(data.draw(st.sampled_from(CAPTURED)), data)).encode()
    if data.draw(st.booleans()):
        cut = data.draw(st.integers(0, len(frame)))
        frame = frame[:cut]
    try:
        event = FrameDecoder(PARSER).decode(frame)
    except ApiError:
        return
    if event is not None:
        assert_valid(event)
