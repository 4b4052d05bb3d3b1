"""One result model for every output format.

A :class:`Report` is what a command found: the rules it applied (:class:`RuleInfo`, the
metadata SARIF and JUnit need), one :class:`CheckResult` per rule with its outcome, and the
findings behind each failure.  Renderers in this package turn it into text, JSON, SARIF 2.1.0,
JUnit XML, GitHub annotations or Markdown; none of them decides anything.

Example:
    >>> rule = RuleInfo("MG-P001", "models-allowed", "Only allowed model families",
    ...                 help="Use a family listed in the policy.", level=Level.ERROR)
    >>> r = Report(tool="gate", subject="examples/notes")
    >>> r.add(CheckResult(rule, Outcome.PASS, "all models allowed"))
    >>> r.exit_code
    0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from microgate.findings import Finding, Level


class Outcome(StrEnum):
    """What became of one rule for one app."""

    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"  # the rule could not be evaluated: counts as failed, never passed
    WAIVED = "waived"
    SKIPPED = "skipped"  # not applicable (tier or stage)


@dataclass(frozen=True)
class RuleInfo:
    """Metadata of a rule, shared by every report format."""

    id: str
    name: str
    description: str
    help: str = ""
    level: Level = Level.ERROR
    tags: tuple[str, ...] = ()
    help_uri: str = ""


@dataclass(frozen=True)
class CheckResult:
    """One rule's outcome, with the reasons and findings behind it."""

    rule: RuleInfo
    outcome: Outcome
    message: str = ""
    findings: tuple[Finding, ...] = ()
    reasons: tuple[str, ...] = ()

    @property
    def blocking(self) -> bool:
        """True when this result fails the run (an error-level rule that failed or errored)."""
        return self.outcome in (Outcome.FAIL, Outcome.ERROR) and self.rule.level is Level.ERROR


@dataclass
class Report:
    """Everything one command found about one app."""

    tool: str
    subject: str
    app: str = ""
    results: list[CheckResult] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def add(self, result: CheckResult) -> None:
        self.results.append(result)

    def extend(self, results: list[CheckResult]) -> None:
        self.results.extend(results)

    @property
    def rules(self) -> list[RuleInfo]:
        seen: dict[str, RuleInfo] = {}
        for result in self.results:
            seen.setdefault(result.rule.id, result.rule)
        return list(seen.values())

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def passed(self) -> bool:
        return not any(r.blocking for r in self.results)

    @property
    def exit_code(self) -> int:
        """0 when nothing blocks (warnings allowed), 1 when a blocking rule failed."""
        return 0 if self.passed else 1
