"""The text scan that runs before any parser: header, qubits, includes, shots pragma."""

from __future__ import annotations

import pytest

from microgate.quantum.qasmtext import scan_qasm

Q2 = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n'
Q3 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'


@pytest.mark.parametrize(
    ("text", "version", "line"),
    [
        ("OPENQASM 2.0;\n", 2, 1),
        ("OPENQASM 2;\n", 2, 1),
        ("OPENQASM 3.0;\n", 3, 1),
        ("OPENQASM 3;\n", 3, 1),
        ("OPENQASM 3.1;\n", 3, 1),
        ("// comment\n\n  OPENQASM 3;\n", 3, 3),
        ("/* block\ncomment */ OPENQASM 2.0;\n", 2, 2),
        ("OPENQASM 4.0;\n", None, 1),
        ('include "qelib1.inc";\nOPENQASM 2.0;\n', None, None),
        ("", None, None),
    ],
)
def test_header(text: str, version: int | None, line: int | None) -> None:
    scan = scan_qasm(text)
    assert (scan.version, scan.header_line) == (version, line)


def test_unsupported_version_is_a_problem_on_its_line() -> None:
    scan = scan_qasm("\nOPENQASM 4.0;\n")
    assert [(p.message, p.line) for p in scan.problems] == [("unsupported OpenQASM version 4.0", 2)]


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ('include "qelib1.inc";\nqreg q[1];\n', 2),
        ("qubit[2] q;\n", 3),
        ('include "stdgates.inc";\n', 3),
        ("OPENQASM 2.0;\nqubit[2] q;\n", 2),  # the header wins
    ],
)
def test_version_guess(text: str, guess: int) -> None:
    assert scan_qasm(text).guessed_version == guess


@pytest.mark.parametrize(
    ("body", "qubits", "line"),
    [
        (Q2 + "qreg q[3];\n", 3, 3),
        (Q2 + "qreg a[2];\nqreg b[5];\nqreg c[1];\n", 8, 4),
        (Q2 + "qreg q[2]; creg c[2]; qreg r[4];\n", 6, 3),
        (Q3 + "qubit[4] q;\n", 4, 3),
        (Q3 + "qubit q;\nqubit r;\n", 2, 3),
        (Q3 + "qreg old[3];\nqubit[2] new;\n", 5, 3),
        (Q3 + "const int n = 5;\nqubit[n] q;\n", 5, 4),
        (Q3 + "const uint n = 3;\nconst int m = 2 * n + 1;\nqubit[m] q;\n", 7, 5),
        (Q3 + "qubit[2**5] q;\n", 32, 3),
        (Q3 + "bit[2] c;\nh $0;\ncx $0, $4;\n", 5, 4),
        (Q3 + "// qubit[100] q;\nqubit[2] q;\n", 2, 4),
        (Q3 + "/* qreg big[99]; */\nqubit[1] q;\n", 1, 4),
        (Q2 + "myqreg q[9];\n", 0, 1),
        (Q2, 0, 1),
    ],
)
def test_qubits_declared(body: str, qubits: int, line: int) -> None:
    scan = scan_qasm(body)
    assert (scan.qubits, scan.qubits_line, scan.problems) == (qubits, line, ())


@pytest.mark.parametrize(
    ("body", "line", "column"),
    [
        (Q3 + "input int n;\nqubit[n] q;\n", 4, 1),
        (Q3 + "qubit[2**100] q;\n", 3, 1),
        (Q3 + "const int a = 2**64;\nconst int b = a**64;\nqubit[b] q;\n", 5, 1),
        (Q3 + "  qubit[-3] q;\n", 3, 3),
        (Q3 + "qubit[foo(2)] q;\n", 3, 1),
    ],
)
def test_sizes_that_cannot_be_evaluated_are_problems(body: str, line: int, column: int) -> None:
    scan = scan_qasm(body)
    assert scan.qubits is None
    assert [(p.line, p.column) for p in scan.problems] == [(line, column)]
    assert "not a constant integer expression" in scan.problems[0].message


def test_physical_qubits() -> None:
    scan = scan_qasm(Q3 + "h $2;\n")
    assert (scan.physical, scan.qubits, scan.qubits_line) == (True, 3, 3)
    assert scan_qasm(Q3 + "qubit[2] q;\n").physical is False


@pytest.mark.parametrize(
    ("text", "shots", "line"),
    [
        (Q2 + "// shots: 4096\n", 4096, 3),
        (Q2 + "qreg q[1];\n//Shots=10\n", 10, 4),
        (Q2 + "// shots per job are set elsewhere\n", None, None),
        (Q2, None, None),
    ],
)
def test_shots_pragma(text: str, shots: int | None, line: int | None) -> None:
    scan = scan_qasm(text)
    assert (scan.shots, scan.shots_line) == (shots, line)


def test_includes_with_lines() -> None:
    scan = scan_qasm('OPENQASM 2.0;\ninclude "qelib1.inc";\n\ninclude "mine.inc";\n')
    assert scan.includes == (("qelib1.inc", 2), ("mine.inc", 4))
