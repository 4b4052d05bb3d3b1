"""Reports shared by the renderer tests: two apps covering every outcome.

``notes`` fails: a rule with two findings (one message full of ``<&"``, a newline and
unicode), an error-level rule that failed without findings, a warning-level failure, a rule
that could not be evaluated, a waived rule and a skipped one.  ``ledger`` passes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from microgate.findings import Finding, Level, Location
from microgate.report.model import CheckResult, Outcome, Report, RuleInfo

SECRET = "sk-live-0123456789abcdef"  # evidence: must never appear in any output
TRICKY = 'secret literal <api_key> & "token"\nsecond line: ünïcødé ✓ 100%'

MODELS = RuleInfo(
    "MG-P001",
    "models-allowed",
    "Only allowed model families",
    help="Use a family listed in the policy.",
    tags=("policy", "models"),
    help_uri="https://example.org/rules/MG-P001",
)
PII = RuleInfo("MG-P002", "pii-redaction", "PII requires redaction", help="Enable redaction.")
SECRETS = RuleInfo("MG-L003", "inline-secrets", "No inline secrets", tags=("lint", "security"))
PROMPT = RuleInfo("MG-L001", "prompt-version", "Prompts carry a version", level=Level.WARNING)
QUANTUM = RuleInfo("MG-P004", "quantum-approval", "Quantum hardware needs approval")
LATENCY = RuleInfo("MG-P006", "latency-slo", "High tier declares a latency SLO")
OWNER = RuleInfo("MG-P005", "owner-declared", "An owner is declared", level=Level.WARNING)


def notes_report() -> Report:
    report = Report(tool="gate", subject="examples/notes", app="notes", summary={"tier": "high"})
    report.extend(
        [
            CheckResult(MODELS, Outcome.PASS, "all models allowed"),
            CheckResult(
                SECRETS,
                Outcome.FAIL,
                "2 inline secrets",
                findings=(
                    Finding(
                        "MG-L003",
                        Level.ERROR,
                        TRICKY,
                        Location("app.py", 12, 5),
                        fix_hint="reference the secret: ${secret:OPENAI_KEY}",
                        evidence=SECRET,
                    ),
                    Finding(
                        "MG-L003",
                        Level.ERROR,
                        "API key in a prompt template",
                        Location("prompts/summary.yaml", 3),
                        fix_hint="move it to the secret store",
                        evidence=SECRET + "-2",
                    ),
                ),
            ),
            CheckResult(PII, Outcome.FAIL, "PII declared but redaction is off"),
            CheckResult(
                PROMPT,
                Outcome.FAIL,
                "",
                findings=(Finding("MG-L001", Level.WARNING, "prompt 'summary' has no version"),),
            ),
            CheckResult(QUANTUM, Outcome.ERROR, "CEL evaluation error: no such key 'quantum'"),
            CheckResult(
                LATENCY,
                Outcome.WAIVED,
                "no latency SLO declared",
                findings=(Finding("MG-P006", Level.ERROR, "no latency SLO declared"),),
                reasons=("waiver W-12 approved by alice until 2030-01-01", "measured in staging"),
            ),
            CheckResult(OWNER, Outcome.SKIPPED, "", reasons=("not applicable to tier low",)),
        ]
    )
    return report


def ledger_report() -> Report:
    report = Report(tool="gate", subject="examples/ledger/", app="ledger")
    report.extend(
        [
            CheckResult(MODELS, Outcome.PASS, "all models allowed"),
            CheckResult(PII, Outcome.PASS, "redaction enabled"),
            CheckResult(QUANTUM, Outcome.SKIPPED, "", reasons=("no quantum integrations",)),
        ]
    )
    return report


@pytest.fixture
def two_apps() -> list[Report]:
    return [notes_report(), ledger_report()]


@pytest.fixture
def build_two_apps() -> Callable[[], list[Report]]:
    """A factory, for tests that need two separately built but equal inputs."""
    return lambda: [notes_report(), ledger_report()]
