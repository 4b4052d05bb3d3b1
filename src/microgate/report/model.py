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

import posixpath
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from microgate.findings import Finding, Level

MANIFEST_NAMES = ("microgate.yaml", "microgate.yml")
_ABSOLUTE = re.compile(r"^(/|[A-Za-z]:/|[A-Za-z][A-Za-z0-9+.-]*://)")


class Outcome(StrEnum):
    """What became of one rule for one app."""

    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    ERROR = "error"  # the rule could not be evaluated: counts as failed, never passed
    WAIVED = "waived"
    SKIPPED = "skipped"  # not applicable (tier or stage)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Metadata of a rule, shared by every report format."""

    id: str
    name: str
    description: str
    help: str = ""
    level: Level = Level.ERROR
    tags: tuple[str, ...] = ()
    help_uri: str = ""


@dataclass(frozen=True, slots=True)
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

    @property
    def headline(self) -> str:
        """A one-line message for this result: its message, else its first finding's, else
        the rule's description (never empty)."""
        for text in (self.message, *(f.message for f in self.findings), self.rule.description):
            if text.strip():
                return text
        return f"{self.rule.id} {self.outcome.value}"


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
    def label(self) -> str:
        """The app's name, or the subject path when the app has no name."""
        return self.app or self.subject

    def counts(self) -> dict[str, int]:
        """How many results had each outcome, plus how many block (keys in a fixed order)."""
        counts = {outcome.value: self.count(outcome) for outcome in Outcome}
        counts["blocking"] = sum(1 for r in self.results if r.blocking)
        return counts

    @property
    def passed(self) -> bool:
        return not any(r.blocking for r in self.results)

    @property
    def exit_code(self) -> int:
        """0 when nothing blocks (warnings allowed), 1 when a blocking rule failed."""
        return 0 if self.passed else 1


def repo_path(subject: str, path: str) -> str:
    """Join a finding's app-relative ``path`` onto the report's ``subject`` (the app folder or
    manifest file as given on the command line), giving a path relative to where the command
    ran.  Absolute paths and URIs are returned unchanged (with ``/`` separators).

    Example:
        >>> repo_path("examples/notes", "app.py")
        'examples/notes/app.py'
        >>> repo_path("./examples/notes/microgate.yaml", "prompts/a.yaml")
        'examples/notes/prompts/a.yaml'
        >>> repo_path(".", "app.py"), repo_path("apps/x", "/abs/app.py")
        ('app.py', '/abs/app.py')
    """
    target = path.replace("\\", "/")
    if _ABSOLUTE.match(target):
        return target
    root = subject.replace("\\", "/").rstrip("/")
    if posixpath.basename(root) in MANIFEST_NAMES:
        root = posixpath.dirname(root)
    return posixpath.normpath(posixpath.join(root, target) if root else target)


def manifest_path(subject: str) -> str:
    """The manifest file of the app ``subject`` names, relative to where the command ran.

    Example:
        >>> manifest_path("examples/notes"), manifest_path("a/microgate.yml")
        ('examples/notes/microgate.yaml', 'a/microgate.yml')
    """
    root = subject.replace("\\", "/").rstrip("/")
    if posixpath.basename(root) in MANIFEST_NAMES:
        return posixpath.normpath(root)
    return repo_path(subject, MANIFEST_NAMES[0])
