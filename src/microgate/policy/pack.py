"""The policy pack file format (``kind: PolicyPack``), as pydantic models.

A pack is data, not Python.  Each rule's ``condition`` is a CEL expression that must
**hold** (evaluate to ``true``) for the app to pass: write what a compliant app looks like,
not what a violation looks like.  ``false`` fails the rule with its ``message`` (or the
text its ``messageExpression`` computes); an evaluation error also fails it.

.. code-block:: yaml

    apiVersion: microgate/v1
    kind: PolicyPack
    name: acme-overrides
    params:
      allowedModelFamilies: [gpt-4o, claude-sonnet]   # deep-merged over earlier packs
    rules:
      - id: ACME-001
        name: tagged
        description: Every app carries a cost-centre tag.
        severity: warn                   # deny | warn | audit
        tiers: [medium, high]            # default: all tiers
        condition: app.tags.exists(t, t.startsWith('cc-'))   # must hold
        message: no cost-centre tag
        fixHint: add a tag such as 'cc-1234' under tags
    overrides:
      - {id: MG-P002, severity: deny}    # change a rule from an earlier pack
      - {id: MG-P014, enabled: false}    # or switch it off

Example:
    >>> from microgate.yamlio import load_yaml_text
    >>> doc = load_yaml_text(
    ...     "apiVersion: microgate/v1\\nkind: PolicyPack\\nname: p\\nrules:\\n"
    ...     "  - {id: R1, description: d, severity: warn, condition: 'true', message: m}\\n")
    >>> parse_pack(doc).rules[0].tiers
    [<Tier.LOW: 'low'>, <Tier.MEDIUM: 'medium'>, <Tier.HIGH: 'high'>]
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.alias_generators import to_camel

from microgate.classify import ALL_TIERS, Tier
from microgate.errors import InputError
from microgate.findings import Level
from microgate.yamlio import LoadedYaml, validate_document

RULE_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"


class Severity(StrEnum):
    """What a failed rule does: ``deny`` blocks, ``warn`` reports, ``audit`` only records."""

    DENY = "deny"
    WARN = "warn"
    AUDIT = "audit"

    @property
    def level(self) -> Level:
        """The report level: deny -> error, warn -> warning, audit -> note."""
        return _LEVELS[self.value]


_LEVELS = {"deny": Level.ERROR, "warn": Level.WARNING, "audit": Level.NOTE}


class _Model(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
    )


def _unique_tiers(value: list[Tier]) -> list[Tier]:
    if not value:
        raise ValueError("list at least one tier: low, medium or high")
    return sorted(set(value), key=lambda t: t.rank)


class RuleSpec(_Model):
    """One rule as written in a pack."""

    id: str = Field(pattern=RULE_ID_PATTERN, description="Unique id, e.g. 'MG-P001'.")
    name: str = Field("", description="Short kebab-case name; defaults to the id.")
    description: str = Field(min_length=1, description="What the rule requires, in one line.")
    severity: Severity
    tiers: list[Tier] = Field(default_factory=lambda: list(ALL_TIERS))
    condition: str = Field(min_length=1, description="CEL; must hold (be true) to pass.")
    message: str = Field(min_length=1, description="Shown when the condition does not hold.")
    message_expression: str = Field("", description="CEL producing the failure message.")
    fix_hint: str = Field("", description="How to make the condition hold.")
    related_findings: list[str] = Field(
        default_factory=list,
        description="Finding rule ids attached to a failure (for file:line in reports).",
    )

    _tiers = field_validator("tiers")(_unique_tiers)


class RuleOverride(_Model):
    """A change to a rule defined by an earlier pack (the shipped default or an org pack)."""

    id: str = Field(pattern=RULE_ID_PATTERN)
    severity: Severity | None = None
    enabled: bool | None = None
    tiers: list[Tier] | None = None

    @field_validator("tiers")
    @classmethod
    def _tiers(cls, value: list[Tier] | None) -> list[Tier] | None:
        return None if value is None else _unique_tiers(value)

    @model_validator(mode="after")
    def _changes_something(self) -> RuleOverride:
        if self.severity is None and self.enabled is None and self.tiers is None:
            raise ValueError("an override changes 'severity', 'enabled' or 'tiers'")
        return self


class PackDocument(_Model):
    """A policy pack file."""

    api_version: Literal["microgate/v1"]
    kind: Literal["PolicyPack"]
    name: str = Field(min_length=1)
    description: str = ""
    params: dict[str, Any] = Field(default_factory=dict)
    rules: list[RuleSpec] = Field(default_factory=list)
    overrides: list[RuleOverride] = Field(default_factory=list)


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def parse_pack(doc: LoadedYaml) -> PackDocument:
    """Validate a loaded pack; duplicate rule ids are an :class:`InputError` at the second one."""
    pack = validate_document(PackDocument, doc)
    seen: dict[str, int] = {}
    for index, rule in enumerate(pack.rules):
        if rule.id in seen:
            first, _ = doc.position(("rules", seen[rule.id]))
            line, column = doc.position(("rules", index, "id"))
            raise InputError(
                doc.source,
                f"duplicate rule id '{rule.id}' (first defined on line {first})",
                line=line,
                column=column,
                key_path=f"rules[{index}].id",
            )
        seen[rule.id] = index
    return pack
