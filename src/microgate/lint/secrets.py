"""Secrets scan of a whole app (MG-S001), with the app's baseline of accepted findings.

Every text file is scanned — Python, YAML, JSON, ``.env``, configuration, notebooks — by the
one secret scanner of microgate (:func:`microgate.discover.secrets.scan_secrets`:
detect-secrets as a library, its network verification switched off, paths relative to the
app root).  A secret whose file + hash + type is in ``.microgate/secrets.baseline`` is
accepted and not reported; ``update=True`` rewrites the baseline to what is found now.

A finding names the kind of secret, the file and line, and the variable it is assigned to;
never the value (the value's hash is only in the baseline file and the finding's evidence).

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from microgate.lint.appfiles import read_app
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / ".env").write_text("SLACK=" + "xox" + "b-1234567890-abcdefghij\\n")
    >>> outcome = scan_app_secrets(read_app(root))
    >>> [(f.rule_id, f.location.render(), f.message) for f in outcome.results[0].findings]
    [('MG-S001', '.env:1:7', 'Slack Token hard-coded in .env (SLACK)')]
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from typing import Any

from microgate import __version__
from microgate.discover.observations import Kind, Observation
from microgate.discover.secrets import distinct_secrets, scan_secrets
from microgate.findings import Finding, Level
from microgate.lint.appfiles import AppFiles
from microgate.lint.outcomes import check_results
from microgate.lint.secrets_baseline import (
    BASELINE_PATH,
    BaselineEntry,
    Changes,
    load_baseline,
    updated,
    write_baseline,
)
from microgate.report.model import CheckResult, RuleInfo

SECRET_FOUND = RuleInfo(
    "MG-S001",
    "secret-found",
    "No hard-coded secrets anywhere in the app (code, configuration, notebooks, .env files)",
    help=(
        "Remove the value, rotate it, and read it at run time from a secret reference declared "
        "in microgate.yaml (env://NAME or vault://path#key). If it is not a secret, accept it "
        "with 'microgate lint --update-baseline' and commit .microgate/secrets.baseline."
    ),
    level=Level.ERROR,
    tags=("security", "secrets"),
)
NOT_SCANNED = RuleInfo(
    "MG-S002",
    "file-not-scanned",
    "Every file of the app could be scanned",
    help="Files that are binary, not UTF-8, too large, minified or links out of the app are "
    "not (fully) scanned; keep secrets-bearing configuration as plain UTF-8 text in the app.",
    level=Level.NOTE,
    tags=("secrets",),
)
RULES = (SECRET_FOUND, NOT_SCANNED)


@dataclass
class SecretsOutcome:
    """What the secrets part found: its results, where secrets were seen (accepted ones
    too), and a summary for the report."""

    results: list[CheckResult]
    places: set[tuple[str, int | None]] = field(default_factory=set)
    summary: dict[str, Any] = field(default_factory=dict)
    changes: Changes | None = None


def _entry(obs: Observation) -> BaselineEntry:
    return BaselineEntry(obs.location.path, obs.evidence, obs.value, obs.location.line)


def _finding(obs: Observation) -> Finding:
    where = f" ({obs.detail})" if obs.detail else ""
    return Finding(
        SECRET_FOUND.id,
        Level.ERROR,
        f"{obs.value} hard-coded in {obs.location.path}{where}",
        obs.location,
        fix_hint=SECRET_FOUND.help,
        evidence=f"{obs.value}\x1f{obs.evidence}",
        properties={"secretType": obs.value},
    )


def _note(obs: Observation) -> Finding:
    return Finding(
        NOT_SCANNED.id,
        Level.NOTE,
        f"{obs.location.path}: {obs.detail or obs.value}",
        obs.location,
        fix_hint=NOT_SCANNED.help,
    )


def scanner_available() -> bool:
    """Whether detect-secrets is installed (it comes with the ``cli`` extra)."""
    return importlib.util.find_spec("detect_secrets") is not None


def scan_app_secrets(files: AppFiles, *, update: bool = False) -> SecretsOutcome:
    """Scan ``files`` for secrets and apply (or with ``update``, rewrite) the baseline."""
    root = files.root
    baseline = load_baseline(root)
    observed = scan_secrets(root, files.texts)
    hits = distinct_secrets([o for o in observed if o.kind is Kind.SECRET_LITERAL])
    notes = [o for o in [*files.notes, *observed] if o.kind is Kind.UNSCANNED]
    changes = None
    if update:
        baseline, changes = updated(baseline, (_entry(o) for o in hits))
        write_baseline(root, baseline, generated_by=f"microgate {__version__}")
    accepted = [o for o in hits if baseline.accepts(_entry(o))]
    active = [o for o in hits if not baseline.accepts(_entry(o))]
    skipped = {}
    if not scanner_available():
        skipped[SECRET_FOUND.id] = (
            "detect-secrets is not installed (pip install 'microgate[cli]'); "
            "only well-known token shapes in very long lines were checked"
        )
    passed = {SECRET_FOUND.id: f"no secrets found ({len(accepted)} accepted in {BASELINE_PATH})"}
    findings = [*map(_finding, active), *map(_note, dict.fromkeys(notes))]
    results = check_results(RULES, findings, skipped=skipped, passed=passed)
    summary: dict[str, Any] = {"secretsFound": len(hits), "secretsAccepted": len(accepted)}
    if changes is not None:
        summary["baseline"] = {"path": BASELINE_PATH, **vars(changes)}
    places = {(o.location.path, o.location.line) for o in hits}
    return SecretsOutcome(results, places, summary, changes)
