"""Turning one rule's verdict into a :class:`CheckResult` with its reasons and evidence.

Example:
    >>> from microgate.policy.cel import CelEnvironment
    >>> from microgate.policy.rules import compile_rule
    >>> from microgate.policy.pack import RuleSpec, Severity
    >>> rule = compile_rule(CelEnvironment(), RuleSpec(id="R1", description="d",
    ...     severity=Severity.WARN, tiers=["high"], condition="true", message="m"),
    ...     pack="p", source="p.yaml")
    >>> skipped_result(rule, Tier.LOW).reasons
    ('applies to tiers high; the app is tier low',)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from microgate.classify import Tier
from microgate.findings import Finding, Location
from microgate.policy.cel import Activation
from microgate.policy.rules import PolicyRule
from microgate.policy.waivers import Waiver, match_waiver
from microgate.report.model import CheckResult, Outcome, RuleInfo


def skipped_result(rule: PolicyRule, tier: Tier, info: RuleInfo | None = None) -> CheckResult:
    """The rule does not apply: disabled by a pack, or not for this tier."""
    info = info or rule.info
    if not rule.enabled:
        reason = "; ".join(c for c in rule.changes if c.startswith("disabled")) or "disabled"
        return CheckResult(info, Outcome.SKIPPED, "rule disabled", reasons=(reason,))
    tiers = ", ".join(t.value for t in rule.tiers)
    return CheckResult(
        info,
        Outcome.SKIPPED,
        f"not applicable to tier {tier.value}",
        reasons=(f"applies to tiers {tiers}; the app is tier {tier.value}",),
    )


def passed_result(rule: PolicyRule, tier: Tier, info: RuleInfo | None = None) -> CheckResult:
    return CheckResult(
        info or rule.info,
        Outcome.PASS,
        rule.description,
        reasons=(f"condition holds on tier {tier.value}", *rule.changes),
    )


def error_result(
    rule: PolicyRule,
    info: RuleInfo,
    problem: str,
    findings: Sequence[Finding],
    manifest_path: str,
) -> CheckResult:
    """The condition could not be evaluated: counts as failed (blocking for a deny rule)."""
    message = f"could not evaluate: {problem}"
    return CheckResult(
        info,
        Outcome.ERROR,
        message,
        reasons=(message, *rule.changes),
        findings=evidence(rule, message, findings, manifest_path),
    )


def failed_result(
    rule: PolicyRule,
    info: RuleInfo,
    tier: Tier,
    activation: Activation | None,
    findings: Sequence[Finding],
    manifest_path: str,
    message: str | None = None,
) -> CheckResult:
    """The condition does not hold; the message is ``message`` when already computed, else
    from ``messageExpression`` if any, else the rule's fixed message."""
    notes: tuple[str, ...] = ()
    if message is None and rule.message_expression is not None and activation is not None:
        text = rule.message_expression.evaluate(activation)
        if text.ok and isinstance(text.value, str) and text.value:
            message = text.value
        elif not text.ok:
            notes = (f"messageExpression could not be evaluated: {text.error}",)
    message = message or rule.message
    reasons = (f"condition does not hold on tier {tier.value}: {message}", *notes, *rule.changes)
    return CheckResult(
        info,
        Outcome.FAIL,
        message,
        reasons=reasons,
        findings=evidence(rule, message, findings, manifest_path),
    )


def evidence(
    rule: PolicyRule, message: str, findings: Sequence[Finding], manifest_path: str
) -> tuple[Finding, ...]:
    """Findings for a failed rule: one at each related discovery finding (so reports point
    at file:line in the code), else one at the manifest."""
    level = rule.severity.level
    related = [f for f in findings if f.rule_id in rule.related_findings] if findings else ()
    if related:
        return tuple(
            Finding(
                rule.id,
                level,
                f"{message}: {f.message}",
                f.location,
                rule.fix_hint,
                # the discovery finding's own content identity (not its line)
                evidence=f"{f.rule_id}\x1f{f.evidence or f.message}",
            )
            for f in related
        )
    return (
        Finding(rule.id, level, message, Location(manifest_path), rule.fix_hint, evidence=message),
    )


def apply_waivers(
    result: CheckResult, waivers: Sequence[Waiver], app: str, today: date
) -> CheckResult:
    """A failed result covered by an active waiver becomes ``waived``; every waiver that
    bears on the rule (active, expired or not needed) is named in the reasons."""
    match = match_waiver(waivers, result.rule.id, app, today)
    if match.active is not None:
        waiver = match.active
        if result.outcome is Outcome.FAIL:
            return CheckResult(
                result.rule,
                Outcome.WAIVED,
                result.message,
                result.findings,
                (*result.reasons, f"waived {waiver.describe()}"),
            )
        if result.outcome is Outcome.ERROR:
            note = f"waiver {waiver.describe()} does not cover evaluation errors"
        else:
            note = f"waiver {waiver.describe()} is not needed: the rule passes"
    elif match.expired is not None:
        waiver = match.expired
        note = (
            f"waiver expired on {waiver.expires.isoformat()} "
            f"(approved by {waiver.approver}, {waiver.where})"
        )
    else:
        return result
    return CheckResult(
        result.rule, result.outcome, result.message, result.findings, (*result.reasons, note)
    )
