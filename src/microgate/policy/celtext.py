"""Reading and writing CEL *text*: which fields of a variable an expression reads, and
plain Python data written as a CEL literal.

Both serve speed.  Binding a value for CEL converts all of it, so the engine passes only the
top-level ``app`` keys the rules read (found here by a conservative scan: any use of ``app``
other than ``app.key`` / ``app.?key`` means "all of it"), and compiles the constant
``params`` into the expressions as a literal instead of converting them for every app.

Example:
    >>> sorted(fields_read("app.models.all(m, m.redaction) && has(app.quantum)", "app"))
    ['models', 'quantum']
    >>> fields_read("size(app) > 0", "app") is None
    True
    >>> literal({"a": [1, 2.5, None, True], "b": "x"})
    '{"a": [1, 2.5, null, true], "b": "x"}'
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

_STRING = re.compile(
    r"""(?<!\w)[bB]?[rR][bB]?(?:'''.*?'''|\"\"\".*?\"\"\"|'[^'\n]*'|"[^"\n]*")"""  # raw: no escapes
    r"""|[bB]?(?:'''(?:\\.|[^\\])*?'''|\"\"\"(?:\\.|[^\\])*?\"\"\"|'(?:\\.|[^\\'\n])*'|"(?:\\.|[^\\"\n])*")"""
    r"""|//[^\n]*""",
    re.DOTALL,
)
_FIELD = re.compile(r"\s*\.\??\s*([A-Za-z_][A-Za-z0-9_]*)")
_INT64 = (-(2**63), 2**63 - 1)


def code_only(text: str) -> str:
    """``text`` with string literals emptied and comments removed."""
    return _STRING.sub(lambda m: '""' if not m.group(0).startswith("//") else "", text)


def fields_read(text: str, variable: str) -> frozenset[str] | None:
    """Top-level fields of ``variable`` that ``text`` reads; ``None`` when it may read all.

    Conservative: every mention of the variable must be a field selection (``v.key`` or
    ``v.?key``), otherwise the answer is ``None``.
    """
    code = code_only(text)
    fields: set[str] = set()
    for match in re.finditer(rf"(?<![\w.]){re.escape(variable)}(?!\w)", code):
        selected = _FIELD.match(code, match.end())
        if selected is None:
            return None
        fields.add(selected.group(1))
    return frozenset(fields)


def literal(value: Any) -> str:
    """``value`` (plain data: None, bool, int, float, str, list, str/int-keyed mapping) as
    CEL source text; anything else raises :class:`ValueError`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise ValueError(f"integer {value} does not fit CEL's int")
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return f'double("{value}")'
        text = repr(value)
        return text if any(c in text for c in ".eE") else text + ".0"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("text with lone surrogates") from None
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, Mapping):
        items = []
        for key, item in value.items():
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise ValueError(f"map key {key!r} is not text or a whole number")
            items.append(f"{literal(key)}: {literal(item)}")
        return "{" + ", ".join(items) + "}"
    raise ValueError(f"cannot write {type(value).__name__} as a CEL literal")
