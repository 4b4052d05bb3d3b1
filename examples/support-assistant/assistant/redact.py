"""Replace customer PII with reversible placeholders before text leaves for a model."""

from __future__ import annotations

import re

PATTERNS = {
    "EMAIL": re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
    "PHONE": re.compile(r"\+?\d[\d\s().-]{7,}\d"),
    "CARD": re.compile(r"\b(?:\d[ -]?){13,19}\b"),
    "IBAN": re.compile(r"\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b"),
}


def redact(text: str) -> tuple[str, dict[str, str]]:
    mapping: dict[str, str] = {}
    for kind, pattern in PATTERNS.items():
        def substitute(match: re.Match[str], kind: str = kind) -> str:
            token = f"<{kind}_{len(mapping) + 1}>"
            mapping[token] = match.group(0)
            return token
        text = pattern.sub(substitute, text)
    return text, mapping


def restore(text: str, mapping: dict[str, str]) -> str:
    for token, original in mapping.items():
        text = text.replace(token, original)
    return text
