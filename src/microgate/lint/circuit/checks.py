"""The checks of one circuit against its target, in the order that keeps them safe.

Text first (header, register sizes, includes, the shots pragma, qubits against the backend
and against this machine's memory); only a circuit that passes the memory guard is handed to
a parser, and only a parsed circuit gets the depth, basis, coupling and measurement checks.

Example:
    >>> from microgate.quantum.targets import resolve_target
    >>> text = 'OPENQASM 2.0;\\ninclude "qelib1.inc";\\nqreg q[1];\\nh q[0];\\n'
    >>> result = check_circuit("c.qasm", text, CircuitContext(resolve_target("aer")))
    >>> [(f.rule_id, f.location.line) for f in result.findings]
    [('MG-Q007', None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from microgate.findings import Finding, Location
from microgate.lint.circuit.files import inside
from microgate.lint.circuit.rules import (
    BASIS,
    COUPLING,
    DEPTH,
    FILE,
    HEADER,
    MEASURE,
    MEMORY,
    PARSE,
    QUBITS,
    RULES,
    SHOTS,
)
from microgate.quantum.circuits import (
    DIRECTIVES,
    CircuitError,
    CircuitStats,
    QuantumExtraMissing,
    parse_qasm,
)
from microgate.quantum.limits import CircuitLimits, check_memory
from microgate.quantum.qasmtext import QasmText, scan_qasm
from microgate.quantum.targets import Target

STANDARD_INCLUDES = frozenset({"qelib1.inc", "stdgates.inc"})


@dataclass(frozen=True)
class CircuitContext:
    """Everything a circuit is checked against."""

    target: Target
    limits: CircuitLimits = field(default_factory=CircuitLimits)
    shots_per_job: int | None = None
    root: Path | None = None
    """The app root (include files must stay inside it); ``None``: includes not resolved."""


@dataclass
class CircuitResult:
    """Findings of one circuit, its stats when parsed, the module missing when not."""

    findings: list[Finding] = field(default_factory=list)
    stats: CircuitStats | None = None
    missing: str = ""


def _find(
    rule: str,
    message: str,
    rel: str,
    line: int | None = None,
    column: int | None = None,
    *,
    hint: str = "",
    evidence: str = "",
) -> Finding:
    info = RULES[rule]
    return Finding(
        rule,
        info.level,
        message,
        Location(rel, line, column),
        fix_hint=hint or info.help,
        evidence=evidence,
    )


def first_use(text: str, gate: str) -> int | None:
    """Line of the first statement that starts with ``gate`` (comments not excluded)."""
    found = re.search(rf"(?m)^[ \t]*{re.escape(gate)}\b(?!\s*=)", text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _text_checks(rel: str, scan: QasmText, ctx: CircuitContext, path: Path | None) -> list[Finding]:
    out: list[Finding] = []
    if scan.header_line is None:
        out.append(
            _find(
                HEADER,
                "missing 'OPENQASM 2.0;' or 'OPENQASM 3.0;' header",
                rel,
                1,
                evidence="header",
            )
        )
    out += [
        _find(PARSE, p.message, rel, p.line, p.column, evidence=p.message) for p in scan.problems
    ]
    for name, line in scan.includes:
        if name in STANDARD_INCLUDES or ctx.root is None or path is None:
            continue
        if (
            ".." in Path(name).parts
            or Path(name).is_absolute()
            or not inside(ctx.root, path.parent / name)
        ):
            out.append(
                _find(FILE, f"include '{name}' leaves the app root", rel, line, evidence=name)
            )
    budget, cap = ctx.shots_per_job, ctx.target.max_shots
    if scan.shots is not None:
        for limit, what in ((budget, "quantum.shots.perJob"), (cap, f"{ctx.target.name}'s max")):
            if limit is not None and scan.shots > limit:
                out.append(
                    _find(
                        SHOTS,
                        f"the circuit asks for {scan.shots:,} shots; {what} is {limit:,}",
                        rel,
                        scan.shots_line,
                        evidence=what,
                    )
                )
    top = ctx.target.max_qubits
    if scan.qubits is not None and top is not None and scan.qubits > top:
        out.append(
            _find(
                QUBITS,
                f"{scan.qubits} qubits declared; {ctx.target.description} has {top}",
                rel,
                scan.qubits_line,
                evidence=str(scan.qubits),
            )
        )
    return out


def _stats_checks(rel: str, text: str, stats: CircuitStats, ctx: CircuitContext) -> list[Finding]:
    out: list[Finding] = []
    if stats.depth > ctx.limits.max_depth:
        out.append(
            _find(
                DEPTH,
                f"depth {stats.depth:,} is over the limit of {ctx.limits.max_depth:,}",
                rel,
                evidence="depth",
            )
        )
    basis = ctx.target.basis_gates
    if basis is not None:
        for gate in sorted(set(stats.gates) - basis - DIRECTIVES):
            out.append(
                _find(
                    BASIS,
                    f"gate '{gate}' ({stats.gate_counts[gate]}x) is not a basis "
                    f"gate of {ctx.target.name} ({', '.join(sorted(basis))}); "
                    "transpile the circuit for it",
                    rel,
                    first_use(text, gate),
                    evidence=gate,
                )
            )
    if stats.physical and ctx.target.coupling is not None:
        for a, b, line in stats.two_qubit_pairs:
            if not ctx.target.coupled(a, b):
                out.append(
                    _find(
                        COUPLING,
                        f"2-qubit gate on ${a} and ${b}, which "
                        f"{ctx.target.name} does not couple; the transpiler will "
                        "route it with swaps",
                        rel,
                        line,
                        evidence=f"{a}-{b}",
                    )
                )
    if stats.measurements == 0:
        out.append(_find(MEASURE, "the circuit measures nothing", rel, evidence="measure"))
    return out


def check_circuit(
    rel: str, text: str, ctx: CircuitContext, path: Path | None = None
) -> CircuitResult:
    """All findings for the circuit ``rel`` (app-relative path) whose text is ``text``."""
    scan = scan_qasm(text)
    result = CircuitResult(_text_checks(rel, scan, ctx, path))
    if scan.qubits is None or scan.problems or any(f.rule_id == FILE for f in result.findings):
        return result  # unknown size or version, include out of the app: never parsed
    memory = check_memory(
        scan.qubits,
        available_bytes=ctx.limits.available_bytes,
        safety_factor=ctx.limits.safety_factor,
    )
    if not memory.fits:
        result.findings.append(
            _find(
                MEMORY,
                f"refused: {memory.message}",
                rel,
                scan.qubits_line,
                evidence=f"qubits={scan.qubits}",
            )
        )
        return result
    try:
        stats = parse_qasm(
            text,
            scan.guessed_version,
            include_dir=path.parent if path else None,
            max_loop_iterations=ctx.limits.max_loop_iterations,
        )
    except QuantumExtraMissing as exc:
        result.missing = exc.module
        return result
    except CircuitError as exc:
        result.findings.append(
            _find(PARSE, exc.message, rel, exc.line, exc.column, evidence=exc.message)
        )
        return result
    result.stats = stats
    result.findings += _stats_checks(rel, text, stats, ctx)
    return result
