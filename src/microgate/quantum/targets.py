"""Descriptions of the backends a circuit can target: qubits, basis gates, coupling, shots.

=================  ==================================================================
name               what is known
=================  ==================================================================
``aer_simulator``  any gate, any coupling; the qubit limit is this machine's memory
``fake_<device>``  qiskit-ibm-runtime's offline snapshot of the device: qubits,
``ibm_<device>``   basis gates (operation names of its target), coupling map,
                   maximum shots (``fake_manila``, ``ibm_brisbane``, ``ibmq_lima``...)
``braket_local``   Braket's local state-vector simulator: 25 qubits, Braket's gate set
                   (in the OpenQASM names the Braket backend translates from)
anything else      a generic target: nothing known, so only generic checks apply
=================  ==================================================================

Fake devices are looked up in ``qiskit_ibm_runtime.fake_provider`` on first use (imported
then, cached per name).

Example:
    >>> t = resolve_target("braket_local")
    >>> t.max_qubits, "cx" in t.basis_gates, t.known
    (25, True, True)
    >>> resolve_target("my-lab-device").known
    False
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass
from typing import Any

from microgate.quantum.circuits import QuantumExtraMissing

SIMULATOR_NAMES = frozenset(
    {"aer_simulator", "aer", "aer_simulator_statevector", "qasm_simulator", "statevector_simulator"}
)
BRAKET_LOCAL_QUBITS = 25
BRAKET_GATES = frozenset(
    # Braket name -> OpenQASM/qiskit name: cnot cx, ccnot ccx, phaseshift p, cphaseshift cp,
    # si sdg, ti tdg, v sx, vi sxdg, i id, xx rxx, yy ryy, zz rzz; the rest keep their name.
    {
        "h",
        "x",
        "y",
        "z",
        "s",
        "sdg",
        "t",
        "tdg",
        "sx",
        "sxdg",
        "id",
        "rx",
        "ry",
        "rz",
        "p",
        "u",
        "gphase",
        "cx",
        "cy",
        "cz",
        "cp",
        "swap",
        "iswap",
        "pswap",
        "ecr",
        "xy",
        "rxx",
        "ryy",
        "rzz",
        "ccx",
        "cswap",
        "gpi",
        "gpi2",
        "ms",
        "prx",
    }
)
_CONTROL_FLOW = frozenset({"for_loop", "if_else", "while_loop", "switch_case", "box"})
_DEVICE = re.compile(r"^(?:fake_?|ibmq?_)?([a-z]+?)(?:_?v2)?$")


@dataclass(frozen=True)
class Target:
    """What lint knows about one backend (``None`` = no restriction known)."""

    name: str
    description: str
    known: bool = True
    max_qubits: int | None = None
    basis_gates: frozenset[str] | None = None
    coupling: frozenset[tuple[int, int]] | None = None
    """Undirected pairs ``(a, b)`` with ``a < b`` that a 2-qubit gate may act on."""
    max_shots: int | None = None

    def coupled(self, a: int, b: int) -> bool:
        """True when ``a`` and ``b`` may share a 2-qubit gate (always, with no coupling map)."""
        return self.coupling is None or (min(a, b), max(a, b)) in self.coupling


def device_class_names(name: str) -> list[str]:
    """Candidate qiskit-ibm-runtime class names for a device name.

    Example:
        >>> device_class_names("ibm_brisbane"), device_class_names("fake_manila")
        (['FakeBrisbaneV2', 'FakeBrisbane'], ['FakeManilaV2', 'FakeManila'])
    """
    match = _DEVICE.match(name.lower())
    if match is None:
        return []
    stem = match.group(1).capitalize()
    return [f"Fake{stem}V2", f"Fake{stem}"]


@functools.lru_cache(maxsize=32)
def _fake_target(name: str) -> Target | None:
    try:
        fake_provider: Any = importlib.import_module("qiskit_ibm_runtime.fake_provider")
    except ImportError:
        raise QuantumExtraMissing("qiskit-ibm-runtime") from None
    for class_name in device_class_names(name):
        cls = getattr(fake_provider, class_name, None)
        if cls is None:
            continue
        backend = cls()
        target = backend.target
        edges = target.build_coupling_map().get_edges() if target.num_qubits > 1 else []
        max_shots = getattr(backend.configuration(), "max_shots", None)
        return Target(
            name=name,
            description=f"{backend.name} ({backend.num_qubits} qubits, offline snapshot)",
            max_qubits=int(backend.num_qubits),
            basis_gates=frozenset(str(op) for op in target.operation_names) - _CONTROL_FLOW,
            coupling=frozenset((min(a, b), max(a, b)) for a, b in edges),
            max_shots=int(max_shots) if max_shots else None,
        )
    return None


def resolve_target(name: str) -> Target:
    """The target named ``name`` in a manifest's ``quantum.backend``.

    Raises :class:`~microgate.quantum.circuits.QuantumExtraMissing` when a device name needs
    qiskit-ibm-runtime and it is not installed.
    """
    key = name.strip().lower()
    if key in SIMULATOR_NAMES:
        return Target(name, "Aer state-vector simulator (limited by this machine's memory)")
    if key in ("braket_local", "braket_sv", "braket_local_simulator"):
        return Target(
            name,
            f"Braket local state-vector simulator ({BRAKET_LOCAL_QUBITS} qubits)",
            max_qubits=BRAKET_LOCAL_QUBITS,
            basis_gates=BRAKET_GATES,
        )
    if key.startswith(("fake", "ibm")):
        found = _fake_target(key)
        if found is not None:
            return found
    return Target(name, "unknown backend: generic checks only", known=False)
