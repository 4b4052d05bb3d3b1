"""Discovery as a :class:`~microgate.report.model.Report`: one check result per MG-D rule.

Without a manifest only the rules that need none run (MG-D005 hard-coded secrets, MG-D010
files not scanned); the others are ``SKIPPED``.  A rule with findings ``FAIL``s; only MG-D005
is error-level, so only a hard-coded secret makes the report block.
"""

from __future__ import annotations

from pathlib import Path

from microgate.discover.draft import sanitise_name
from microgate.discover.result import Discovery
from microgate.discover.rules import ALWAYS, RULES
from microgate.discover.undeclared import always, undeclared
from microgate.findings import Finding
from microgate.manifest.model import Manifest
from microgate.report.model import CheckResult, Outcome, Report


def _result(rule_id: str, findings: list[Finding]) -> CheckResult:
    rule = RULES[rule_id]
    if not findings:
        return CheckResult(rule, Outcome.PASS, "nothing undeclared")
    noun = "finding" if len(findings) == 1 else "findings"
    return CheckResult(rule, Outcome.FAIL, f"{len(findings)} {noun}", tuple(findings))


def discovery_report(root: Path | str, discovery: Discovery, manifest: Manifest | None) -> Report:
    """The report for one app (tool ``discover``), with a summary of what was found."""
    findings = always(discovery) if manifest is None else undeclared(discovery, manifest)
    by_rule: dict[str, list[Finding]] = {rule_id: [] for rule_id in RULES}
    for finding in findings:
        by_rule[finding.rule_id].append(finding)
    app = manifest.name if manifest is not None else sanitise_name(discovery.name)
    report = Report(tool="discover", subject=str(root), app=app)
    for rule_id, items in by_rule.items():
        if manifest is None and rule_id not in ALWAYS:
            report.add(
                CheckResult(RULES[rule_id], Outcome.SKIPPED, "no microgate.yaml to compare with")
            )
        else:
            report.add(_result(rule_id, items))
    report.summary = {"manifest": manifest is not None, "observed": discovery.summary()}
    return report
