"""What can be learnt from a QASM file's text alone, before any parser (or qiskit) is loaded.

The header (``OPENQASM 2.0;``, ``OPENQASM 3.0;``, ``OPENQASM 3;``) and its line; the qubits
declared (``qreg q[n];``, ``qubit[n] q;``, ``qubit q;``, hardware qubits ``$k``), with sizes
that are integer literals or simple constant expressions; ``include`` lines; and a
``// shots: N`` pragma.  This is what the memory guard counts, so a 40-qubit circuit is
refused without building anything.

Example:
    >>> text = 'OPENQASM 3;\\nconst int n = 4;\\nqubit[n] q;\\nqubit a;\\n// shots: 500\\n'
    >>> scan = scan_qasm(text)
    >>> scan.version, scan.header_line, scan.qubits, scan.shots, scan.shots_line
    (3, 1, 5, 500, 5)
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

_HEADER = re.compile(r"\A\s*OPENQASM\s+([0-9]+(?:\.[0-9]+)?)\s*;")
# Patterns start with a literal (fast to search); _statements() checks the word boundary.
_QREG = re.compile(r"qreg\s+([A-Za-z_]\w*)\s*\[([^\]]*)\]\s*;")
_QUBIT_ARRAY = re.compile(r"qubit\s*\[([^\]]*)\]\s*([A-Za-z_]\w*)\s*;")
_QUBIT_SINGLE = re.compile(r"qubit\s+([A-Za-z_]\w*)\s*;")
_PHYSICAL = re.compile(r"\$(\d+)")
_CONST = re.compile(r"const\s+u?int(?:\s*\[\s*\d+\s*\])?\s+([A-Za-z_]\w*)\s*=\s*([^;]+);")
_INCLUDE = re.compile(r"include\s+\"([^\"]*)\"\s*;")
_SHOTS = re.compile(r"//\s*shots\s*[:=]\s*(\d+)\b", re.IGNORECASE)
_QASM3_HINTS = re.compile(r"\b(qubit|bit|stdgates\.inc|for|while|def|const|input|output)\b")
_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_MAX_SIZE_EXPONENT = 64
_MAX_SIZE = 2**64


@dataclass(frozen=True, slots=True)
class TextProblem:
    """Something wrong that the text shows (1-based line, column when known)."""

    message: str
    line: int
    column: int | None = None


@dataclass(frozen=True, slots=True)
class QasmText:
    """The result of :func:`scan_qasm`."""

    version: int | None
    """2 or 3 from the header; ``None`` when the header is missing or unsupported."""
    header_line: int | None
    guessed_version: int
    """The header's version, else a guess from the syntax used (``qubit``, ``bit``...)."""
    qubits: int | None
    """Qubits declared, ``None`` when a size could not be evaluated (see ``problems``)."""
    qubits_line: int
    """Line of the largest declaration (1 when there is none)."""
    physical: bool
    shots: int | None
    shots_line: int | None
    includes: tuple[tuple[str, int], ...]
    problems: tuple[TextProblem, ...]


def _blank_comments(text: str) -> str:
    """Replace comments by spaces, keeping every newline (so offsets keep their line)."""
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _statements(pattern: re.Pattern[str], code: str) -> list[re.Match[str]]:
    """Matches of ``pattern`` that start a word (not ``myqreg``)."""
    return [
        m
        for m in pattern.finditer(code)
        if m.start() == 0 or not (code[m.start() - 1].isalnum() or code[m.start() - 1] in "_$")
    ]


class _Lines:
    """1-based line and column of offsets into one text (newlines indexed once)."""

    def __init__(self, text: str) -> None:
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_left(self.newlines, offset)
        start = self.newlines[index - 1] + 1 if index else 0
        return index + 1, offset - start + 1


def _evaluate(expr: str, consts: dict[str, int]) -> int | None:
    """A non-negative integer from a literal or a constant expression, else ``None``."""
    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError:
        return None

    def value(node: ast.AST) -> int:
        result = _node_value(node, consts, value)
        if abs(result) > _MAX_SIZE:
            raise ValueError(expr)
        return result

    try:
        result = value(tree.body)
    except (ValueError, OverflowError):
        return None
    return result if result >= 0 else None


def _node_value(node: ast.AST, consts: dict[str, int], value: Callable[[ast.AST], int]) -> int:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.Name) and node.id in consts:
        return consts[node.id]
    if isinstance(node, ast.BinOp):
        left, right = value(node.left), value(node.right)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if isinstance(node.op, ast.Pow) and 0 <= right <= _MAX_SIZE_EXPONENT:
            return int(left**right)
        if isinstance(node.op, ast.FloorDiv | ast.Div) and right:
            return left // right
    raise ValueError(node)


def _version(match: re.Match[str] | None) -> int | None:
    if match is None:
        return None
    major, _, minor = match.group(1).partition(".")
    if major == "2" and minor in ("", "0"):
        return 2
    return 3 if major == "3" else None


def scan_qasm(text: str) -> QasmText:
    """Scan ``text`` (the whole file) without parsing it."""
    code = _blank_comments(text)
    line_col = _Lines(code)  # comments are blanked in place: same lines as ``text``
    problems: list[TextProblem] = []
    header = _HEADER.match(code)
    version = _version(header)
    header_line = line_col(header.start(1))[0] if header else None
    if header and version is None:
        problems.append(
            TextProblem(f"unsupported OpenQASM version {header.group(1)}", header_line or 1)
        )
    guessed = version or (3 if _QASM3_HINTS.search(code) else 2)  # only searched without header
    consts: dict[str, int] = {}
    for match in _statements(_CONST, code):
        size = _evaluate(match.group(2), consts)
        if size is not None:
            consts[match.group(1)] = size
    total, largest, largest_line, known = 0, -1, 1, True
    sized = [(m, m.group(2)) for m in _statements(_QREG, code)]
    sized += [(m, m.group(1)) for m in _statements(_QUBIT_ARRAY, code)]
    sized += [(m, "1") for m in _statements(_QUBIT_SINGLE, code)]
    for match, expr in sorted(sized, key=lambda pair: pair[0].start()):
        size = _evaluate(expr, consts)
        line, column = line_col(match.start())
        if size is None:
            known = False
            problems.append(
                TextProblem(
                    f"register size '{expr.strip()}' is not a constant integer expression",
                    line,
                    column,
                )
            )
            continue
        total += size
        if size > largest:
            largest, largest_line = size, line
    physical = list(_PHYSICAL.finditer(code))
    if physical:
        total += max(int(m.group(1)) for m in physical) + 1
        if not sized:
            largest_line = line_col(physical[0].start())[0]
    shots = _SHOTS.search(text)
    return QasmText(
        version=version,
        header_line=header_line,
        guessed_version=guessed,
        qubits=total if known else None,
        qubits_line=largest_line,
        physical=bool(physical),
        shots=int(shots.group(1)) if shots else None,
        shots_line=line_col(shots.start())[0] if shots else None,
        includes=tuple((m.group(1), line_col(m.start())[0]) for m in _statements(_INCLUDE, code)),
        problems=tuple(problems),
    )
