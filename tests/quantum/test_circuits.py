"""Loading circuits: stats of the fixtures, errors with their exact line and column."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from microgate.errors import InputError
from microgate.quantum.circuits import (
    CircuitError,
    CircuitStats,
    QuantumExtraMissing,
    circuit_stats,
    parse_qasm,
)
from microgate.quantum.limits import CircuitLimits

FIXTURES = Path(__file__).resolve().parent.parent / "lint" / "fixtures" / "circuits"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "route-optimizer" / "circuits"


@pytest.mark.parametrize(
    ("path", "version", "qubits", "clbits", "depth", "counts"),
    [
        (FIXTURES / "ghz.qasm", 2, 3, 3, 4, {"cx": 2, "h": 1, "measure": 3}),
        (
            FIXTURES / "qft.qasm",
            2,
            3,
            3,
            7,
            {"cu1": 3, "h": 3, "measure": 3, "swap": 1, "x": 1},
        ),
        (FIXTURES / "grover.qasm", 3, 2, 2, 8, {"cz": 2, "h": 6, "measure": 2, "x": 4}),
        # the loop runs the custom gate (h, cx) on three pairs: unrolled, then counted
        (FIXTURES / "loop_custom_gate.qasm", 3, 4, 4, 7, {"cx": 3, "h": 3, "measure": 4}),
        (FIXTURES / "no_measurement.qasm", 3, 2, 0, 2, {"cx": 1, "h": 1}),
        (EXAMPLE / "bell.qasm", 2, 2, 2, 3, {"cx": 1, "h": 1, "measure": 2}),
        # rzz is kept as written, not decomposed
        (EXAMPLE / "maxcut_qaoa.qasm", 3, 4, 4, 8, {"h": 4, "measure": 4, "rx": 4, "rzz": 5}),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else None,
)
def test_stats(
    path: Path, version: int, qubits: int, clbits: int, depth: int, counts: dict[str, int]
) -> None:
    stats = circuit_stats(path)
    assert (stats.version, stats.qubits, stats.clbits, stats.depth) == (
        version,
        qubits,
        clbits,
        depth,
    )
    assert stats.gate_counts == counts
    assert stats.measurements == counts.get("measure", 0)
    assert "measure" not in stats.gates


def test_physical_circuit_pairs_carry_their_lines() -> None:
    stats = circuit_stats(FIXTURES / "physical_uncoupled.qasm")
    assert stats.physical
    assert stats.two_qubit_pairs == ((0, 1, 6), (0, 2, 7))


def test_shots_pragma_reaches_the_stats() -> None:
    assert circuit_stats(FIXTURES / "shots_pragma.qasm").shots == 5000


@pytest.mark.parametrize(
    ("name", "line", "column", "words"),
    [
        ("undeclared_register.qasm", 8, 17, "'d' is not defined"),
        ("missing_header.qasm", 1, None, "missing 'OPENQASM 2.0;'"),
        ("syntax_error3.qasm", 6, 1, "syntax error at 'cx'"),
        ("input_size.qasm", 4, 1, "not a constant integer expression"),
        ("version4.qasm", 2, None, "unsupported OpenQASM version 4.0"),
        ("forty_qubits.qasm", 4, None, "40 qubits need 16 \u00d7 2^40 B = 16 TiB"),
    ],
)
def test_errors_name_file_and_line(name: str, line: int, column: int | None, words: str) -> None:
    with pytest.raises(InputError) as caught:
        circuit_stats(FIXTURES / name)
    error = caught.value
    assert (error.source, error.line, error.column) == (str(FIXTURES / name), line, column)
    assert words in error.message


def test_memory_refusal_follows_the_available_memory() -> None:
    # half of 2 * 16 * 4 bytes holds 2^2 amplitudes: 2 qubits; half of 2 * 16 * 8 holds 3
    with pytest.raises(InputError, match="at most 2 qubits"):
        circuit_stats(FIXTURES / "ghz.qasm", limits=CircuitLimits(available_bytes=2 * 16 * 4))
    assert circuit_stats(FIXTURES / "ghz.qasm", limits=CircuitLimits(available_bytes=2 * 16 * 8))


def test_unreadable_and_oversized_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        circuit_stats(tmp_path / "nope.qasm")
    big = tmp_path / "big.qasm"
    big.write_text("OPENQASM 2.0;\n" + "// padding\n" * 20)
    with pytest.raises(InputError, match="over the limit"):
        circuit_stats(big, limits=CircuitLimits(max_file_bytes=100))
    bad = tmp_path / "bad.qasm"
    bad.write_bytes(b"OPENQASM 2.0;\n\xff\n")
    with pytest.raises(InputError, match="not valid UTF-8"):
        circuit_stats(bad)


Q2 = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n'
Q3 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'


@pytest.mark.parametrize(
    ("text", "version", "line", "column"),
    [
        (Q2 + "qreg q[2];\nfoo q[0];\n", 2, 4, 1),
        (Q2 + "qreg q[2];\nh q[5];\n", 2, 4, 5),
        (Q2 + "qreg q[1];\nqreg q[2];\n", 2, 4, 6),
        (Q2 + "qreg q[1];\nh q[0]", 2, 4, 1),  # qiskit points at the statement
        (Q2 + 'include "missing.inc";\n', 2, 3, 9),
        (Q3 + "qubit[2] q;\n\nfoo q[0];\n", 3, 5, 1),
        (Q3 + "qubit[2] q;\nbit[2] c;\nc[0] = measure r[0];\n", 3, 5, 1),
        (Q3 + "qubit[2] q;\n  h q[0] $ ;\n", 3, 4, 10),
        (Q3 + "qubit[2] q;\nif (\n", 3, 5, 1),
        (Q3 + "qubit[2] q;\nfor int i in [0:5] {\n  h q[i];\n}\n", 3, 5, 3),
    ],
)
def test_parse_errors_have_exact_positions(text: str, version: int, line: int, column: int) -> None:
    with pytest.raises(CircuitError) as caught:
        parse_qasm(text, version)
    assert (caught.value.line, caught.value.column) == (line, column), caught.value.message


def test_loop_limit_is_enforced() -> None:
    text = Q3 + "qubit[1] q;\nfor int i in [0:1000] {\n  h q[0];\n}\n"
    with pytest.raises(CircuitError, match="exceeded max allowed '10'"):
        parse_qasm(text, 3, max_loop_iterations=10)
    assert parse_qasm(text, 3, max_loop_iterations=2000).gate_counts == {"h": 1001}


@pytest.mark.parametrize(("module", "version"), [("qiskit", 2), ("pyqasm", 3)])
def test_missing_extra_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, module: str, version: int
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    monkeypatch.setitem(sys.modules, f"{module}.qasm2", None)
    with pytest.raises(QuantumExtraMissing, match=r"install microgate\[quantum\]"):
        parse_qasm("OPENQASM 2.0;\nqreg q[1];\n" if version == 2 else Q3, version)


def test_stats_views() -> None:
    stats = CircuitStats(2, 1, 1, 2, {"barrier": 1, "h": 2, "measure": 1})
    assert (stats.gates, stats.measurements) == ({"h": 2}, 1)
