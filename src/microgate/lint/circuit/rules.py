"""The circuit lint rules (MG-Q001 ... MG-Q012): ids, names, levels and help.

Errors block: a circuit that does not parse, has no header, needs more qubits than its
backend or this machine has, asks for more shots than the budget, or cannot be read.
Warnings: depth over the limit, gates outside the backend's basis (transpiling fixes it), no
measurement.  Notes: 2-qubit gates on uncoupled hardware qubits, an unknown backend, and a
missing ``quantum`` extra.

Example:
    >>> RULES["MG-Q009"].name, RULES["MG-Q006"].level.value
    ('too-large-to-simulate', 'note')
"""

from __future__ import annotations

from microgate.findings import Level
from microgate.report.model import RuleInfo


def _rule(rule_id: str, name: str, description: str, help_text: str, level: Level) -> RuleInfo:
    return RuleInfo(rule_id, name, description, help=help_text, level=level, tags=("quantum",))


PARSE, HEADER, QUBITS, DEPTH, BASIS, COUPLING = (f"MG-Q00{i}" for i in range(1, 7))
MEASURE, SHOTS, MEMORY, FILE, BACKEND, EXTRA = (
    "MG-Q007",
    "MG-Q008",
    "MG-Q009",
    "MG-Q010",
    "MG-Q011",
    "MG-Q012",
)

RULES: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        _rule(
            PARSE,
            "qasm-parse-error",
            "Circuit does not parse or validate",
            "Fix the OpenQASM at the line given: declare every register before use, end "
            "statements with ';', use gates defined by the include or a 'gate' definition.",
            Level.ERROR,
        ),
        _rule(
            HEADER,
            "qasm-missing-header",
            "Circuit has no OPENQASM version header",
            "Start the file with 'OPENQASM 2.0;' or 'OPENQASM 3.0;'.",
            Level.ERROR,
        ),
        _rule(
            QUBITS,
            "too-many-qubits",
            "Circuit needs more qubits than its backend has",
            "Use fewer qubits or a backend with more (quantum.backend).",
            Level.ERROR,
        ),
        _rule(
            DEPTH,
            "depth-over-limit",
            "Circuit depth is over the limit",
            "Shorten the circuit (fewer layers, better decomposition); deep circuits "
            "decohere on hardware and simulate slowly.",
            Level.WARNING,
        ),
        _rule(
            BASIS,
            "gate-outside-basis",
            "Gate outside the backend's basis gates",
            "Transpile for the backend (qiskit.transpile(circuit, backend)) or use its "
            "basis gates directly.",
            Level.WARNING,
        ),
        _rule(
            COUPLING,
            "uncoupled-qubits",
            "2-qubit gate on hardware qubits that are not coupled",
            "Use coupled qubit pairs of the device, or write virtual qubits "
            "and let the transpiler route them.",
            Level.NOTE,
        ),
        _rule(
            MEASURE,
            "no-measurement",
            "Circuit measures nothing",
            "Add measurements (QASM 2: 'measure q -> c;', QASM 3: 'c = measure q;'); a job "
            "without them returns no counts.",
            Level.WARNING,
        ),
        _rule(
            SHOTS,
            "shots-over-budget",
            "Shots above the budget",
            "Lower the shots, or raise quantum.shots.perJob within the backend's maximum "
            "and the daily budget.",
            Level.ERROR,
        ),
        _rule(
            MEMORY,
            "too-large-to-simulate",
            "Circuit too large to simulate on this machine",
            "A state vector takes 16 x 2^n bytes for n qubits; use fewer "
            "qubits, or run on a machine with more memory.",
            Level.ERROR,
        ),
        _rule(
            FILE,
            "circuit-file",
            "Circuit file missing, unreadable or outside the app",
            "List circuit files relative to the app root (globs allowed), inside it, "
            "without links that leave it.",
            Level.ERROR,
        ),
        _rule(
            BACKEND,
            "unknown-backend",
            "Backend not known to microgate",
            "Use aer_simulator, braket_local, fake_<device> or ibm_<device>; other "
            "backends get generic checks only.",
            Level.NOTE,
        ),
        _rule(
            EXTRA,
            "quantum-extra-missing",
            "Circuit parsers not installed",
            "install microgate[quantum] to lint circuits",
            Level.NOTE,
        ),
    )
}

PARSED_RULES = (PARSE, DEPTH, BASIS, COUPLING, MEASURE)
"""Rules that need a parsed circuit (skipped when the quantum extra is missing)."""
