"""Load an OpenQASM 2 or 3 circuit and describe it: qubits, bits, depth, gates, measurements.

OpenQASM 2 goes through qiskit's parser with the legacy custom instructions; OpenQASM 3
through pyqasm, which validates and unrolls (loops, custom gates) first.  Both are imported
only when a circuit is parsed, so ``microgate`` imports without the ``quantum`` extra; when it
is missing, :class:`QuantumExtraMissing` says what to install.  A circuit that would not fit
this machine's memory is refused from its text alone (:mod:`microgate.quantum.limits`).

Example:
    >>> text = 'OPENQASM 2.0;\\ninclude "qelib1.inc";\\nqreg q[2];\\ncreg c[2];\\n' \\
    ...        'h q[0];\\ncx q[0],q[1];\\nmeasure q -> c;\\n'
    >>> stats = parse_qasm(text, 2)
    >>> stats.qubits, stats.depth, stats.gate_counts["cx"], stats.measurements
    (2, 3, 1, 2)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from microgate.errors import InputError
from microgate.quantum.limits import CircuitLimits, check_memory
from microgate.quantum.qasmtext import scan_qasm

DIRECTIVES = frozenset({"barrier", "measure"})
"""Operations every target accepts; never counted as gates outside a basis."""


class QuantumExtraMissing(ImportError):
    """A package of the ``quantum`` extra is not installed."""

    def __init__(self, module: str) -> None:
        self.module = module
        super().__init__(f"install microgate[quantum] to lint circuits ({module} is missing)")


class CircuitError(Exception):
    """A circuit does not parse or validate; ``line``/``column`` are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.message, self.line, self.column = message, line, column
        super().__init__(message)


@dataclass(frozen=True)
class CircuitStats:
    """What a parsed circuit is made of."""

    version: int
    qubits: int
    clbits: int
    depth: int
    gate_counts: dict[str, int] = field(default_factory=dict)
    """Operations by name, as the parser sees them (``measure`` and ``barrier`` included)."""
    physical: bool = False
    """True for QASM 3 circuits on hardware qubits (``$0``), already laid out on a device."""
    two_qubit_pairs: tuple[tuple[int, int, int | None], ...] = ()
    """Physical circuits only: (qubit a, qubit b, line) of each distinct 2-qubit gate pair."""
    shots: int | None = None
    """Shots asked for by a ``// shots: N`` comment."""

    @property
    def measurements(self) -> int:
        return self.gate_counts.get("measure", 0)

    @property
    def gates(self) -> dict[str, int]:
        """Gate counts without measurements and barriers."""
        return {k: v for k, v in self.gate_counts.items() if k not in DIRECTIVES}


def parse_qasm(
    text: str,
    version: int,
    *,
    include_dir: Path | None = None,
    max_loop_iterations: int | None = None,
) -> CircuitStats:
    """Parse ``text`` as OpenQASM ``version`` (2 or 3); raise :class:`CircuitError` with the
    line of the first problem, or :class:`QuantumExtraMissing`."""
    if version == 2:
        from microgate.quantum.qasm2_loader import load_qasm2

        return load_qasm2(text, include_dir=include_dir)
    from microgate.quantum.qasm3_loader import load_qasm3

    return load_qasm3(text, max_loop_iterations=max_loop_iterations)


def circuit_stats(path: str | Path, *, limits: CircuitLimits | None = None) -> CircuitStats:
    """Read, guard and parse the circuit at ``path``.

    Raises :class:`~microgate.errors.InputError` (file and line) for a file that cannot be
    read, has no valid header, does not parse, or is too large to simulate on this machine —
    the last decided from the declared qubits before anything is built.
    """
    limits = limits or CircuitLimits()
    source = Path(path)
    try:
        size = source.stat().st_size
        if size > limits.max_file_bytes:
            raise InputError(str(source), f"file of {size} bytes is over the limit")
        text = source.read_bytes().decode("utf-8")
    except OSError as exc:
        raise InputError(str(source), f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise InputError(str(source), f"not valid UTF-8 at byte {exc.start}") from None
    scan = scan_qasm(text)
    if scan.header_line is None:
        raise InputError(str(source), "missing 'OPENQASM 2.0;' or 'OPENQASM 3.0;' header", 1)
    for problem in scan.problems:
        raise InputError(str(source), problem.message, problem.line, problem.column)
    if scan.qubits is not None:
        memory = check_memory(
            scan.qubits,
            available_bytes=limits.available_bytes,
            safety_factor=limits.safety_factor,
        )
        if not memory.fits:
            raise InputError(str(source), memory.message, scan.qubits_line)
    try:
        stats = parse_qasm(
            text,
            scan.guessed_version,
            include_dir=source.parent,
            max_loop_iterations=limits.max_loop_iterations,
        )
    except CircuitError as exc:
        raise InputError(str(source), exc.message, exc.line, exc.column) from None
    return stats if scan.shots is None else replace(stats, shots=scan.shots)
