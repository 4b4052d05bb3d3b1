"""Findings: the one shape every check produces (discover, policy, lint, later stages).

A finding says which rule, how serious, where (file:line), what is wrong and how to fix it.
Its identity (``fingerprint``) is built from content — rule, file and a hash of the offending
text — not the line number, so baselines and waivers survive edits that move lines.

Example:
    >>> f = Finding("MG-D001", Level.WARNING, "undeclared host api.example.com",
    ...             Location("app.py", 12), fix_hint="add it under integrations",
    ...             evidence="api.example.com")
    >>> f.location.render()
    'app.py:12'
    >>> len(f.fingerprint)
    16
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Level(StrEnum):
    """How serious a finding is. ``ERROR`` fails a gate; ``WARNING`` and ``NOTE`` do not."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "note": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the app: a path relative to the app root, and optionally line and column."""

    path: str
    line: int | None = None
    column: int | None = None

    def render(self) -> str:
        text = self.path
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by one rule."""

    rule_id: str
    level: Level
    message: str
    location: Location | None = None
    fix_hint: str = ""
    evidence: str = field(default="", repr=False)
    """Content the finding is about (hashed into the fingerprint, never printed)."""
    properties: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def fingerprint(self) -> str:
        """Content identity: rule + file + hash of the evidence (or message)."""
        basis = "\x1f".join(
            (
                self.rule_id,
                self.location.path if self.location else "",
                self.evidence or self.message,
            )
        )
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ruleId": self.rule_id,
            "level": self.level.value,
            "message": self.message,
            "location": None
            if self.location is None
            else {
                "path": self.location.path,
                "line": self.location.line,
                "column": self.location.column,
            },
            "fixHint": self.fix_hint,
            "fingerprint": self.fingerprint,
            "properties": self.properties,
        }
