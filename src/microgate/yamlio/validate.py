"""Turn pydantic validation errors into located, actionable problems.

Every loader (manifest, policy packs, waivers, later prompts and eval suites) validates its
plain data with :func:`validate_document`; a failure raises one :class:`InputError` listing each
problem with its line, column and key path, what was expected, and for an unknown key the
closest valid one.

Example:
    >>> from pydantic import BaseModel, ConfigDict
    >>> class Cfg(BaseModel):
    ...     model_config = ConfigDict(extra="forbid")
    ...     timeout: int = 1
    >>> from microgate.yamlio import load_yaml_text
    >>> doc = load_yaml_text("timout: 3\\n", source="cfg.yaml")
    >>> try:
    ...     validate_document(Cfg, doc)
    ... except InputError as err:
    ...     print(err)
    cfg.yaml:1:1: at 'timout': unknown key (did you mean 'timeout'?)
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from microgate.errors import InputError, Problem
from microgate.yamlio.loader import LoadedYaml

M = TypeVar("M", bound=BaseModel)

_EXPECTED = {
    "missing": "required key is missing",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "string_type": "expected text",
    "list_type": "expected a list",
    "dict_type": "expected a mapping of keys to values",
    "model_type": "expected a mapping of keys to values",
    "model_attributes_type": "expected a mapping of keys to values",
}


def format_path(loc: tuple[str | int, ...]) -> str:
    """``('models', 0, 'family')`` -> ``models[0].family``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation may hold (through Optional, list, dict, Annotated)."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType, list, tuple, set, frozenset, dict):
        found: list[Any] = []
        args = get_args(annotation)
        if origin is dict and args:
            args = args[1:]
        for arg in args:
            found.extend(_unwrap(arg))
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = None
        for name, info in current.model_fields.items():
            if part in (name, info.alias):
                field = info
                break
        if field is None:
            continue  # a union tag or dict key in pydantic's loc; stay at this model
        candidates = _unwrap(field.annotation)
        current = candidates[0] if candidates else None
    return current


def allowed_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys a mapping at ``loc`` may hold, as written in YAML."""
    target = _model_at(model, loc)
    if target is None:
        return []
    return [info.alias or name for name, info in target.model_fields.items()]


def _message(error: Any, model: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[str, str]:
    kind = error["type"]
    if kind == "extra_forbidden":
        keys = allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), keys, n=1, cutoff=0.6)
        if close:
            return "unknown key", f"did you mean '{close[0]}'?"
        return "unknown key", f"expected one of: {', '.join(sorted(keys))}" if keys else ""
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        got = error.get("input")
        return f"got {got!r}; expected {expected}", ""
    if kind in _EXPECTED:
        got = error.get("input")
        suffix = "" if kind == "missing" else f", got {type(got).__name__} {got!r}"[:120]
        return _EXPECTED[kind] + suffix, ""
    message = str(error.get("msg", "invalid value"))
    return message.removeprefix("Value error, "), ""


def problems_from(exc: ValidationError, model: type[BaseModel], doc: LoadedYaml) -> list[Problem]:
    """Each pydantic error as a :class:`Problem` positioned in ``doc``."""
    problems = []
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if isinstance(p, int) or "[" not in str(p))
        message, hint = _message(error, model, loc)
        on_key = error["type"] == "extra_forbidden"
        line, column = doc.position(loc, key=on_key)
        problems.append(Problem(message, line, column, format_path(loc), hint))
    return problems


def validate_document(model: type[M], doc: LoadedYaml, *, context: Any = None) -> M:
    """Validate ``doc.data`` as ``model``; raise :class:`InputError` with every problem."""
    if not isinstance(doc.data, dict):
        got = "an empty file" if doc.data is None else f"a {type(doc.data).__name__}"
        raise InputError(doc.source, f"expected a mapping of keys to values at the top, got {got}")
    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        raise InputError(doc.source, problems=problems_from(exc, model, doc)) from None
