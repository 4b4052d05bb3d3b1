"""A policy rule after loading: its spec with the CEL compiled once, and where it came from.

Example:
    >>> from microgate.policy.cel import CelEnvironment
    >>> spec = RuleSpec(id="R1", description="has an owner", severity=Severity.DENY,
    ...                 condition="app.owner != ''", message="no owner")
    >>> rule = compile_rule(CelEnvironment(), spec, pack="p", source="p.yaml", line=3)
    >>> rule.info.level.value, rule.applies_to(Tier.LOW)
    ('error', True)
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from microgate.classify import ALL_TIERS, Tier
from microgate.policy.cel import CelEnvironment, CompiledExpr, Returns
from microgate.policy.pack import RuleOverride, RuleSpec, Severity
from microgate.report.model import RuleInfo


@dataclass(frozen=True)
class PolicyRule:
    """One compiled rule. ``condition`` must hold (be true) for an app to pass."""

    id: str
    name: str
    description: str
    severity: Severity
    tiers: tuple[Tier, ...]
    condition: CompiledExpr
    message: str
    message_expression: CompiledExpr | None = None
    fix_hint: str = ""
    related_findings: tuple[str, ...] = ()
    pack: str = ""
    source: str = ""
    line: int | None = None
    enabled: bool = True
    changes: tuple[str, ...] = ()
    """What org overrides changed, e.g. ``"severity warn -> deny by pack acme (acme.yaml:9)"``."""

    @property
    def info(self) -> RuleInfo:
        """The report metadata of this rule (level from severity, fix hint as help)."""
        return RuleInfo(
            id=self.id,
            name=self.name,
            description=self.description,
            help=self.fix_hint,
            level=self.severity.level,
            tags=("policy", self.severity.value, *(t.value for t in self.tiers)),
        )

    @property
    def defined_at(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def applies_to(self, tier: Tier) -> bool:
        return self.enabled and tier in self.tiers

    def overridden(self, override: RuleOverride, *, pack: str, where: str) -> PolicyRule:
        """This rule with ``override`` applied, remembering who changed what."""
        rule = self
        by = f"by pack {pack} ({where})"
        if override.severity is not None and override.severity is not rule.severity:
            change = f"severity {rule.severity.value} -> {override.severity.value} {by}"
            rule = replace(rule, severity=override.severity, changes=(*rule.changes, change))
        if override.tiers is not None and tuple(override.tiers) != rule.tiers:
            names = ", ".join(t.value for t in override.tiers)
            rule = replace(
                rule,
                tiers=tuple(override.tiers),
                changes=(*rule.changes, f"tiers set to {names} {by}"),
            )
        if override.enabled is not None and override.enabled != rule.enabled:
            change = f"{'enabled' if override.enabled else 'disabled'} {by}"
            rule = replace(rule, enabled=override.enabled, changes=(*rule.changes, change))
        return rule


def compile_rule(
    env: CelEnvironment,
    spec: RuleSpec,
    *,
    pack: str,
    source: str,
    line: int | None = None,
    key_path: str = "",
    condition_at: tuple[int | None, int | None] = (None, None),
    message_at: tuple[int | None, int | None] = (None, None),
) -> PolicyRule:
    """Compile ``spec``'s CEL (condition and optional message expression) once.

    ``condition_at`` and ``message_at`` are the (line, column) of those values in the pack,
    for error messages; ``line`` is the rule's own line.
    """
    condition = env.compile(
        spec.condition,
        source,
        spec.id,
        returns=Returns.BOOL,
        line=condition_at[0] or line,
        column=condition_at[1],
        key_path=f"{key_path}.condition".lstrip("."),
        what="condition",
    )
    message_expr = None
    if spec.message_expression:
        message_expr = env.compile(
            spec.message_expression,
            source,
            spec.id,
            returns=Returns.STRING,
            line=message_at[0] or line,
            column=message_at[1],
            key_path=f"{key_path}.messageExpression".lstrip("."),
            what="messageExpression",
        )
    return PolicyRule(
        id=spec.id,
        name=spec.name or spec.id.lower(),
        description=spec.description,
        severity=spec.severity,
        tiers=tuple(spec.tiers) or ALL_TIERS,
        condition=condition,
        message=spec.message,
        message_expression=message_expr,
        fix_hint=spec.fix_hint,
        related_findings=tuple(spec.related_findings),
        pack=pack,
        source=source,
        line=line,
    )
