"""Count gates and compute depth over an (unrolled) OpenQASM 3 AST.

Nodes are recognised by class name, so this module needs no import of ``openqasm3``.  Depth
follows qiskit's definition: each gate, measurement or reset starts one layer after the latest
layer of the qubits (and, for a measurement, the bit) it touches; barriers and global phases
take no layer.  Statements inside ``if``/``while``/``box`` count as if always executed (an
upper bound).  Hardware qubits (``$3``) make a circuit *physical*.

Example:
    >>> c = Counted()
    >>> c.add("h", [("q", "q", 0)]); c.add("cx", [("q", "q", 0), ("q", "q", 1)])
    >>> c.add("h", [("q", "q", 1)]); c.add("barrier", [])
    >>> c.depth, c.counts
    (3, {'h': 2, 'cx': 1, 'barrier': 1})
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

_NESTED = {
    "BranchingStatement": ("if_block", "else_block"),
    "WhileLoop": ("block",),
    "ForInLoop": ("block",),
    "Box": ("body",),
}


@dataclass
class Counted:
    """Operation counts, depth, 2-qubit pairs (physical indices) of one program."""

    counts: dict[str, int] = field(default_factory=dict)
    depth: int = 0
    pairs: set[tuple[int, int]] = field(default_factory=set)
    physical: bool = False
    _layers: dict[tuple[str, str, int], int] = field(default_factory=dict, repr=False)

    def add(self, name: str, wires: list[tuple[str, str, int]]) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1
        if name == "barrier" or not wires:
            return
        layer = max((self._layers.get(w, 0) for w in wires), default=0) + 1
        for wire in wires:
            self._layers[wire] = layer
        self.depth = max(self.depth, layer)


def bit_key(node: Any, kind: str) -> tuple[str, str, int] | None:
    """``(kind, register, index)`` of ``q[2]``, ``q`` (index 0) or ``$2`` (register ``$``)."""
    if node is None:
        return None
    name_node = getattr(node, "name", None)
    if isinstance(name_node, str):  # a bare Identifier
        if name_node.startswith("$") and name_node[1:].isdigit():
            return (kind, "$", int(name_node[1:]))
        return (kind, name_node, 0)
    register = getattr(name_node, "name", "?")
    indices = getattr(node, "indices", None) or [[None]]
    first = indices[0][0] if isinstance(indices[0], list) and indices[0] else None
    value = getattr(first, "value", 0)
    return (kind, str(register), value if isinstance(value, int) else 0)


def _visit(counted: Counted, statements: Iterable[Any]) -> None:
    for node in statements:
        kind = type(node).__name__
        if kind == "QuantumGate":
            wires = [w for w in (bit_key(q, "q") for q in node.qubits) if w]
            counted.add(str(node.name.name), wires)
            physical = [w[2] for w in wires if w[1] == "$"]
            if physical:
                counted.physical = True
            if len(physical) == 2 and physical[0] != physical[1]:
                a, b = physical
                counted.pairs.add((min(a, b), max(a, b)))
        elif kind == "QuantumMeasurementStatement":
            qubit = bit_key(node.measure.qubit, "q")
            target = bit_key(node.target, "c")
            counted.physical |= bool(qubit and qubit[1] == "$")
            counted.add("measure", [w for w in (qubit, target) if w])
        elif kind == "QuantumReset":
            targets = node.qubits if isinstance(node.qubits, list) else [node.qubits]
            counted.add("reset", [w for w in (bit_key(q, "q") for q in targets) if w])
        elif kind == "QuantumBarrier":
            counted.add("barrier", [])
        elif kind in _NESTED:
            for attribute in _NESTED[kind]:
                _visit(counted, getattr(node, attribute, None) or [])


def count_program(statements: Iterable[Any]) -> Counted:
    """Counts, depth and physical 2-qubit pairs of ``statements``."""
    counted = Counted()
    _visit(counted, statements)
    return counted


def physical_pair_lines(
    pairs: set[tuple[int, int]], original: Iterable[Any]
) -> tuple[tuple[int, int, int | None], ...]:
    """Each pair with the first line where the original (not unrolled) program applies a
    2-qubit gate to it, ``None`` when it only arises from a loop or a custom gate."""
    lines: dict[tuple[int, int], int] = {}
    for node in original:
        if type(node).__name__ != "QuantumGate" or len(node.qubits) != 2:
            continue
        keys = [bit_key(q, "q") for q in node.qubits]
        if all(k and k[1] == "$" for k in keys) and node.span is not None:
            a, b = (k[2] for k in keys if k)
            lines.setdefault((min(a, b), max(a, b)), int(node.span.start_line))
    return tuple((a, b, lines.get((a, b))) for a, b in sorted(pairs))
