"""Example payloads built from the v1 OpenAPI description: each schema filled with its documented
`example` values (the fake v1 server and the parser tests speak exactly the documented shapes)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

# The service's published OpenAPI description, vendored so tests need no network.
SPEC = Path(__file__).resolve().parents[2] / "fixtures" / "v1" / "aniliberty-v1-openapi.json"


@cache
def spec() -> dict[str, Any]:
    return json.loads(SPEC.read_text(encoding="utf-8"))


def schema(name: str) -> dict[str, Any]:
    return spec()["components"]["schemas"][name]


def example(node: dict[str, Any], depth: int = 0) -> Any:
    """A value for a schema node: its example, else one built from its parts."""
    if depth > 12:
        return None
    if "$ref" in node:
        return example(schema(node["$ref"].rsplit("/", 1)[-1]), depth + 1)
    if "allOf" in node:
        merged: dict[str, Any] = {}
        for part in node["allOf"]:
            value = example(part, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    if "example" in node:
        return node["example"]
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        return {key: example(sub, depth + 1) for key, sub in node.get("properties", {}).items()}
    if kind == "array":
        return [example(node.get("items", {}), depth + 1) for _ in range(2)]
    return {"string": "", "integer": 0, "number": 0, "boolean": False}.get(str(kind))


# ----- the live service's shapes -----
# What the live service sends where its description says otherwise (README, "v1: the live
# service and its description"), applied to a documented example.

LIVE_IMAGE_KEYS = ("poster", "preview")  # release posters and episode stills: `src`, not `preview`
# Bare arrays where the description wraps the list in {"data": [...]}.
UNWRAPPED = ("/anime/schedule/week", "/anime/franchises/release/{releaseId}", "/media/videos")


def live_image(image: Any) -> Any:
    if not isinstance(image, dict):
        return image
    renamed = {("src" if key == "preview" else key): value for key, value in image.items()}
    if isinstance(renamed.get("optimized"), dict):
        renamed["optimized"] = live_image(renamed["optimized"])
    return renamed


def live(node: Any, path: str = "") -> Any:
    """A documented answer as the live service sends it."""
    if path in UNWRAPPED and isinstance(node, dict) and "data" in node:
        return live(node["data"])
    if isinstance(node, list):
        return [live(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key.startswith("added_in_") and key.endswith("_collection"):
            continue  # not sent
        if key in LIVE_IMAGE_KEYS and isinstance(value, dict) and "optimized" in value:
            result[key] = live_image(value)
        elif key == "meta" and isinstance(value, dict) and "pagination" not in value:
            result[key] = {"pagination": value}  # nested, where the description has it flat
        else:
            result[key] = live(value)
    if "alias" in node and "is_ongoing" in node:
        result["episodes_are_unknown"] = False  # sent, not documented
    return result
