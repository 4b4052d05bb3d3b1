"""Circuit lint: the OpenQASM 2 and 3 files of an app's ``quantum`` section (MG-Q001..MG-Q012).

``lint_circuits(app_root, manifest)`` returns one :class:`~microgate.report.model.CheckResult`
per rule.  Qiskit and pyqasm are imported only when a circuit is parsed; without them the
text checks still run (header, memory guard, shots) and MG-Q012 notes what to install.

Example:
    >>> import tempfile
    >>> from microgate.manifest.model import Manifest
    >>> root = Path(tempfile.mkdtemp())
    >>> m = Manifest.model_validate({"apiVersion": "microgate/v1", "name": "a", "owner": "o",
    ...                              "userScope": "team"})
    >>> {r.outcome.value for r in lint_circuits(root, m)}
    {'pass'}
"""

from __future__ import annotations

from pathlib import Path

from microgate.findings import Finding, Location
from microgate.lint.circuit.checks import CircuitContext, check_circuit
from microgate.lint.circuit.files import find_circuits, read_circuit
from microgate.lint.circuit.rules import BACKEND, EXTRA, PARSED_RULES, RULES, SHOTS
from microgate.lint.outcomes import check_results
from microgate.manifest.model import Manifest, QuantumUse
from microgate.quantum.circuits import CircuitStats, QuantumExtraMissing, circuit_stats
from microgate.quantum.limits import CircuitLimits
from microgate.quantum.targets import Target, resolve_target
from microgate.report.model import MANIFEST_NAMES, CheckResult

__all__ = ["RULES", "CircuitLimits", "CircuitStats", "circuit_stats", "lint_circuits"]


def _manifest_rel(root: Path) -> str:
    return next((n for n in MANIFEST_NAMES if (root / n).is_file()), MANIFEST_NAMES[0])


def _finding(rule: str, message: str, where: Location, evidence: str = "") -> Finding:
    info = RULES[rule]
    return Finding(rule, info.level, message, where, fix_hint=info.help, evidence=evidence)


def _budget_findings(quantum: QuantumUse, target: Target, where: Location) -> list[Finding]:
    shots, out = quantum.shots, []
    if target.max_shots is not None and shots.per_job > target.max_shots:
        out.append(
            _finding(
                SHOTS,
                f"quantum.shots.perJob is {shots.per_job:,}; "
                f"{target.name} runs at most {target.max_shots:,} shots per job",
                where,
                "perJob>max",
            )
        )
    if shots.per_job > shots.per_day:
        out.append(
            _finding(
                SHOTS,
                f"quantum.shots.perJob ({shots.per_job:,}) is above "
                f"quantum.shots.perDay ({shots.per_day:,})",
                where,
                "perJob>perDay",
            )
        )
    return out


def lint_circuits(
    app_root: Path, manifest: Manifest, *, limits: CircuitLimits | None = None
) -> list[CheckResult]:
    """Lint every circuit ``manifest.quantum.circuits`` lists (globs, relative to
    ``app_root``) against the backend it names; all rules pass when there is none."""
    rules = list(RULES.values())
    quantum = manifest.quantum
    if quantum is None or not quantum.circuits:
        return check_results(rules, [], passed={r.id: "no circuits" for r in rules})
    root = Path(app_root)
    where = Location(_manifest_rel(root))
    findings: list[Finding] = []
    missing: set[str] = set()
    try:
        target = resolve_target(quantum.backend)
    except QuantumExtraMissing as exc:
        missing.add(exc.module)
        target = Target(quantum.backend, "device description not available", known=False)
    else:
        if not target.known:
            findings.append(
                _finding(
                    BACKEND,
                    f"backend '{quantum.backend}' is not known: only generic checks apply",
                    where,
                    quantum.backend,
                )
            )
    findings += _budget_findings(quantum, target, where)
    ctx = CircuitContext(target, limits or CircuitLimits(), quantum.shots.per_job, root)
    files, refused = find_circuits(root, quantum.circuits, where.path)
    findings += refused
    for file in files:
        text = read_circuit(file, ctx.limits.max_file_bytes)
        if isinstance(text, Finding):
            findings.append(text)
            continue
        result = check_circuit(file.rel, text, ctx, file.path)
        findings += result.findings
        if result.missing:
            missing.add(result.missing)
    skipped: dict[str, str] = {}
    if missing:
        names = ", ".join(sorted(missing))
        findings.append(
            _finding(
                EXTRA,
                f"install microgate[quantum] to lint circuits ({names} "
                "not installed): parse, depth, basis, coupling and measurement "
                "checks did not run",
                where,
                names,
            )
        )
        skipped = dict.fromkeys(PARSED_RULES, "not checked: install microgate[quantum]")
    count = f"{len(files)} circuit{'s' if len(files) != 1 else ''} checked"
    return check_results(rules, findings, skipped=skipped, passed={r.id: count for r in rules})
