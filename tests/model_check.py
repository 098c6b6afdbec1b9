"""Checks that a core model is well-formed: every field holds the type it declares."""

from __future__ import annotations

import functools
import types
import typing
from enum import Enum
from typing import Any

from msgspec import Struct
from msgspec.structs import fields


def _matches(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if hint is Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_matches(item, args[0]) for item in value)
        return len(args) == len(value) and all(
            _matches(item, arg) for item, arg in zip(value, args, strict=True)
        )
    if hint is float:
        return type(value) in (int, float)
    if hint is int:
        return type(value) is int or (isinstance(value, Enum) and isinstance(value, int))
    if isinstance(hint, type):
        if not isinstance(value, hint):
            return False
        if issubclass(hint, Struct):
            assert_valid(value)
        return True
    raise AssertionError(f"unhandled type hint {hint!r}")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def assert_valid(model: Any) -> None:
    assert isinstance(model, Struct), f"not a model: {model!r}"
    hints = _hints(type(model))
    for field in fields(model):
        value = getattr(model, field.name)
        assert _matches(value, hints[field.name]), (
            f"{type(model).__name__}.{field.name} = {value!r} is not {hints[field.name]}"
        )
