"""Canonical JSON per RFC 8785 (JSON Canonicalization Scheme), for the values audit entries hold.

Objects have their keys sorted by UTF-16 code units, there is no whitespace, strings are
escaped as ECMAScript's ``JSON.stringify`` does, and numbers are written as ECMAScript
writes an IEEE-754 double.  NaN and infinities are refused, as are integers outside the
range a double holds exactly (JCS would silently round them).

Example:
    >>> canonical({"b": [1, 2.50, None], "a": "\\u20ac"}).decode()
    '{"a":"€","b":[1,2.5,null]}'
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

#: The largest integer an IEEE-754 double holds exactly.
MAX_SAFE_INTEGER = 2**53


class CanonicalJSONError(ValueError):
    """A value that has no RFC 8785 form (NaN, infinity, a huge integer, a non-JSON type)."""


def canonical(value: Any) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of a JSON value."""
    if _plain(value):  # no floats, no astral-plane keys: json.dumps already writes JCS
        try:
            return json.dumps(
                value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
            ).encode("utf-8")
        except UnicodeEncodeError:
            raise CanonicalJSONError("a string holds a lone surrogate") from None
    parts: list[str] = []
    _write(value, parts)
    try:
        return "".join(parts).encode("utf-8")
    except UnicodeEncodeError:
        raise CanonicalJSONError("a string holds a lone surrogate") from None


def _plain(value: Any) -> bool:
    """True when ``json.dumps(sort_keys=True)`` gives the JCS form of ``value``.

    That holds without floats (ECMAScript writes them differently), without integers a
    double cannot hold, and when every key sorts the same by code point as by UTF-16 code
    unit (no character beyond U+FFFF).
    """
    if value is None or isinstance(value, str | bool):
        return True
    if isinstance(value, int):
        return abs(value) <= MAX_SAFE_INTEGER
    if isinstance(value, dict):
        return all(
            type(k) is str and (k.isascii() or max(k) < "\U00010000") and _plain(v)
            for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    return False


def _write(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise CanonicalJSONError(f"integer {value} is outside the range of a double")
        out.append(str(value))
    elif isinstance(value, float):
        out.append(number(value))
    elif isinstance(value, Mapping):
        keys = list(value)
        if not all(isinstance(k, str) for k in keys):
            raise CanonicalJSONError("object keys must be strings")
        out.append("{")
        for i, key in enumerate(sorted(keys, key=lambda k: k.encode("utf-16-be", "surrogatepass"))):
            if i:
                out.append(",")
            out.append(json.dumps(key, ensure_ascii=False))
            out.append(":")
            _write(value[key], out)
        out.append("}")
    elif isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _write(item, out)
        out.append("]")
    else:
        raise CanonicalJSONError(f"{type(value).__name__} is not a JSON value")


def number(x: float) -> str:
    """ECMAScript's ``Number.prototype.toString`` of a double (ECMA-262 Number::toString).

    >>> [number(v) for v in (0.0, -0.0, 1e21, 1e-7, 123.0, 0.000001)]
    ['0', '0', '1e+21', '1e-7', '123', '0.000001']
    """
    if math.isnan(x) or math.isinf(x):
        raise CanonicalJSONError(f"{x} has no JSON form")
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    digits, n = _shortest(abs(x))
    k = len(digits)
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
        text = f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"
    return sign + text


def _shortest(x: float) -> tuple[str, int]:
    """The shortest round-trip decimal digits of ``x`` > 0 and n with x = 0.digits * 10^n."""
    mantissa, _, exp = repr(x).partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = (whole + frac).lstrip("0")
    n = (
        len(whole)
        + (int(exp) if exp else 0)
        - (len(whole + frac) - len((whole + frac).lstrip("0")))
    )
    return digits.rstrip("0") or "0", n
