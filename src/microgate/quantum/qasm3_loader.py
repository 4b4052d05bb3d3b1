"""OpenQASM 3 through pyqasm (imported on first use): validate, unroll, then count.

pyqasm unrolls loops and custom ``gate`` definitions; the standard gates it knows are kept as
they are (``external_gates``) so that gate counts name what the author wrote (``rzz`` stays
``rzz``).  Depth and counts are computed here from the unrolled program.

pyqasm reports the position of a validation error only through its logger, and the
OpenQASM parser beneath it prints syntax errors on stderr; both are captured here (and
pyqasm's habit of setting ``sys.tracebacklimit`` is undone) so the line reaches the finding.

Example:
    >>> text = 'OPENQASM 3.0;\\ninclude "stdgates.inc";\\nqubit[3] q;\\nbit[3] c;\\n' \\
    ...        'for int i in [0:1] { cx q[i], q[i+1]; }\\nc = measure q;\\n'
    >>> stats = load_qasm3(text)
    >>> stats.qubits, stats.depth, stats.gate_counts
    (3, 3, {'cx': 2, 'measure': 3})
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import sys
from collections.abc import Iterator
from typing import Any

from microgate.quantum.circuits import CircuitError, CircuitStats, QuantumExtraMissing
from microgate.quantum.qasm3_walk import count_program, physical_pair_lines

_LOGGED_AT = re.compile(r"Error at line (\d+), column (\d+)")
_PARSER_AT = re.compile(r"^L(\d+):C(\d+):\s*(.*)$", re.DOTALL)
_PREFIX = "Failed to parse OpenQASM string:"


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _quiet_pyqasm() -> Iterator[_Capture]:
    logger = logging.getLogger("pyqasm")
    handlers, capture = logger.handlers[:], _Capture()
    had_limit = hasattr(sys, "tracebacklimit")
    limit = getattr(sys, "tracebacklimit", None)
    logger.handlers = [capture]
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            yield capture
    finally:
        logger.handlers = handlers
        if had_limit:
            sys.tracebacklimit = limit
        elif hasattr(sys, "tracebacklimit"):
            del sys.tracebacklimit


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [a for a in current.args if isinstance(a, BaseException)]
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]


def error_position(exc: BaseException, logged: list[str]) -> CircuitError:
    """The first problem's message and 1-based position from pyqasm's exception and log."""
    message = str(exc).removeprefix(_PREFIX).strip()
    for text in reversed(logged):
        found = _LOGGED_AT.search(text)
        if found:
            return CircuitError(message, int(found.group(1)), int(found.group(2)) + 1)
    for cause in _chain(exc):
        parsed = _PARSER_AT.match(str(cause))
        if parsed:
            detail = parsed.group(3).strip() or message
            return CircuitError(detail, int(parsed.group(1)), int(parsed.group(2)) + 1)
        token: Any = getattr(cause, "offendingToken", None)
        if token is not None and getattr(token, "line", None):
            text = getattr(token, "text", "") or ""
            near = "unexpected end of file" if text == "<EOF>" else f"syntax error at '{text}'"
            return CircuitError(message or near, int(token.line), int(token.column) + 1)
    return CircuitError(message or f"invalid OpenQASM 3 ({type(exc).__name__})")


def _external_gates() -> list[str]:
    from pyqasm.maps import gates

    names: set[str] = set()
    for table in (
        "ONE_QUBIT_OP_MAP",
        "ONE_QUBIT_ROTATION_MAP",
        "TWO_QUBIT_OP_MAP",
        "THREE_QUBIT_OP_MAP",
        "FOUR_QUBIT_OP_MAP",
        "FIVE_QUBIT_OP_MAP",
    ):
        names.update(getattr(gates, table, {}))
    return sorted(names)


def load_qasm3(text: str, *, max_loop_iterations: int | None = None) -> CircuitStats:
    """Validate and unroll OpenQASM 3 ``text`` with pyqasm and describe the result."""
    try:
        import pyqasm
    except ImportError:
        raise QuantumExtraMissing("pyqasm") from None
    options: dict[str, Any] = {"external_gates": _external_gates()}
    if max_loop_iterations is not None:
        options["max_loop_iters"] = max_loop_iterations
    with _quiet_pyqasm() as capture:
        try:
            module = pyqasm.loads(text)
            module.unroll(**options)
        except Exception as exc:  # pyqasm and its parser raise many types for bad input
            raise error_position(exc, capture.messages) from None
    counted = count_program(module.unrolled_ast.statements)
    physical = counted.physical
    pairs = physical_pair_lines(counted.pairs, module.original_program.statements)
    return CircuitStats(
        version=3,
        qubits=int(module.num_qubits),
        clbits=int(module.num_clbits),
        depth=counted.depth,
        gate_counts=dict(sorted(counted.counts.items())),
        physical=physical,
        two_qubit_pairs=pairs if physical else (),
    )
