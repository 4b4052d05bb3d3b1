"""The types a prompt variable may declare, and the check of one value against its type.

Values are checked strictly, without coercion: ``"3"`` is not an integer and ``true`` is not
a number, so a template sees exactly the types its author declared.

Example:
    >>> type_problem(VarType.INTEGER, 3), type_problem(VarType.INTEGER, "3")
    (None, "expected integer, got str '3'")
    >>> type_problem(VarType.ENUM, "fr", enum=("en", "de"))
    "expected one of 'en', 'de', got 'fr'"
    >>> type_problem(VarType.STRING, "abcdef", max_length=4)
    'expected at most 4 characters, got 6'
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

Scalar = str | int | float | bool


class VarType(StrEnum):
    """The declared type of a prompt variable."""

    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    LIST = "list"
    OBJECT = "object"
    ENUM = "enum"


TEXTUAL = frozenset({VarType.STRING, VarType.LIST, VarType.OBJECT})
"""Types whose values can carry free text into a prompt (and so instructions)."""


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _matches(kind: VarType, value: Any) -> bool:
    if kind is VarType.STRING:
        return isinstance(value, str)
    if kind is VarType.INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is VarType.NUMBER:
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        return numeric and math.isfinite(value)
    if kind is VarType.BOOLEAN:
        return isinstance(value, bool)
    if kind is VarType.LIST:
        return isinstance(value, list | tuple)
    if kind is VarType.OBJECT:
        return isinstance(value, Mapping)
    return isinstance(value, Scalar)  # ENUM: membership is checked by the caller


def type_problem(
    kind: VarType,
    value: Any,
    *,
    enum: Sequence[Scalar] | None = None,
    max_length: int | None = None,
) -> str | None:
    """Why ``value`` is not a valid ``kind`` (within ``enum`` / ``max_length``), or None."""
    if not _matches(kind, value):
        return f"expected {kind.value}, got {type(value).__name__} {_shown(value)}"
    if kind is VarType.ENUM and enum is not None:
        same = [v for v in enum if v == value and type(v) is type(value)]
        if not same:
            listed = ", ".join(repr(v) for v in enum)
            return f"expected one of {listed}, got {_shown(value)}"
    sized = isinstance(value, str | list | tuple)
    if max_length is not None and sized and len(value) > max_length:
        unit = "characters" if isinstance(value, str) else "items"
        return f"expected at most {max_length} {unit}, got {len(value)}"
    return None


def sample_value(kind: VarType, enum: Sequence[Scalar] | None = None) -> Any:
    """A plausible value of ``kind`` for a trial render (lint rule MG-L010).

    >>> [sample_value(k) for k in (VarType.STRING, VarType.INTEGER, VarType.BOOLEAN)]
    ['example', 1, True]
    """
    samples: dict[VarType, Any] = {
        VarType.STRING: "example",
        VarType.INTEGER: 1,
        VarType.NUMBER: 1.0,
        VarType.BOOLEAN: True,
        VarType.LIST: [],
        VarType.OBJECT: {},
    }
    if kind is VarType.ENUM:
        return enum[0] if enum else "example"
    return samples[kind]
