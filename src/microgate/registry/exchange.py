"""Read a registry JSON export: fast ``json`` parsing, located problems when it is wrong.

Valid files are parsed with the standard ``json`` module.  When validation fails, the text
is read again with the house YAML loader (JSON is YAML) to put a line and column on each
problem, e.g. ``registry.json:41:19: at 'apps[1].runs[0].result': got 'ok'; ...``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from microgate.errors import InputError
from microgate.registry.documents import AppDoc, RegistryDoc
from microgate.yamlio import Limits, LoadedYaml, load_yaml_text, validate_document

#: The largest registry export we read.
MAX_BYTES = 64 * 1_048_576
#: Above this size a bad file's problems are reported without line numbers (positions cost memory).
MAX_LOCATED_BYTES = 8 * 1_048_576


def parse_registry(data: str | Mapping[str, Any], source: str) -> list[AppDoc]:
    """The apps of a registry export given as JSON text or as an already parsed mapping."""
    if not isinstance(data, str):
        return validate_document(RegistryDoc, LoadedYaml(source, dict(data))).apps
    size = len(data.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise InputError(source, f"larger than the {MAX_BYTES:,}-byte limit for a registry export")
    try:
        value = json.loads(data)
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno
        ) from None
    except RecursionError:
        raise InputError(source, "invalid JSON: nested too deeply") from None
    try:
        return validate_document(RegistryDoc, LoadedYaml(source, value)).apps
    except InputError:
        if size > MAX_LOCATED_BYTES:
            raise
        located = _locate(data, source)
        if located is None:
            raise
        raise located from None


def _locate(text: str, source: str) -> InputError | None:
    """The validation error of ``text`` with positions, or None if it cannot be had."""
    limits = Limits(max_bytes=MAX_LOCATED_BYTES, max_nodes=2_000_000, max_depth=64, max_aliases=0)
    try:
        doc = load_yaml_text(text, source=source, limits=limits)
    except InputError:  # valid JSON that PyYAML reads differently (tabs, say): no positions
        return None
    try:
        validate_document(RegistryDoc, doc)
    except InputError as exc:
        return exc
    return None
