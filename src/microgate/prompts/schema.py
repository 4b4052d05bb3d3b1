"""Is a prompt's ``outputSchema`` a valid JSON Schema?  Checked against its meta-schema.

The dialect is the one ``$schema`` names, else Draft 2020-12.  Nothing is fetched: the
meta-schemas ship with ``jsonschema`` and ``$ref`` targets are not resolved here.

Example:
    >>> output_schema_problems({"type": "object", "required": ["answer"]})
    []
    >>> [(list(p), m) for p, m in output_schema_problems({"type": "obj"})]
    [(['type'], "'obj' is not valid under any of the given schemas")]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jsonschema.validators import (  # type: ignore[import-untyped]
    Draft202012Validator,
    validator_for,
)

SchemaProblem = tuple[tuple[str | int, ...], str]


def output_schema_problems(schema: Mapping[str, Any]) -> list[SchemaProblem]:
    """Each way ``schema`` breaks its meta-schema: (path inside the schema, message)."""
    cls: Any = validator_for(dict(schema), default=Draft202012Validator)
    meta = cls(cls.META_SCHEMA)
    problems: list[SchemaProblem] = []
    for error in sorted(meta.iter_errors(dict(schema)), key=lambda e: list(map(str, e.path))):
        problems.append((tuple(error.path), error.message[:300]))
    return problems
