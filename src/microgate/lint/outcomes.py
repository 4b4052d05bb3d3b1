"""Turn the findings of a lint part into one :class:`CheckResult` per rule.

A rule with findings fails, a rule without passes, a rule that could not run is skipped with
the reason.  Findings keep their order (file, then line).

Example:
    >>> from microgate.findings import Finding, Level, Location
    >>> rule = RuleInfo("MG-S001", "secret-found", "No hard-coded secrets")
    >>> f = Finding("MG-S001", Level.ERROR, "Slack Token in .env", Location(".env", 2))
    >>> [r.outcome.value for r in check_results([rule], [f])]
    ['fail']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from microgate.findings import Finding
from microgate.report.model import CheckResult, Outcome, RuleInfo


def _order(f: Finding) -> tuple[str, int, int]:
    loc = f.location
    return (loc.path, loc.line or 0, loc.column or 0) if loc else ("", 0, 0)


def check_results(
    rules: Sequence[RuleInfo],
    findings: Iterable[Finding],
    *,
    skipped: Mapping[str, str] | None = None,
    passed: Mapping[str, str] | None = None,
) -> list[CheckResult]:
    """One result per rule; ``skipped`` maps rule ids to why they did not run, ``passed`` to
    the message of a pass (default: "no findings")."""
    by_rule: dict[str, list[Finding]] = {r.id: [] for r in rules}
    for finding in findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    out = []
    for rule in rules:
        found = sorted(by_rule[rule.id], key=_order)
        if found:
            noun = "finding" if len(found) == 1 else "findings"
            out.append(CheckResult(rule, Outcome.FAIL, f"{len(found)} {noun}", tuple(found)))
        elif skipped and rule.id in skipped:
            out.append(CheckResult(rule, Outcome.SKIPPED, skipped[rule.id]))
        else:
            message = (passed or {}).get(rule.id, "no findings")
            out.append(CheckResult(rule, Outcome.PASS, message))
    return out
