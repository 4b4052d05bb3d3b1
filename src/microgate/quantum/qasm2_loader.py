"""OpenQASM 2 through qiskit's parser (imported on first use), with the legacy instructions.

Qiskit reports problems as ``<input>:LINE,COLUMN: message`` with a 0-based column; they
become a :class:`~microgate.quantum.circuits.CircuitError` with 1-based line and column.

Example:
    >>> position('"<input>:4,4: index 5 is out-of-range for register of size 2"')
    (4, 5, 'index 5 is out-of-range for register of size 2')
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

from microgate.quantum.circuits import CircuitError, CircuitStats, QuantumExtraMissing

_POSITION = re.compile(r"^<([^>]*)>:(\d+),(\d+):\s*(.*)$", re.DOTALL)


def position(message: str) -> tuple[int | None, int | None, str]:
    """(line, 1-based column, text) of a qiskit QASM 2 error message."""
    text = message.strip().strip('"')
    match = _POSITION.match(text)
    if match is None:
        return None, None, text
    origin, line, column, rest = match.groups()
    if origin != "input":  # the problem is inside an included file
        return None, None, f"in {origin}, line {line}: {rest}"
    return int(line), int(column) + 1, rest


def load_qasm2(text: str, *, include_dir: Path | None = None) -> CircuitStats:
    """Parse OpenQASM 2 ``text``; includes resolve in ``include_dir`` only."""
    try:
        qasm2: Any = importlib.import_module("qiskit.qasm2")
    except ImportError:
        raise QuantumExtraMissing("qiskit") from None
    try:
        circuit = qasm2.loads(
            text,
            include_path=(str(include_dir),) if include_dir else (),
            custom_instructions=qasm2.LEGACY_CUSTOM_INSTRUCTIONS,
        )
    except qasm2.QASM2Error as exc:
        line, column, message = position(str(exc))
        raise CircuitError(message, line, column) from None
    counts = {str(name): int(n) for name, n in sorted(circuit.count_ops().items())}
    return CircuitStats(
        version=2,
        qubits=circuit.num_qubits,
        clbits=circuit.num_clbits,
        depth=circuit.depth(),
        gate_counts=counts,
    )
