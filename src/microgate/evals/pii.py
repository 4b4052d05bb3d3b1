"""Structured PII in text: e-mail, phone, payment card (Luhn), IBAN (mod 97), US SSN.

Precompiled patterns with validators, so look-alikes (an order number, a date, a card number
that fails the checksum) are not reported. A phone number needs a leading ``+`` or
separators (a bare run of digits is more often an id or a timestamp). Placeholders such as
``<EMAIL_1>`` are not PII.

Example:
    >>> [m.kind for m in find_pii("mail jane@corp.example, card 4111 1111 1111 1111")]
    ['email', 'card']
    >>> find_pii("order ORD-123456 on 2024-05-01, card 4111 1111 1111 1112")
    []
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PIIMatch:
    kind: str
    start: int
    end: int
    value: str

    def masked(self) -> str:
        """The value with all but its first and last characters hidden."""
        v = self.value
        return v[0] + "*" * (len(v) - 2) + v[-1] if len(v) > 2 else "**"


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def iban_valid(text: str) -> bool:
    compact = re.sub(r"\s", "", text).upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _card(value: str) -> bool:
    digits = _digits(value)
    return 13 <= len(digits) <= 19 and luhn_valid(digits)


# ISO date, IPv4, SSN-shaped (those the SSN rules reject are not phones either)
_NOT_PHONE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,3}(?:\.\d{1,3}){3}$|\d{3}-\d{2}-\d{4}$")


def _phone(value: str) -> bool:
    digits = _digits(value)
    if not 9 <= len(digits) <= 15 or _NOT_PHONE.match(value):
        return False
    return value.startswith("+") or bool(re.search(r"[\s().-]", value))


_DETECTORS: list[tuple[str, re.Pattern[str], Callable[[str], bool]]] = [
    ("iban", re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b"), iban_valid),
    ("card", re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])"), _card),
    ("email", re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
     lambda v: True),
    ("ssn", re.compile(r"\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b"), lambda v: True),
    ("phone", re.compile(r"(?<![\w+])\+?(?:\(\d{1,4}\)|\d{1,4})"
                         r"(?:[ .-]?(?:\(\d{1,4}\)|\d{1,5})){1,5}(?![\w-])"), _phone),
]


_STRUCTURED = ("card", "iban")


def find_pii(text: str) -> list[PIIMatch]:
    """PII found in ``text``, in order of position; overlapping matches are reported once."""
    found: list[PIIMatch] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern, valid in _DETECTORS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if valid(match.group()):
                found.append(PIIMatch(kind, start, end, match.group()))
                taken.append((start, end))
            elif kind in _STRUCTURED:  # a number with a failed checksum is not a phone
                taken.append((start, end))
    return sorted(found, key=lambda m: m.start)
