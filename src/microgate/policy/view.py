"""The data a tier's rules can see, and nothing more: cheaper to hand to CEL.

CEL converts every value it is given, nested ones included (about 0.3-0.5 µs each here), so
for the fast path the engine passes only what the tier's rules can name.  Manifest objects
and findings are records with fixed keys: a rule reads a field by writing its name
(``m.family``, ``has(app.runtime.latencySloMs)``, ``f.location.path``).  A key whose name
appears nowhere in any of the tier's rule texts — not as an identifier, not inside a string —
cannot be read, so it is left out.  The top-level ``app`` keys come from
:func:`~microgate.policy.celtext.fields_read`, which gives up (``None``: pass everything)
on any use of ``app`` other than ``app.key``.

Pruning happens at the source: :func:`include_spec` turns the names into a pydantic
``include`` specification, so ``Manifest.model_dump`` (Rust) never builds the unread parts.

Example:
    >>> from microgate.manifest.model import Manifest
    >>> spec = include_spec(Manifest, ("models",), frozenset({"family"}))
    >>> spec
    {'models': {'__all__': {'family': True}}}
    >>> m = Manifest.model_validate({"apiVersion": "microgate/v1", "name": "a", "owner": "o",
    ...     "userScope": "team", "models": [{"provider": "openai", "family": "gpt-4o"}]})
    >>> m.model_dump(mode="json", by_alias=True, include=spec)
    {'models': [{'family': 'gpt-4o'}]}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from microgate.findings import Finding
from microgate.policy.cel import plain
from microgate.yamlio.validate import _unwrap

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

IncludeSpec = dict[str, Any]


def names_in(texts: Iterable[str]) -> frozenset[str]:
    """Every identifier-like word in ``texts``, string contents included (a superset of
    the field names the expressions can read)."""
    return frozenset(word for text in texts for word in _NAME.findall(text))


def _spec_for(model: type[BaseModel], names: frozenset[str]) -> dict[str, Any]:
    spec: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if (info.alias or name) not in names:
            continue
        spec[name] = _nested(info.annotation, names)
    return spec


def _nested(annotation: Any, names: frozenset[str]) -> Any:
    models = _unwrap(annotation)
    if not models:
        return True
    inner = _spec_for(models[0], names)
    text = str(annotation)
    if "list[" in text or "tuple[" in text:
        return {"__all__": inner}
    return inner


def include_spec(
    model: type[BaseModel], fields: Sequence[str] | None, names: frozenset[str]
) -> IncludeSpec | None:
    """A ``model_dump(include=...)`` spec: the top-level ``fields`` (by alias), and below
    them only keys named in ``names``.  ``None`` when ``fields`` is ``None`` (dump all)."""
    if fields is None:
        return None
    wanted = set(fields)
    spec: IncludeSpec = {}
    for name, info in model.model_fields.items():
        if (info.alias or name) in wanted:
            spec[name] = _nested(info.annotation, names)
    return spec


def _location(f: Finding) -> dict[str, Any] | None:
    loc = f.location
    return None if loc is None else {"path": loc.path, "line": loc.line, "column": loc.column}


_FINDING_FIELDS: dict[str, Callable[[Finding], Any]] = {
    "ruleId": lambda f: f.rule_id,
    "level": lambda f: f.level.value,
    "message": lambda f: f.message,
    "location": _location,
    "fixHint": lambda f: f.fix_hint,
    "fingerprint": lambda f: f.fingerprint,
    "properties": lambda f: plain(f.properties) if f.properties else {},
}


@lru_cache(maxsize=32)
def _getters(names: frozenset[str] | None) -> tuple[tuple[str, Callable[[Finding], Any]], ...]:
    return tuple((k, get) for k, get in _FINDING_FIELDS.items() if names is None or k in names)


def finding_views(
    findings: Sequence[Finding], names: frozenset[str] | None
) -> list[dict[str, Any]]:
    """Findings as CEL sees them (the keys of :meth:`Finding.to_dict`), with only the keys
    named in ``names`` (all of them when ``names`` is ``None``)."""
    if not findings:
        return []
    getters = _getters(names)
    return [{key: get(f) for key, get in getters} for f in findings]
