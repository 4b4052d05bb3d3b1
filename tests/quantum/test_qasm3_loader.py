"""pyqasm's side effects stay contained: no stderr noise, tracebacks intact, logger restored."""

from __future__ import annotations

import logging
import sys

import pytest

from microgate.quantum.circuits import CircuitError
from microgate.quantum.qasm3_loader import error_position, load_qasm3

BAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nc[0] = measure r[0];\n'


def test_errors_leave_no_trace(capsys: pytest.CaptureFixture[str]) -> None:
    handlers = logging.getLogger("pyqasm").handlers[:]
    had_limit = hasattr(sys, "tracebacklimit")
    for text in (BAD, "OPENQASM 3.0;\nqubit[2] q;\n  h q[0] $ ;\n"):
        with pytest.raises(CircuitError):
            load_qasm3(text)
    assert hasattr(sys, "tracebacklimit") is had_limit
    assert logging.getLogger("pyqasm").handlers == handlers
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("logged", "line", "column"),
    [
        (["Error at line 6, column 0 in QASM file\n >>>>>> c[0] = measure r[0];"], 6, 1),
        (["unrelated", "Error at line 2, column 4 in QASM file"], 2, 5),
        ([], None, None),
    ],
)
def test_error_position_from_the_log(
    logged: list[str], line: int | None, column: int | None
) -> None:
    found = error_position(ValueError("Missing register"), logged)
    assert (found.line, found.column, found.message) == (line, column, "Missing register")


def test_error_position_from_a_parser_message_in_the_chain() -> None:
    inner = ValueError("L3:C9: token recognition error at: '$ '")
    outer = RuntimeError("Failed to parse OpenQASM string: ")
    outer.__cause__ = inner
    found = error_position(outer, [])
    assert (found.line, found.column) == (3, 10)
    assert found.message == "token recognition error at: '$ '"


def test_error_without_any_position_keeps_a_message() -> None:
    found = error_position(RuntimeError(""), [])
    assert found.line is None and "invalid OpenQASM 3" in found.message
